package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.copy;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.listens;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmbdConfigReaderTest {
  private static final String CONF = "/etc/samba/smb.conf";
  private static final String EVERY4 = ConfiguredListen.EVERY_IPV4;
  private static final String EVERY6 = ConfiguredListen.EVERY_IPV6;

  private final SmbdConfigReader reader = new SmbdConfigReader();

  @Test
  void debianDefaultIs445And139OnBothWildcards() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("samba"), d))
        .containsExactly(
            tcp(445, "::", null, 0), tcp(139, "::", null, 0),
            tcp(445, "0.0.0.0", null, 0), tcp(139, "0.0.0.0", null, 0));
    assertThat(d.isEmpty()).isTrue();
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("smbd", "samba");
  }

  @Test
  void bindInterfacesOnlyBindsEachListedAddress(@TempDir Path dir) {
    copy("samba", dir);
    edit(
        dir,
        CONF,
        ";   interfaces = 127.0.0.0/8 eth0",
        "   interfaces = 127.0.0.0/8 eth0 " + "192.0.2.7/24, 2001:db8::5");
    edit(dir, CONF, ";   bind interfaces only = yes", "   Bind_Interfaces Only = Yes");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d))
        .containsExactly(
            tcp(445, "127.0.0.1", CONF, 36), tcp(139, "127.0.0.1", CONF, 36),
            tcp(445, EVERY4, CONF, 36), tcp(139, EVERY4, CONF, 36),
            tcp(445, EVERY6, CONF, 36), tcp(139, EVERY6, CONF, 36),
            tcp(445, "192.0.2.7", CONF, 36), tcp(139, "192.0.2.7", CONF, 36),
            tcp(445, "2001:db8::5", CONF, 36), tcp(139, "2001:db8::5", CONF, 36));
    assertThat(subjects(d, Diagnostics.Kind.SKIPPED)).containsExactly(CONF + ":36");
  }

  @Test
  void interfacesWithoutBindInterfacesOnlyKeepTheWildcards(@TempDir Path dir) {
    copy("samba", dir);
    edit(dir, CONF, ";   interfaces = 127.0.0.0/8 eth0", "   interfaces = lo");
    assertThat(listens(reader, dir, new Diagnostics()))
        .extracting(ConfiguredListen::address)
        .containsOnly("::", "0.0.0.0");
  }

  @Test
  void smbPortsFromAnIncludedFileAndDisableNetbiosKeepsThem(@TempDir Path dir) {
    copy("samba", dir);
    edit(
        dir,
        CONF,
        "[global]\n",
        "[global]\n   include = /etc/samba/ports.conf\n" + "   disable netbios = yes\n");
    write(dir, "/etc/samba/ports.conf", "# only SMB over TCP\nsmb ports = 445,\\\n 4445\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(445, "::", "/etc/samba/ports.conf", 2),
            tcp(4445, "::", "/etc/samba/ports.conf", 2),
            tcp(445, "0.0.0.0", "/etc/samba/ports.conf", 2),
            tcp(4445, "0.0.0.0", "/etc/samba/ports.conf", 2));
  }

  @Test
  void badPortsAndLinesAreDiagnostics(@TempDir Path dir) {
    copy("samba", dir);
    edit(
        dir,
        CONF,
        "[global]\n",
        "[global]\n   smb ports = 445 netbios\n   [broken\n" + "   just words\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d))
        .containsExactly(tcp(445, "::", CONF, 25), tcp(445, "0.0.0.0", CONF, 25));
    assertThat(subjects(d, Diagnostics.Kind.MALFORMED))
        .containsExactlyInAnyOrder(CONF + ":25", CONF + ":26", CONF + ":27");
  }

  @Test
  void parametersOfShareSectionsDoNotCount(@TempDir Path dir) {
    copy("samba", dir);
    edit(dir, CONF, "[homes]\n", "[homes]\n   smb ports = 1445\n");
    assertThat(listens(reader, dir, new Diagnostics())).noneMatch(l -> l.port() == 1445);
  }

  @Test
  void missingSmbConfIsEmpty(@TempDir Path dir) {
    assertThat(reader.listens(Host.offline(dir), new Diagnostics())).isEmpty();
  }
}
