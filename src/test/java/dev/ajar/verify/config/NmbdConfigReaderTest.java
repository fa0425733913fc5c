package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.copy;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.listens;
import static dev.ajar.verify.config.ConfigFixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmbdConfigReaderTest {
  private static final String CONF = "/etc/samba/smb.conf";
  private static final String EVERY4 = ConfiguredListen.EVERY_IPV4;
  private static final String EVERY6 = ConfiguredListen.EVERY_IPV6;

  private final NmbdConfigReader reader = new NmbdConfigReader();

  @Test
  void debianDefaultIs137And138OnTheWildcardAndEveryInterface() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("samba"), d))
        .containsExactly(
            udp(137, "0.0.0.0", null, 0), udp(138, "0.0.0.0", null, 0),
            udp(137, EVERY4, null, 0), udp(138, EVERY4, null, 0));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void interfacesListGivesIpv4AddressesOnly(@TempDir Path dir) {
    copy("samba", dir);
    edit(
        dir,
        CONF,
        ";   interfaces = 127.0.0.0/8 eth0",
        "   interfaces = 192.0.2.7/24 " + "2001:db8::5");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            udp(137, "0.0.0.0", null, 0), udp(138, "0.0.0.0", null, 0),
            udp(137, "192.0.2.7", CONF, 36), udp(138, "192.0.2.7", CONF, 36));
  }

  @Test
  void disableNetbiosOpensNothing(@TempDir Path dir) {
    copy("samba", dir);
    edit(dir, CONF, "[global]\n", "[global]\ndisable netbios = yes\n");
    assertThat(listens(reader, dir, new Diagnostics())).isEmpty();
  }

  @Test
  void answersToItsNames() {
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("nmbd");
  }
}
