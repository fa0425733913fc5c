package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The host's own namespace, as it is: every listening socket `ss -tulpn` reports, ajar reports with
 * the same owners. (The machine may open or close sockets between the two reads; a difference is
 * retried once before it counts.)
 */
class HostSsCrossCheckIT {
  @Test
  void everyListeningSocketOfSsIsInAjarWithTheSameOwners() throws Exception {
    Integration.requireRoot();
    Integration.requireCommand("/usr/bin/ss");
    try (ServerSocket v4 = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        ServerSocket v6 = new ServerSocket()) {
      v6.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
      Map<String, Set<Integer>> ss = null;
      Map<String, Set<Integer>> ajar = null;
      for (int attempt = 0; attempt < 2; attempt++) {
        ss = SsOutput.byKey(Integration.exec(Duration.ofSeconds(30), "ss", "-H", "-tulpn").out());
        ajar = SsOutput.byKey(Integration.ajarJson("--netns", "host", "-t", "-u"));
        if (ajar.entrySet().containsAll(ss.entrySet())) {
          break;
        }
      }
      assertThat(ajar).containsAllEntriesOf(ss);
      assertThat(ss.keySet()).anyMatch(k -> k.endsWith(" " + v4.getLocalPort()));
      assertThat(ajar.keySet()).anyMatch(k -> k.endsWith(" " + v6.getLocalPort()));
    }
  }
}
