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
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the Debian default /etc/nfs.conf and /etc/default files (fixture "nfs"). */
class MountdConfigReaderTest {
  private static final String CONF = "/etc/nfs.conf";

  private final MountdConfigReader reader = new MountdConfigReader();

  @Test
  void debianDefaultIsDynamicTcpAndUdp() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("nfs"), d))
        .containsExactly(
            tcp(0, "0.0.0.0", null, 0), tcp(0, "::", null, 0),
            udp(0, "0.0.0.0", null, 0), udp(0, "::", null, 0));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void portFromNfsConfAndUdpOffFromTheNfsdSection(@TempDir Path dir) {
    copy("nfs", dir);
    edit(dir, CONF, "# descriptors=0\n# port=0", "# descriptors=0\nport=20048");
    edit(dir, CONF, "# udp=n\n", "udp=n\n");
    int line = ConfigFixtures.lineOf(dir, CONF, "port=20048");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(20048, "0.0.0.0", CONF, line), tcp(20048, "::", CONF, line));
  }

  @Test
  void rpcmountdoptsApplyUnderSysvInitOnly(@TempDir Path dir) {
    copy("nfs", dir);
    String file = "/etc/default/nfs-kernel-server";
    edit(
        dir,
        file,
        "RPCMOUNTDOPTS=\"--manage-gids\"",
        "RPCMOUNTDOPTS=\"--manage-gids --port 4002 --no-udp\"");
    bootWithSystemd(dir, false);
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(4002, "0.0.0.0", file, 12), tcp(4002, "::", file, 12));
    bootWithSystemd(dir, true);
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).hasSize(4).allMatch(l -> l.port() == 0);
    assertThat(subjects(d, Diagnostics.Kind.SKIPPED)).containsExactly(file + ":12");
  }

  @Test
  void answersToItsNames() {
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("rpc.mountd", "mountd", "nfs-mountd");
  }
}
