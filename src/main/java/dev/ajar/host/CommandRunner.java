package dev.ajar.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs of the live host: argv only (never a shell), LC_ALL=C, a timeout, stderr kept. An
 * offline root gets a runner that refuses, so nothing from an analysed image is ever executed.
 */
public interface CommandRunner {
  /** What a command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  Result run(List<String> argv, Duration timeout) throws IOException;

  static CommandRunner system() {
    return (argv, timeout) -> {
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().put("LC_ALL", "C");
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process p = pb.start();
      // Both streams are drained on their own threads, so the timeout holds even for a command
      // that prints nothing and never exits, and a chatty stderr cannot block it.
      var out = drain(p.getInputStream());
      var err = drain(p.getErrorStream());
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IOException(argv.get(0) + ": timed out after " + timeout.toSeconds() + " s");
        }
        return new Result(
            p.exitValue(),
            new String(out.join(), StandardCharsets.UTF_8),
            new String(err.join(), StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException(argv.get(0) + ": interrupted", e);
      }
    };
  }

  private static java.util.concurrent.CompletableFuture<byte[]> drain(java.io.InputStream in) {
    var bytes = new java.util.concurrent.CompletableFuture<byte[]>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (in) {
                bytes.complete(in.readAllBytes());
              } catch (IOException e) {
                bytes.complete(new byte[0]);
              }
            });
    return bytes;
  }

  static CommandRunner refusing(String why) {
    return (argv, timeout) -> {
      throw new IOException("not running " + argv.get(0) + ": nothing is executed for " + why);
    };
  }
}
