package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.bootWithSystemd;
import static dev.ajar.verify.config.ConfigFixtures.copy;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.listens;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcbindConfigReaderTest {
  private static final String FILE = "/etc/default/rpcbind";
  private final RpcbindConfigReader reader = new RpcbindConfigReader();

  @Test
  void debianDefaultIsPort111OnBothWildcardsTcpAndUdp() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("rpcbind"), d))
        .containsExactly(
            tcp(111, "0.0.0.0", null, 0), tcp(111, "::", null, 0),
            udp(111, "0.0.0.0", null, 0), udp(111, "::", null, 0));
    assertThat(d.isEmpty()).isTrue();
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("rpcbind", "portmap");
  }

  @Test
  void hostOptionRestrictsUdpOnlyAndAddsLoopbackUnderSysvInit(@TempDir Path dir) {
    copy("rpcbind", dir);
    bootWithSystemd(dir, false);
    edit(
        dir,
        FILE,
        "# OPTIONS=\"${OPTIONS} -h 127.0.0.1 -h ::1\"",
        "OPTIONS=\"${OPTIONS} -h 192.0.2.7 -h2001:db8::1 -l\"");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d))
        .containsExactly(
            tcp(111, "0.0.0.0", null, 0), tcp(111, "::", null, 0),
            udp(111, "192.0.2.7", FILE, 9), udp(111, "2001:db8::1", FILE, 9),
            udp(111, "127.0.0.1", FILE, 9), udp(111, "::1", FILE, 9));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void hostOptionIsIgnoredUnderSystemdSocketActivation(@TempDir Path dir) {
    copy("rpcbind", dir);
    bootWithSystemd(dir, true);
    edit(
        dir,
        FILE,
        "# OPTIONS=\"${OPTIONS} -h 127.0.0.1 -h ::1\"",
        "OPTIONS=\"${OPTIONS} -h 127.0.0.1 -h ::1\"");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d))
        .contains(udp(111, "0.0.0.0", null, 0), udp(111, "::", null, 0))
        .hasSize(4);
    assertThat(subjects(d, Diagnostics.Kind.SKIPPED)).containsExactly(FILE + ":9");
  }

  @Test
  void commentedOptionsAndLibwrapChangeNothing(@TempDir Path dir) {
    copy("rpcbind", dir);
    bootWithSystemd(dir, false);
    edit(dir, FILE, "# OPTIONS=\"${OPTIONS} -l \"", "OPTIONS=\"${OPTIONS} -l \"");
    assertThat(listens(reader, dir, new Diagnostics()))
        .hasSize(4)
        .allMatch(l -> l.address().equals("0.0.0.0") || l.address().equals("::"));
  }

  @Test
  void hostNamesAreNotResolved(@TempDir Path dir) {
    copy("rpcbind", dir);
    bootWithSystemd(dir, false);
    edit(dir, FILE, "OPTIONS=\"-w\"", "OPTIONS=\"-w -h nfs.example.org\"");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d))
        .contains(udp(111, "127.0.0.1", FILE, 6))
        .doesNotContain(udp(111, "0.0.0.0", null, 0));
    assertThat(subjects(d, Diagnostics.Kind.SKIPPED)).containsExactly(FILE + ":6");
  }

  @Test
  void noConfigurationIsEmpty(@TempDir Path dir) {
    assertThat(reader.listens(Host.offline(dir), new Diagnostics())).isEmpty();
  }
}
