package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dumps of this test's own namespace through the real kernel (no privilege needed): a listener the
 * test opens is in the LISTEN dump and not in the dump of other states; a protocol whose diag
 * module the kernel lacks (raw_diag on many kernels) is no table and no problem.
 */
class NetlinkSocketsTest {
  @Test
  void theKernelFiltersByStateAndAMissingModuleIsNoProblem() throws Exception {
    var sys = Syscalls.get();
    assumeTrue(sys.isPresent(), "no syscall(2) through FFM on this architecture");
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        NetlinkSockets netlink = NetlinkSockets.open(sys.get(), 0, -1)) {
      assertThat(netlink).isNotNull();
      int port = listener.getLocalPort();
      // Java's sockets are IPv6 ones (127.0.0.1 as ::ffff:127.0.0.1) unless it prefers IPv4.
      List<KernelSocket> listening = new java.util.ArrayList<>();
      for (Family family : Family.values()) {
        List<KernelSocket> dumped =
            netlink.dump(Protocol.TCP, family, SockDiagParser.STATES_LISTEN);
        assertThat(dumped).as(family.toString()).isNotNull();
        assertThat(dumped).allMatch(s -> s.family() == family);
        listening.addAll(dumped);
      }
      assertThat(listening).allMatch(s -> s.state() == SocketState.LISTEN);
      assertThat(listening).anyMatch(s -> s.local().port() == port && s.local().isLoopback());
      List<KernelSocket> established =
          netlink.dump(
              Protocol.TCP, Family.INET, SockDiagParser.STATES_ALL & ~SockDiagParser.STATES_LISTEN);
      assertThat(established).isNotNull().noneMatch(s -> s.state() == SocketState.LISTEN);

      List<KernelSocket> raw = netlink.dump(Protocol.RAW, Family.INET, SockDiagParser.STATES_ALL);
      assertThat(netlink.problems()).as("raw: %s", raw == null ? "no raw_diag" : "read").isEmpty();
      // After an answer of ENOENT the socket still serves the next table.
      assertThat(
              netlink.dump(
                  Protocol.TCP,
                  listening.stream()
                      .filter(s -> s.local().port() == port)
                      .findFirst()
                      .orElseThrow()
                      .family(),
                  SockDiagParser.STATES_LISTEN))
          .anyMatch(s -> s.local().port() == port);
    }
  }
}
