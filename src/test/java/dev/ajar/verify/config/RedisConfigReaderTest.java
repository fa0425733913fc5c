package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.copy;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.link;
import static dev.ajar.verify.config.ConfigFixtures.listens;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisConfigReaderTest {
  private static final String CONF = "/etc/redis/redis.conf";
  private final RedisConfigReader reader = new RedisConfigReader();

  @Test
  void debianDefaultIsLoopback6379WithOptionalIpv6() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("redis"), d))
        .containsExactly(tcp(6379, "127.0.0.1", CONF, 87), tcp(6379, "::1", CONF, 87));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void includesWithGlobsAndTheLastValueWins(@TempDir Path dir) {
    copy("redis", dir);
    edit(dir, CONF, "# include /path/to/fragments/*.conf", "include /etc/redis/conf.d/*.conf");
    write(dir, "/etc/redis/conf.d/10-net.conf", "bind * -::*\nport 6380\ntls-port 6390\n");
    write(dir, "/etc/redis/conf.d/20-net.conf", "bind \"192.0.2.7\"\n");
    // The include is at line 44, before redis.conf's own bind (87) and port (138): those win.
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(6379, "127.0.0.1", CONF, 87),
                tcp(6390, "127.0.0.1", "/etc/redis/conf.d/10-net.conf", 3),
            tcp(6379, "::1", CONF, 87), tcp(6390, "::1", "/etc/redis/conf.d/10-net.conf", 3));
    edit(dir, CONF, "bind 127.0.0.1 -::1", "# bind 127.0.0.1 -::1");
    edit(dir, CONF, "\nport 6379", "\n# port 6379");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(6380, "192.0.2.7", "/etc/redis/conf.d/20-net.conf", 1),
            tcp(6390, "192.0.2.7", "/etc/redis/conf.d/10-net.conf", 3));
  }

  @Test
  void noBindMeansEveryAddressAndPortZeroMeansNoTcp(@TempDir Path dir) {
    copy("redis", dir);
    edit(dir, CONF, "bind 127.0.0.1 -::1", "# bind 127.0.0.1 -::1");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(6379, "0.0.0.0", CONF, 138), tcp(6379, "::", CONF, 138));
    edit(dir, CONF, "\nport 6379", "\nport 0");
    assertThat(listens(reader, dir, new Diagnostics())).isEmpty();
  }

  @Test
  void syntaxErrorsAreDiagnostics(@TempDir Path dir) {
    copy("redis", dir);
    edit(dir, CONF, "\nport 6379", "\nport 6379\nbind \"unterminated\nport many\nbind\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d))
        .containsExactly(tcp(6379, "127.0.0.1", CONF, 87), tcp(6379, "::1", CONF, 87));
    assertThat(subjects(d, Diagnostics.Kind.MALFORMED))
        .containsExactlyInAnyOrder(CONF + ":139", CONF + ":140", CONF + ":141");
  }

  @Test
  void anIncludeEscapingTheRootIsNotFollowed(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    copy("redis", root);
    write(dir, "/outside.conf", "port 6666\n");
    link(root, "/etc/redis/evil.conf", "../../../outside.conf");
    edit(root, CONF, "# include /path/to/other.conf", "include /etc/redis/evil.conf");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, root, d)).noneMatch(l -> l.port() == 6666);
    assertThat(subjects(d, Diagnostics.Kind.UNREADABLE)).containsExactly(CONF + ":43");
  }

  @Test
  void missingConfigurationIsEmpty(@TempDir Path dir) {
    assertThat(reader.listens(Host.offline(dir), new Diagnostics())).isEmpty();
  }
}
