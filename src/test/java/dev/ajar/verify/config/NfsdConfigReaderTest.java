package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.bootWithSystemd;
import static dev.ajar.verify.config.ConfigFixtures.copy;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.link;
import static dev.ajar.verify.config.ConfigFixtures.listens;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.udp;
import static dev.ajar.verify.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the Debian default /etc/nfs.conf and /etc/default files (fixture "nfs"). */
class NfsdConfigReaderTest {
  private static final String CONF = "/etc/nfs.conf";

  private final NfsdConfigReader reader = new NfsdConfigReader();

  @Test
  void debianDefaultIsTcp2049OnBothWildcardsAndLockdOnDynamicPorts() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("nfs"), d))
        .containsExactly(
            tcp(2049, "0.0.0.0", null, 0), tcp(2049, "::", null, 0),
            tcp(0, "0.0.0.0", null, 0), tcp(0, "::", null, 0),
            udp(0, "0.0.0.0", null, 0), udp(0, "::", null, 0));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void portUdpHostsAndLockdPortsFromNfsConf(@TempDir Path dir) {
    copy("nfs", dir);
    edit(dir, CONF, "# host=\n# port=0\n", "host=192.0.2.7,::1\nport=3049\n");
    edit(dir, CONF, "# udp=n\n", "udp=y\n");
    edit(dir, CONF, "# port=0\n# udp-port=0\n", "port=32768\nudp-port=32769\n");
    Diagnostics d = new Diagnostics();
    int portLine = ConfigFixtures.lineOf(dir, CONF, "port=3049");
    int lockd = ConfigFixtures.lineOf(dir, CONF, "port=32768");
    assertThat(listens(reader, dir, d))
        .containsExactly(
            tcp(3049, "192.0.2.7", CONF, portLine), tcp(3049, "::1", CONF, portLine),
            udp(3049, "192.0.2.7", CONF, portLine), udp(3049, "::1", CONF, portLine),
            tcp(32768, "0.0.0.0", CONF, lockd), tcp(32768, "::", CONF, lockd),
            udp(32769, "0.0.0.0", CONF, lockd + 1), udp(32769, "::", CONF, lockd + 1));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void dropInsOverrideAndIncludesAreRead(@TempDir Path dir) {
    copy("nfs", dir);
    write(
        dir,
        "/etc/nfs.conf.d/local.conf",
        "[nfsd]\ninclude = -/etc/nfs.missing\n" + "include=/etc/nfs-port.conf\nvers3=n\n");
    write(dir, "/etc/nfs-port.conf", "# pinned\nport = \"2050\"\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(2050, "0.0.0.0", "/etc/nfs-port.conf", 2),
            tcp(2050, "::", "/etc/nfs-port.conf", 2));
  }

  @Test
  void zeroThreadsStartsNoServerAndTheDefaultFileCountsOnlyUnderSysv(@TempDir Path dir) {
    copy("nfs", dir);
    edit(dir, "/etc/default/nfs-kernel-server", "RPCNFSDCOUNT=8", "RPCNFSDCOUNT=0");
    bootWithSystemd(dir, true);
    assertThat(listens(reader, dir, new Diagnostics())).hasSize(6);
    bootWithSystemd(dir, false);
    assertThat(listens(reader, dir, new Diagnostics())).isEmpty();
  }

  @Test
  void badValuesAreDiagnosticsAndDefaults(@TempDir Path dir) {
    copy("nfs", dir);
    edit(
        dir,
        CONF,
        "# port=0\n# grace-time",
        "port=nfs-port\ntcp=maybe\nthis is no line\n" + "# grace-time");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).contains(tcp(2049, "0.0.0.0", null, 0));
    int port = ConfigFixtures.lineOf(dir, CONF, "port=nfs-port");
    assertThat(subjects(d, Diagnostics.Kind.MALFORMED))
        .containsExactlyInAnyOrder(
            CONF + ":" + port, CONF + ":" + (port + 1), CONF + ":" + (port + 2));
  }

  @Test
  void missingNfsConfIsEmpty(@TempDir Path dir) {
    assertThat(reader.listens(Host.offline(dir), new Diagnostics())).isEmpty();
  }

  @Test
  void anIncludeEscapingTheRootIsNotFollowed(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    copy("nfs", root);
    write(dir, "/outside.conf", "[nfsd]\nport=6666\n");
    link(root, "/etc/nfs.conf.d/evil.conf", "../../../outside.conf");
    assertThat(listens(reader, root, new Diagnostics()))
        .noneMatch(l -> l.port() == 6666)
        .contains(tcp(2049, "0.0.0.0", null, 0));
  }

  @Test
  void answersToItsNames() {
    assertThat(reader.answersTo())
        .containsExactlyInAnyOrder("nfs-server", "nfs-kernel-server", "nfsd", "rpc.nfsd");
  }
}
