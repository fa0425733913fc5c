package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.bootWithSystemd;
import static dev.ajar.verify.config.ConfigFixtures.copy;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.listens;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the Debian default /etc/nfs.conf and /etc/default files (fixture "nfs"). */
class StatdConfigReaderTest {
  private static final String CONF = "/etc/nfs.conf";

  private final StatdConfigReader reader = new StatdConfigReader();

  @Test
  void debianDefaultIsDynamicPortsAndTheLockdSocket() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("nfs"), d))
        .containsExactly(
            tcp(0, "0.0.0.0", null, 0),
            tcp(0, "::", null, 0),
            udp(0, "0.0.0.0", null, 0),
            udp(0, "::", null, 0),
            udp(0, "127.0.0.1", null, 0));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void pinnedPortsFromStatdoptsUnderSysvInit(@TempDir Path dir) {
    copy("nfs", dir);
    String file = "/etc/default/nfs-common";
    edit(dir, file, "STATDOPTS=\n", "STATDOPTS=\"--port 4000 --outgoing-port=4001\"\n");
    bootWithSystemd(dir, false);
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(4000, "0.0.0.0", file, 13),
            tcp(4000, "::", file, 13),
            udp(4000, "0.0.0.0", file, 13),
            udp(4000, "::", file, 13),
            udp(0, "127.0.0.1", null, 0));
  }

  @Test
  void pinnedPortsFromNfsConf(@TempDir Path dir) {
    copy("nfs", dir);
    edit(dir, CONF, "# port=0\n# outgoing-port=0", "port=662\noutgoing-port=2020");
    int line = ConfigFixtures.lineOf(dir, CONF, "port=662");
    assertThat(listens(reader, dir, new Diagnostics()))
        .contains(
            tcp(662, "0.0.0.0", CONF, line),
            udp(662, "::", CONF, line),
            udp(0, "127.0.0.1", null, 0))
        .hasSize(5)
        .noneMatch(l -> l.port() == 2020);
  }

  @Test
  void answersToItsNames() {
    assertThat(reader.answersTo())
        .containsExactlyInAnyOrder("rpc-statd", "rpc.statd", "statd", "nfs-common");
  }
}
