package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Run as an ordinary user (nobody, through setpriv): ajar lists what it can read, sockets of
 * root's processes without owner, and says once on stderr what it could not see.
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
              "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
              Integration.projectDir().resolve("bin/ajar").toString(), "ports", "-t");
      assertThat(r.code()).as(r.err()).isZero();
      // Our (root's) listener is still listed, without an owner the user may not see.
      assertThat(r.out()).containsPattern(" " + mine.getLocalPort() + " .*\\(unknown\\) uid 0");
      assertThat(r.err().lines().filter(l -> l.startsWith("ajar ports: permission denied")))
          .hasSize(1);
      assertThat(r.err()).contains("run as root").doesNotContain("Exception");
    }
  }
}
