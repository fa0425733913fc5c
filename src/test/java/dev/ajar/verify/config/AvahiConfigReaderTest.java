package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.copy;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.listens;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvahiConfigReaderTest {
  private static final String CONF = "/etc/avahi/avahi-daemon.conf";
  private final AvahiConfigReader reader = new AvahiConfigReader();

  @Test
  void debianDefaultIsMdnsAndAWideAreaSocketPerFamily() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("avahi"), d))
        .containsExactly(
            udp(5353, "0.0.0.0", CONF, 25), udp(0, "0.0.0.0", CONF, 42),
            udp(5353, "::", CONF, 26), udp(0, "::", CONF, 42));
    assertThat(d.isEmpty()).isTrue();
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("avahi-daemon", "avahi");
  }

  @Test
  void ipv6OffWideAreaOffAndReflectorOn(@TempDir Path dir) {
    copy("avahi", dir);
    edit(dir, CONF, "use-ipv6=yes", "use-ipv6=no");
    edit(dir, CONF, "enable-wide-area=yes", "enable-wide-area=no");
    edit(dir, CONF, "#enable-reflector=no", "enable-reflector=yes");
    edit(dir, CONF, "#allow-interfaces=eth0", "allow-interfaces=eth0");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(udp(5353, "0.0.0.0", CONF, 25), udp(0, "0.0.0.0", CONF, 58));
  }

  @Test
  void bothFamiliesOffOpensNothing(@TempDir Path dir) {
    copy("avahi", dir);
    edit(dir, CONF, "use-ipv4=yes", "use-ipv4=no");
    edit(dir, CONF, "use-ipv6=yes", "use-ipv6=off");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).isEmpty();
    assertThat(subjects(d, Diagnostics.Kind.SKIPPED)).containsExactly(CONF);
  }

  @Test
  void malformedLinesAreDiagnostics(@TempDir Path dir) {
    copy("avahi", dir);
    edit(dir, CONF, "[server]\n", "[server]\nthis is not avahi\n[unclosed\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).hasSize(4);
    assertThat(subjects(d, Diagnostics.Kind.MALFORMED)).containsExactly(CONF + ":22", CONF + ":23");
  }

  @Test
  void missingConfigurationIsEmpty(@TempDir Path dir) {
    assertThat(reader.listens(Host.offline(dir), new Diagnostics())).isEmpty();
  }
}
