package dev.ajar.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.discover.PortInventory;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTableWriterTest {
  static final Namespace HOST = new Namespace(4026531840L, "host", Namespace.Kind.HOST);
  static final Namespace LAB = new Namespace(4026532999L, "lab", Namespace.Kind.NAMED);

  static ProcessInfo process(int pid, String name, String user, String... cmd) {
    return new ProcessInfo(
        pid, 1, name, List.of(cmd), "/usr/sbin/" + name, 0, user, null, "x.service", null, "/");
  }

  static OpenSocket socket(
      Namespace ns,
      Protocol proto,
      String address,
      int port,
      Exposure.Scope scope,
      String service,
      ProcessInfo... holders)
      throws Exception {
    InetAddress a = InetAddress.getByName(address);
    Family family = a instanceof java.net.Inet6Address ? Family.INET6 : Family.INET;
    InetAddress any = InetAddress.getByName(family == Family.INET ? "0.0.0.0" : "::");
    KernelSocket k =
        new KernelSocket(
            proto,
            family,
            proto == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONN,
            new Endpoint(a, port),
            new Endpoint(any, 0),
            0,
            1000 + port,
            null);
    return new OpenSocket(k, ns, service, new Exposure(scope, null, null), List.of(holders), false);
  }

  static String render(PortsTableWriter.Options o, OpenSocket... sockets) {
    var out = new ByteArrayOutputStream();
    PortsTableWriter.write(
        new PortInventory(
            List.of(sockets), List.of(HOST, LAB), new Diagnostics(), List.of(), 0, pid -> null),
        o,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void groupsDualStackWildcardsAndFitsEightyColumns() throws Exception {
    var sshd =
        process(812, "sshd", "root", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
    String text =
        render(
            new PortsTableWriter.Options(false, false, false),
            socket(HOST, Protocol.TCP, "0.0.0.0", 22, Exposure.Scope.ANY, "ssh", sshd),
            socket(HOST, Protocol.TCP, "::", 22, Exposure.Scope.ANY, "ssh", sshd),
            socket(
                LAB,
                Protocol.UDP,
                "127.0.0.1",
                161,
                Exposure.Scope.LOOPBACK,
                "snmp",
                process(900, "snmpd", "Debian-snmp"),
                process(901, "snmpd", "Debian-snmp"),
                process(902, "snmpd", "Debian-snmp")),
            socket(
                LAB,
                Protocol.TCP,
                "10.1.2.3",
                8443,
                Exposure.Scope.ADDRESS,
                "a-very-long-service-name-that-does-not-fit",
                process(77, "averyveryverylongprocessname-with-more", "someverylongusername")));
    assertThat(text.lines()).allMatch(l -> l.codePointCount(0, l.length()) <= 80);
    assertThat(text).containsPattern("tcp +22 +ssh +any +\\* +sshd\\[812\\] root");
    assertThat(text).contains("netns lab (ip netns, inode 4026532999)");
    assertThat(text)
        .containsPattern("udp +161 +snmp +loopback +127.0.0.1 +snmpd\\[900,\\+2\\] Debian-snmp");
    assertThat(text).contains("…");
  }

  @Test
  void wideShowsEveryProcessWithEscapedCommandLine() throws Exception {
    String text =
        render(
            new PortsTableWriter.Options(true, false, false),
            socket(
                HOST,
                Protocol.TCP,
                "127.0.0.1",
                8080,
                Exposure.Scope.LOOPBACK,
                null,
                process(10, "ev\u001bil", "root", "ev\u001bil", "--x=\n")));
    assertThat(text).contains("ev\\x1bil[10] root unit=x.service cmd=ev\\x1bil --x=\\n");
    assertThat(text).doesNotContain("\u001b");
  }

  @Test
  void numericHidesNamesAndUnownedSocketsSaySo() throws Exception {
    String text =
        render(
            new PortsTableWriter.Options(false, false, true),
            socket(HOST, Protocol.TCP, "0.0.0.0", 2049, Exposure.Scope.ANY, "nfs"));
    assertThat(text).doesNotContain("nfs");
    assertThat(text).containsPattern("tcp +2049 +any +0.0.0.0 +\\(unknown\\) uid 0");
  }
}
