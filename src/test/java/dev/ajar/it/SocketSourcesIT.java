package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The two socket sources, netlink sock_diag and /proc/PID/net, give the same sockets on the same
 * host, every namespace included (a netns lab with real daemons), in every state; and netlink knows
 * IPV6_V6ONLY where /proc cannot tell.
 */
class SocketSourcesIT {
  @Test
  void netlinkAndProcListTheSameSocketsInEveryNamespace() throws Exception {
    try (NetnsLab lab = NetnsLab.up("ajar-src");
        ServerSocket dualStack = new ServerSocket()) {
      dualStack.bind(new InetSocketAddress(InetAddress.getByName("::"), 0)); // v6only off
      Set<String> netlink = null;
      Set<String> proc = null;
      JsonNode netlinkDoc = null;
      // TCP, UDP and UDP-Lite from netlink alone; RAW needs raw_diag, which some kernels lack
      // (this one has no CONFIG_INET_RAW_DIAG): there, auto reads /proc/net/raw instead.
      Set<String> auto = null;
      Set<String> procAll = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        netlinkDoc = Integration.ajarJson("-a", "-t", "-u", "--sockets-from", "netlink");
        netlink = keys(netlinkDoc);
        proc = keys(Integration.ajarJson("-a", "-t", "-u", "--sockets-from", "proc"));
        auto = keys(Integration.ajarJson("-a"));
        procAll = keys(Integration.ajarJson("-a", "--sockets-from", "proc"));
        if (netlink.equals(proc) && auto.equals(procAll)) {
          break; // the host may open or close a socket between two reads: try again
        }
      }
      assertThat(netlink).isEqualTo(proc);
      assertThat(auto).isEqualTo(procAll);
      long labInode = Long.parseLong(lab.env.get("NETNS_INODE"));
      assertThat(netnsOf(netlinkDoc, lab.name)).isEqualTo(labInode);
      assertThat(netlink).anyMatch(k -> k.startsWith(labInode + " tcp inet LISTEN 0.0.0.0:22 "));
      assertThat(netlink).anyMatch(k -> k.startsWith(labInode + " udp inet UNCONN 0.0.0.0:9999 "));
      assertThat(netlinkDoc.get("diagnostics").toString()).doesNotContain("netlink");

      JsonNode ours = Integration.sockets(netlinkDoc, "tcp", dualStack.getLocalPort()).getFirst();
      assertThat(ours.get("v6only").isBoolean()).as("netlink knows v6only").isTrue();
      assertThat(ours.get("v6only").asBoolean()).isFalse();
      JsonNode viaProc =
          Integration.sockets(
                  Integration.ajarJson(
                      "--sockets-from", "proc", "--port", "" + dualStack.getLocalPort()),
                  "tcp",
                  dualStack.getLocalPort())
              .getFirst();
      assertThat(viaProc.get("v6only").isNull()).as("/proc cannot tell").isTrue();
      JsonNode sshd6 =
          Integration.sockets(netlinkDoc, "tcp", 22).stream()
              .filter(
                  s ->
                      s.get("netns").get("name").asString().equals(lab.name)
                          && s.get("family").asString().equals("inet6"))
              .findFirst()
              .orElseThrow();
      assertThat(sshd6.get("v6only").asBoolean()).as("sshd binds :: IPv6-only").isTrue();
    }
  }

  private static long netnsOf(JsonNode doc, String name) {
    for (JsonNode ns : doc.get("namespaces")) {
      if (ns.get("name").asString().equals(name)) {
        return ns.get("inode").asLong();
      }
    }
    throw new AssertionError("namespace " + name + " not listed: " + doc.get("namespaces"));
  }

  /** "netns protocol family state local remote uid inode pids" of every socket. */
  private static Set<String> keys(JsonNode doc) {
    Set<String> keys = new TreeSet<>();
    for (JsonNode s : doc.get("sockets")) {
      keys.add(
          s.get("netns").get("inode").asLong()
              + " "
              + s.get("protocol").asString()
              + " "
              + s.get("family").asString()
              + " "
              + s.get("state").asString()
              + " "
              + endpoint(s.get("local"))
              + " "
              + endpoint(s.get("remote"))
              + " "
              + s.get("uid").asLong()
              + " "
              + s.get("inode").asLong()
              + " "
              + Integration.pids(s));
    }
    return keys;
  }

  private static String endpoint(JsonNode e) {
    return e.get("address").asString() + ":" + e.get("port").asInt();
  }
}
