package dev.ajar.it;

import static dev.ajar.it.Integration.ajar;
import static dev.ajar.it.Integration.ajarJson;
import static dev.ajar.it.Integration.pids;
import static dev.ajar.it.Integration.sockets;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real sockets of this JVM and of child processes, in the namespace the test runs in: ajar must
 * name every holder (a forked child shares its parent's socket), the user, the exposure, and escape
 * a hostile process name. Works without root for our own processes.
 */
class LocalSocketsIT {
  private Process child;

  @AfterEach
  void stop() {
    if (child != null) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
  }

  @Test
  void ourOwnListenersAreListedWithThisProcess() throws Exception {
    try (ServerSocket tcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::"), 0))) {
      int me = (int) ProcessHandle.current().pid();
      JsonNode doc = ajarJson("--netns", "host", "--pid", Integer.toString(me));
      JsonNode t = sockets(doc, "tcp", tcp.getLocalPort()).getFirst();
      assertThat(pids(t)).containsExactly(me);
      assertThat(t.get("exposure").asString()).isEqualTo("loopback");
      assertThat(t.get("state").asString()).isEqualTo("LISTEN");
      JsonNode p = t.get("processes").get(0);
      assertThat(p.get("exe").asString()).endsWith("/bin/java");
      assertThat(p.get("uid").asLong()).isEqualTo(t.get("uid").asLong());
      assertThat(p.get("startTime").asString()).matches("\\d{4}-.*Z");
      JsonNode u = sockets(doc, "udp", udp.getLocalPort()).getFirst();
      assertThat(u.get("family").asString()).isEqualTo("inet6");
      assertThat(u.get("exposure").asString()).isEqualTo("any");
      assertThat(u.get("state").asString()).isEqualTo("UNCONN");
    }
  }

  @Test
  void aForkedChildSharingTheSocketIsListedToo() throws Exception {
    // The parent listens, forks; both keep the socket: two holders of one inode.
    String py =
        "import os,socket,sys,time\n"
            + "s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1)\n"
            + "pid=os.fork()\n"
            + "if pid==0:\n"
            + "    time.sleep(120); os._exit(0)\n"
            + "print(s.getsockname()[1], pid, flush=True); time.sleep(120)\n";
    child = new ProcessBuilder("python3", "-c", py).start();
    String[] line = readLine(child).split(" ");
    int port = Integer.parseInt(line[0]);
    int grandchild = Integer.parseInt(line[1]);
    // The host namespace only: a namespace of another test or benchmark may hold the same port.
    JsonNode doc = ajarJson("--netns", "host", "--port", Integer.toString(port), "-t");
    List<JsonNode> found = sockets(doc, "tcp", port);
    assertThat(found).hasSize(1);
    assertThat(pids(found.getFirst())).containsExactly((int) child.pid(), grandchild);
  }

  @Test
  void aHostileProcessNameIsPrintedEscaped() throws Exception {
    // comm is set through /proc/self/comm: escape sequence, newline and a byte that is not UTF-8.
    String py =
        "import socket,time\n"
            + "open('/proc/self/comm','wb').write(b'\\x1b[31mev\\nil\\xff')\n"
            + "s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1)\n"
            + "print(s.getsockname()[1], flush=True); time.sleep(120)\n";
    child = new ProcessBuilder("python3", "-c", py).start();
    int port = Integer.parseInt(readLine(child).trim());
    Integration.Result table = ajar("ports", "--port", Integer.toString(port), "--wide");
    assertThat(table.code()).isZero();
    assertThat(table.out()).contains("\\x1b[31mev\\nil\\xff[" + child.pid() + "]");
    assertThat(table.out()).doesNotContain("\u001b").doesNotContain("\uFFFD");
    JsonNode doc = ajarJson("--netns", "host", "--port", Integer.toString(port));
    assertThat(sockets(doc, "tcp", port).getFirst().get("processes").get(0).get("name").asString())
        .isEqualTo("\u001b[31mev\nil\\xff");
  }

  @Test
  void theLauncherRunsTheRealJar() throws Exception {
    try (ServerSocket tcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      var r =
          Integration.exec(
              Duration.ofSeconds(120),
              Integration.projectDir().resolve("bin/ajar").toString(),
              "ports",
              "-t",
              "--port",
              Integer.toString(tcp.getLocalPort()));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("PROTO")
          .contains(" " + tcp.getLocalPort() + " ")
          .contains("loopback");
      assertThat(r.out().lines()).allMatch(l -> l.length() <= 80);
    }
  }

  private static String readLine(Process p) throws Exception {
    var reader =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    assertThat(line).as("child started").isNotNull();
    return line;
  }
}
