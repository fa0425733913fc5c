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

class MariadbConfigReaderTest {
  private static final String SERVER = "/etc/mysql/mariadb.conf.d/50-server.cnf";
  private static final String LOCAL = "/etc/mysql/mariadb.conf.d/60-local.cnf";
  private final MariadbConfigReader reader = new MariadbConfigReader();

  @Test
  void debianDefaultIsLoopback3306ThroughTheAlternativesLink() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("mariadb"), d))
        .containsExactly(tcp(3306, "127.0.0.1", SERVER, 27));
    assertThat(d.isEmpty()).isTrue();
    assertThat(reader.answersTo()).contains("mariadb", "mysqld", "mariadbd", "mysql");
  }

  @Test
  void laterFilesOverrideAndListsAreRead(@TempDir Path dir) {
    copy("mariadb", dir);
    write(
        dir,
        LOCAL,
        "[mariadb-10.11]\nbind_address = 192.0.2.7, ::1  # two\nport=3307\n"
            + "loose-extra-port = 3308\n[mysqld-8.0]\nport = 9999\n[client]\nport = 9998\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(3307, "192.0.2.7", LOCAL, 2), tcp(3308, "192.0.2.7", LOCAL, 4),
            tcp(3307, "::1", LOCAL, 2), tcp(3308, "::1", LOCAL, 4));
  }

  @Test
  void wildcardsAndTheDefaultAddress(@TempDir Path dir) {
    copy("mariadb", dir);
    edit(dir, SERVER, "bind-address            = 127.0.0.1", "#bind-address = 127.0.0.1");
    assertThat(listens(reader, dir, new Diagnostics())).containsExactly(tcp(3306, "::", null, 0));
    write(dir, LOCAL, "[server]\nbind-address = 0.0.0.0\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(3306, "0.0.0.0", LOCAL, 2));
  }

  @Test
  void skipNetworkingOpensNothingAndCanBeTurnedOffAgain(@TempDir Path dir) {
    copy("mariadb", dir);
    write(dir, LOCAL, "[mysqld]\nskip-networking\n");
    assertThat(listens(reader, dir, new Diagnostics())).isEmpty();
    write(dir, "/etc/mysql/mariadb.conf.d/70-on.cnf", "[mysqld]\nskip_networking = OFF\n");
    assertThat(listens(reader, dir, new Diagnostics())).hasSize(1);
  }

  @Test
  void etcMyCnfIsReadFirstAndIncludesWork(@TempDir Path dir) {
    copy("mariadb", dir);
    write(dir, "/etc/my.cnf", "[mysqld]\nport = 1111\n");
    write(dir, LOCAL, "!include /etc/mysql/extra.cnf\n");
    write(dir, "/etc/mysql/extra.cnf", "[mysqld]\n\nport = \"3310\"\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(3310, "127.0.0.1", SERVER, 27));
  }

  @Test
  void syntaxErrorsAreDiagnostics(@TempDir Path dir) {
    copy("mariadb", dir);
    write(dir, LOCAL, "[mysqld\nport = many\n!unknown thing\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).containsExactly(tcp(3306, "127.0.0.1", SERVER, 27));
    assertThat(subjects(d, Diagnostics.Kind.MALFORMED))
        .containsExactlyInAnyOrder(LOCAL + ":1", LOCAL + ":3");
    write(dir, LOCAL, "[mysqld]\nport = many\n");
    Diagnostics d2 = new Diagnostics();
    assertThat(listens(reader, dir, d2)).containsExactly(tcp(3306, "127.0.0.1", SERVER, 27));
    assertThat(subjects(d2, Diagnostics.Kind.MALFORMED)).containsExactly(LOCAL + ":2");
  }

  @Test
  void anIncludedirLinkEscapingTheRootIsNotFollowed(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    copy("mariadb", root);
    write(dir, "/outside.cnf", "[mysqld]\nbind-address = 0.0.0.0\n");
    link(root, "/etc/mysql/mariadb.conf.d/99-evil.cnf", "../../../../outside.cnf");
    assertThat(listens(reader, root, new Diagnostics()))
        .containsExactly(tcp(3306, "127.0.0.1", SERVER, 27));
  }

  @Test
  void noOptionFileIsEmpty(@TempDir Path dir) {
    assertThat(reader.listens(Host.offline(dir), new Diagnostics())).isEmpty();
  }
}
