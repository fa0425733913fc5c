package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Run as an ordinary user (nobody, through setpriv): ajar lists what it can read, sockets of root's
 * processes without owner, and says once on stderr what it could not see.
 */
class NonRootIT {
  @Test
  void anOrdinaryUserGetsTheListAndOneNotice() throws Exception {
    Integration.requireRoot();
    Integration.requireCommand("/usr/bin/setpriv");
    try (ServerSocket mine = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      var r =
          Integration.exec(
              Duration.ofSeconds(120),
              "setpriv",
              "--reuid=nobody",
              "--regid=nogroup",
              "--clear-groups",
              "--",
              Integration.projectDir().resolve("bin/ajar").toString(),
              "ports",
              "-t");
      assertThat(r.code()).as(r.err()).isZero();
      // Our (root's) listener is still listed, without an owner the user may not see.
      assertThat(r.out()).containsPattern(" " + mine.getLocalPort() + " .*\\(unknown\\) uid 0");
      List<String> denied = denied(r.err());
      assertThat(denied).hasSize(1);
      // pid 1's open files are root's: the notice names it, by pid and program
      assertThat(denied.getFirst()).containsPattern("processes?: 1 \\([^)]+\\)");
      assertThat(r.err()).contains("run as root").doesNotContain("Exception");
      // The pass through the file system (no native calls) gives the same notice.
      var nio =
          Integration.exec(
              Duration.ofSeconds(120),
              "setpriv",
              "--reuid=nobody",
              "--regid=nogroup",
              "--clear-groups",
              "--",
              "env",
              "JAVA_TOOL_OPTIONS=-Dajar.no-native=true",
              Integration.projectDir().resolve("bin/ajar").toString(),
              "ports",
              "-t");
      assertThat(nio.code()).as(nio.err()).isZero();
      assertThat(uncounted(denied(nio.err()))).isEqualTo(uncounted(denied));
    }
  }

  private static List<String> denied(String err) {
    return err.lines().filter(l -> l.startsWith("ajar ports: permission denied")).toList();
  }

  /** The notice without its counts, which a process starting or exiting in between changes. */
  private static List<String> uncounted(List<String> lines) {
    return lines.stream().map(l -> l.replaceAll("\\d+ (processes|more)", "N $1")).toList();
  }
}
