package dev.ajar.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.history.Change;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagrams really sent, to a Unix datagram socket python3 binds (the JDK cannot). */
class SyslogTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void aChangeIsOneDatagramToTheSocket() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 missing");
    Path socket = dir.resolve("log");
    Process receiver =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import socket,sys\n"
                    + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM); s.bind(sys.argv[1])\n"
                    + "print('ready',flush=True); s.settimeout(20)\n"
                    + "print(s.recv(4096).decode(),flush=True)\n",
                socket.toString())
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).isEqualTo("ready");
      Syslog syslog = new Syslog(socket.toString(), 812, ZoneId.of("UTC"), err);
      Change c =
          new Change(
              Change.Kind.OPENED, Change.How.POLL, Ports.t(10), Ports.t(0), Ports.state(8080, 812));
      syslog.snapshot(
          new SnapshotStats(2, Ports.t(10), null, null, 1, 1, true, 1), List.of(c), List.of());
      syslog.stopped();
      String got = lines.readLine();
      assertThat(got)
          .matches("<30>[A-Z][a-z]{2} [ 0-9][0-9] \\d\\d:\\d\\d:\\d\\d ajar\\[812\\]: .*");
      assertThat(got).endsWith(": " + ChangeText.line(c));
      assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    } finally {
      receiver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void noSocketIsSaidOnceAndTheWatcherGoesOn() {
    Syslog syslog = new Syslog(dir.resolve("none").toString(), 1, ZoneId.of("UTC"), err);
    syslog.send(6, "one");
    syslog.send(6, "two");
    syslog.stopped();
    assertThat(errBytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ajar watch: syslog: "
                + dir.resolve("none")
                + ": no such socket (no syslog daemon?): changes go to stdout only\n");
  }
}
