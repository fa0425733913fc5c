package dev.ajar.it;

import static dev.ajar.it.Integration.ajar;
import static dev.ajar.it.Integration.ajarJson;
import static dev.ajar.it.Integration.pids;
import static dev.ajar.it.Integration.sockets;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real daemons from Debian packages in a network namespace made for the test: ajar, run from the
 * host namespace, lists each of their ports with the right process, user and namespace name, where
 * the host namespace's own `ss -tulpn` sees none of them; and it agrees with ss run inside the
 * namespace on every socket and owner.
 */
class NetnsLabIT {
  static NetnsLab lab;
  static Process holder;

  @BeforeAll
  static void up() throws Exception {
    lab = NetnsLab.up("ajar-it");
    // Extra connections inside the lab for `-a`: an established pair and a CLOSE_WAIT.
    String py =
        "import socket,time\n"
            + "l=socket.socket(); l.bind(('127.0.0.1',7700)); l.listen(5)\n"
            + "c=socket.create_connection(('127.0.0.1',7700)); a,_=l.accept()\n"
            + "d=socket.create_connection(('127.0.0.1',7700)); b,_=l.accept(); d.close()\n"
            + "print('ready', flush=True); time.sleep(300)\n";
    holder = new ProcessBuilder("ip", "netns", "exec", lab.name, "python3", "-c", py).start();
    assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("ready\n");
  }

  @AfterAll
  static void down() throws Exception {
    if (holder != null) {
      holder.descendants().forEach(ProcessHandle::destroyForcibly);
      holder.destroyForcibly().waitFor();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static JsonNode inLab(JsonNode doc, List<JsonNode> sockets) {
    for (JsonNode s : sockets) {
      if (s.get("netns").get("name").asString().equals(lab.name)) {
        return s;
      }
    }
    throw new AssertionError("no socket in namespace " + lab.name + " among " + sockets);
  }

  @Test
  void everyDaemonIsListedWithItsProcessUserAndNamespace() {
    JsonNode doc = ajarJson();
    JsonNode finger = inLab(doc, sockets(doc, "tcp", 79));
    assertThat(finger.get("service").asString()).isEqualTo("finger");
    assertThat(finger.get("exposure").asString()).isEqualTo("any");
    assertThat(finger.get("netns").get("kind").asString()).isEqualTo("named");
    assertThat(finger.get("netns").get("inode").asLong())
        .isEqualTo(Long.parseLong(lab.env.get("NETNS_INODE")));
    assertThat(pids(finger)).containsExactly(lab.pid("INETD_PID"));
    JsonNode inetd = finger.get("processes").get(0);
    assertThat(inetd.get("name").asString()).isEqualTo("inetd");
    assertThat(inetd.get("user").asString()).isEqualTo("root");
    assertThat(inetd.get("exe").asString()).isEqualTo("/usr/sbin/inetd");

    assertThat(pids(inLab(doc, sockets(doc, "tcp", 13)))).containsExactly(lab.pid("INETD_PID"));
    JsonNode ssh = inLab(doc, sockets(doc, "tcp", 22));
    assertThat(pids(ssh)).containsExactly(lab.pid("SSHD_PID"));
    assertThat(ssh.get("service").asString()).isEqualTo("ssh");

    JsonNode rpc = inLab(doc, sockets(doc, "udp", 111));
    assertThat(pids(rpc)).containsExactly(lab.pid("RPCBIND_PID"));
    assertThat(rpc.get("processes").get(0).get("user").asString()).isEqualTo("_rpc");
    assertThat(rpc.get("service").asString()).isEqualTo("sunrpc");

    JsonNode web = inLab(doc, sockets(doc, "tcp", 8080));
    assertThat(web.get("exposure").asString()).isEqualTo("loopback");
    assertThat(web.get("processes").get(0).get("user").asString()).isEqualTo("nobody");
    JsonNode udp = inLab(doc, sockets(doc, "udp", 9999));
    assertThat(udp.get("state").asString()).isEqualTo("UNCONN");
    assertThat(pids(udp)).containsExactly(lab.pid("PY_PID"));
  }

  @Test
  void theHostNamespacesOwnSsCannotSeeThem() throws Exception {
    var hostSs = Integration.exec(java.time.Duration.ofSeconds(30), "ss", "-H", "-tulpn");
    assertThat(hostSs.code()).isZero();
    assertThat(hostSs.out())
        .doesNotContain("pid=" + lab.pid("INETD_PID") + ",")
        .doesNotContain("pid=" + lab.pid("SSHD_PID") + ",");
    String table = ajar("ports").out();
    String section = table.substring(table.indexOf("netns " + lab.name + " (ip netns, inode "));
    assertThat(section)
        .containsPattern("tcp +79 +finger +any +\\* +inetd\\[" + lab.pid("INETD_PID") + "\\] root");
    assertThat(section)
        .containsPattern("tcp +8080 +http-alt +loopback +127.0.0.1 +python3\\[\\d+\\] nobody");
  }

  @Test
  void netnsOptionNarrowsToOneNamespace() {
    JsonNode byName = ajarJson("--netns", lab.name);
    assertThat(byName.get("namespaces")).hasSize(1);
    assertThat(byName.get("namespaces").get(0).get("name").asString()).isEqualTo(lab.name);
    JsonNode byPid = ajarJson("--netns", lab.env.get("SSHD_PID"));
    assertThat(byPid.get("sockets").size()).isEqualTo(byName.get("sockets").size());
    JsonNode host = ajarJson("--netns", "host");
    for (JsonNode s : host.get("sockets")) {
      assertThat(s.get("netns").get("name").asString()).isEqualTo("host");
    }
  }

  @Test
  void listeningSocketsAgreeWithSsInsideTheNamespace() throws Exception {
    compareWithSs(new String[] {"ss", "-H", "-tulpn"}, "-t", "-u");
  }

  @Test
  void allStatesAgreeWithSsInsideTheNamespace() throws Exception {
    Map<String, Set<Integer>> ajarSide =
        compareWithSs(new String[] {"ss", "-H", "-tuapn"}, "-a", "-t", "-u");
    assertThat(ajarSide.keySet()).anyMatch(k -> k.startsWith("tcp ESTABLISHED 127.0.0.1 7700"));
    assertThat(ajarSide.keySet()).anyMatch(k -> k.startsWith("tcp CLOSE_WAIT 127.0.0.1 7700"));
  }

  /** ss inside the lab and ajar (from the host, narrowed to the lab) must list the same sockets. */
  private Map<String, Set<Integer>> compareWithSs(String[] ss, String... ajarOptions)
      throws Exception {
    var r = lab.exec(ss);
    assertThat(r.code()).as(r.err()).isZero();
    List<String> args = new ArrayList<>(List.of("--netns", lab.name));
    args.addAll(List.of(ajarOptions));
    Map<String, Set<Integer>> ajarSide = SsOutput.byKey(ajarJson(args.toArray(String[]::new)));
    assertThat(ajarSide).isEqualTo(SsOutput.byKey(r.out()));
    return ajarSide;
  }

  @Test
  void aSocketOnOneAddressNamesTheInterfaceThatHoldsIt() throws Exception {
    for (String[] cmd :
        new String[][] {
          // A veth pair inside the lab (this kernel has no dummy driver); d77 keeps the addresses.
          {"ip", "link", "add", "d77", "type", "veth", "peer", "name", "d77peer"},
          {"ip", "link", "set", "d77peer", "up"},
          {"ip", "addr", "add", "10.77.0.1/24", "dev", "d77"},
          {"ip", "addr", "add", "fd00:77::1/64", "dev", "d77", "nodad"},
          {"ip", "link", "set", "d77", "up"}
        }) {
      var r = lab.exec(cmd);
      assertThat(r.code()).as(String.join(" ", cmd) + ": " + r.err()).isZero();
    }
    String py =
        "import socket,time\n"
            + "a=socket.socket(); a.bind(('10.77.0.1',7777)); a.listen(1)\n"
            + "b=socket.socket(socket.AF_INET6); b.bind(('fd00:77::1',7777)); b.listen(1)\n"
            + "print('ready', flush=True); time.sleep(120)\n";
    Process p = new ProcessBuilder("ip", "netns", "exec", lab.name, "python3", "-c", py).start();
    try {
      assertThat(new String(p.getInputStream().readNBytes(6))).isEqualTo("ready\n");
      JsonNode doc = ajarJson("--netns", lab.name, "--port", "7777");
      List<JsonNode> found = sockets(doc, "tcp", 7777);
      assertThat(found).hasSize(2);
      for (JsonNode s : found) {
        assertThat(s.get("exposure").asString()).isEqualTo("address");
        assertThat(s.get("interface").asString()).isEqualTo("d77");
      }
      assertThat(ajar("ports", "--netns", lab.name, "--port", "7777").out())
          .contains("10.77.0.1%d77")
          .contains("[fd00:77::1]%d77");
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
  }
}
