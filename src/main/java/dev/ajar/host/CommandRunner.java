package dev.ajar.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs of the live host: argv only (never a shell), LC_ALL=C, a timeout, stderr kept.
 * An offline root gets a runner that refuses, so nothing from an analysed image is ever executed.
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
      try {
        var out = p.getInputStream();
        var err = p.getErrorStream();
        // Read both streams concurrently so a chatty stderr cannot block the child.
        var errText = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    errText.complete(err.readAllBytes());
                  } catch (IOException e) {
                    errText.complete(new byte[0]);
                  }
                });
        byte[] stdout = out.readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IOException(argv.get(0) + ": timed out after " + timeout.toSeconds() + " s");
        }
        return new Result(
            p.exitValue(),
            new String(stdout, StandardCharsets.UTF_8),
            new String(errText.join(), StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException(argv.get(0) + ": interrupted", e);
      }
    };
  }

  static CommandRunner refusing(String why) {
    return (argv, timeout) -> {
      throw new IOException("not running " + argv.get(0) + ": nothing is executed for " + why);
    };
  }
}
