package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.append;
import static dev.ajar.verify.config.ConfigFixtures.copyOfDebian;
import static dev.ajar.verify.config.ConfigFixtures.debian;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.kinds;
import static dev.ajar.verify.config.ConfigFixtures.linkOutside;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.udp;
import static dev.ajar.verify.config.ConfigFixtures.write;
import static dev.ajar.verify.config.ConfigFixtures.writeHuge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnmpdReaderTest {
  static final String CONFIG = "/etc/snmp/snmpd.conf";
  static final String DEFAULTS = "/etc/default/snmpd";
  final SnmpdReader reader = new SnmpdReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void debianDefaultIsUdpOnBothLoopbacks() {
    assertThat(reader.name()).isEqualTo("snmpd");
    assertThat(reader.answersTo()).containsExactly("snmpd");
    assertThat(reader.listens(debian("snmpd"), diagnostics).orElseThrow())
        .containsExactly(udp(161, "127.0.0.1", CONFIG, 49), udp(161, "::1", CONFIG, 49));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void withoutAgentAddressItIsUdp161OnEveryIpv4Address() {
    Path root = copyOfDebian("snmpd", dir);
    edit(root, CONFIG, "agentaddress  127.0.0.1,[::1]", "#agentaddress  127.0.0.1,[::1]");

    assertThat(listens(root)).containsExactly(udp(161, "0.0.0.0", null, 0));
  }

  @Test
  void transportSpecifiersAccumulateAcrossLinesAndIncludes() {
    Path root = copyOfDebian("snmpd", dir);
    edit(
        root,
        CONFIG,
        "agentaddress  127.0.0.1,[::1]",
        "agentAddress udp:161, tcp:192.0.2.1:1161 ,udp6:[::1]:1162,unix:/run/agent.sock");
    write(root, "/etc/snmp/snmpd.conf.d/10-more.conf", "AGENTADDRESS tcp6:2161,localhost:3161\n");
    write(root, "/etc/snmp/snmpd.conf.d/20-more.conf.off", "agentaddress 9999\n");
    write(
        root, "/etc/snmp/snmpd.local.conf", "agentaddress dtlsudp:192.0.2.2,udp6:ip6-localhost\n");

    assertThat(listens(root))
        .containsExactly(
            udp(161, "0.0.0.0", CONFIG, 49),
            tcp(1161, "192.0.2.1", CONFIG, 49),
            udp(1162, "::1", CONFIG, 49),
            tcp(2161, "::", "/etc/snmp/snmpd.conf.d/10-more.conf", 1),
            udp(3161, "127.0.0.1", "/etc/snmp/snmpd.conf.d/10-more.conf", 1),
            udp(10161, "192.0.2.2", "/etc/snmp/snmpd.local.conf", 1),
            udp(161, "::1", "/etc/snmp/snmpd.local.conf", 1));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void trailingArgumentsOfSnmpdoptsAreListeningAddresses() {
    Path root = copyOfDebian("snmpd", dir);
    append(
        root,
        DEFAULTS,
        "SNMPDOPTS='-LSwd -Lf /dev/null -u Debian-snmp -g Debian-snmp -I"
            + " -smux,mteTrigger,mteTriggerConf -p /run/snmpd.pid udp:192.0.2.3:161,tcp:1705'\n");

    assertThat(listens(root))
        .containsExactly(
            udp(161, "192.0.2.3", DEFAULTS, 13), tcp(1705, "0.0.0.0", DEFAULTS, 13),
            udp(161, "127.0.0.1", CONFIG, 49), udp(161, "::1", CONFIG, 49));
  }

  @Test
  void debianSnmpdoptsHasNoAddress() {
    Path root = copyOfDebian("snmpd", dir);
    edit(root, DEFAULTS, "#SNMPDOPTS=", "SNMPDOPTS=");

    assertThat(listens(root))
        .containsExactly(udp(161, "127.0.0.1", CONFIG, 49), udp(161, "::1", CONFIG, 49));
  }

  @Test
  void badSpecifiersAreDiagnostics() {
    Path root = copyOfDebian("snmpd", dir);
    append(
        root,
        CONFIG,
        "agentaddress\nagentaddress udp:99999,udp6:[::1,bogus:thing,"
            + "udp:snmp.example.org,tcp:1161\n");

    assertThat(listens(root))
        .containsExactly(
            udp(161, "127.0.0.1", CONFIG, 49),
            udp(161, "::1", CONFIG, 49),
            tcp(1161, "0.0.0.0", CONFIG, 91));
    assertThat(subjects(diagnostics)).containsOnly(CONFIG + ":90", CONFIG + ":91");
    assertThat(diagnostics.all()).hasSize(5);
  }

  @Test
  void parserForms() {
    assertThat(SnmpTransport.parse("161"))
        .isEqualTo(new SnmpTransport.Spec(Protocol.UDP, false, null, 161));
    assertThat(SnmpTransport.parse("[::1]"))
        .isEqualTo(new SnmpTransport.Spec(Protocol.UDP, true, "::1", 161));
    assertThat(SnmpTransport.parse("udp6:2001:db8::1"))
        .isEqualTo(new SnmpTransport.Spec(Protocol.UDP, true, "2001:db8::1", 161));
    assertThat(SnmpTransport.parse("TCP:host:2000"))
        .isEqualTo(new SnmpTransport.Spec(Protocol.TCP, false, "host", 2000));
    assertThat(SnmpTransport.parse("unix:/var/agentx/master")).isNull();
    assertThatThrownBy(() -> SnmpTransport.parse("udp:1.2.3.4:0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hugeIncludeAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("snmpd", dir);
    writeHuge(root, "/etc/snmp/snmpd.conf.d/huge.conf");
    assertThat(listens(root)).hasSize(2);
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);

    linkOutside(root, outside.resolve("conf"), CONFIG, "agentaddress udp:1161\n");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
