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

class ApacheConfigReaderTest {
  private static final String PORTS = "/etc/apache2/ports.conf";
  private final ApacheConfigReader reader = new ApacheConfigReader();

  @Test
  void debianDefaultIsPort80AloneWithoutSsl() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("apache"), d))
        .containsExactly(tcp(80, "::", PORTS, 5));
    assertThat(d.isEmpty()).isTrue();
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("apache2", "httpd", "apache");
  }

  @Test
  void enablingSslAddsPort443(@TempDir Path dir) {
    copy("apache", dir);
    link(dir, "/etc/apache2/mods-enabled/ssl.load", "../mods-available/ssl.load");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(80, "::", PORTS, 5), tcp(443, "::", PORTS, 8));
  }

  @Test
  void gnutlsIsNamedByItsSourceFile(@TempDir Path dir) {
    copy("apache", dir);
    write(
        dir,
        "/etc/apache2/mods-available/gnutls.load",
        "LoadModule gnutls_module /usr/lib/apache2/modules/mod_gnutls.so\n");
    link(dir, "/etc/apache2/mods-enabled/gnutls.load", "../mods-available/gnutls.load");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(80, "::", PORTS, 5), tcp(443, "::", PORTS, 12));
  }

  @Test
  void addressesProtocolsNegationAndDirectories(@TempDir Path dir) {
    copy("apache", dir);
    edit(
        dir,
        PORTS,
        "Listen 80\n",
        """
        Listen 127.0.0.1:8080
        Listen [::1]:8443 https
        Listen *:8000
        <IfModule !ssl_module>
          Listen 192.0.2.7:81
        </IfModule>
        <IfModule mpm_prefork_module>
          Listen 82
        </IfModule>
        """);
    write(dir, "/etc/apache2/conf-enabled/extra/more.conf", "Listen 0.0.0.0:8888\n");
    edit(
        dir,
        "/etc/apache2/apache2.conf",
        "IncludeOptional conf-enabled/*.conf",
        "IncludeOptional conf-enabled/*.conf\nInclude conf-enabled/extra");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(8080, "127.0.0.1", PORTS, 5),
            tcp(8443, "::1", PORTS, 6),
            tcp(8000, "::", PORTS, 7),
            tcp(81, "192.0.2.7", PORTS, 9),
            tcp(8888, "0.0.0.0", "/etc/apache2/conf-enabled/extra/more.conf", 1));
  }

  @Test
  void ifDefineHoldsForDefineAndForMinusDInEnvvarsOnly(@TempDir Path dir) {
    copy("apache", dir);
    edit(
        dir,
        PORTS,
        "Listen 80\n",
        "Listen 80\n<IfDefine SSL>\n Listen 8443\n</IfDefine>\nDefine MINE\n"
            + "<IfDefine !MINE>\n Listen 9999\n</IfDefine>\n<IfDefine MINE>\n Listen 8001\n"
            + "</IfDefine>\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d))
        .containsExactly(tcp(80, "::", PORTS, 5), tcp(8001, "::", PORTS, 14));
    assertThat(d.isEmpty()).isTrue();
    edit(
        dir,
        "/etc/apache2/envvars",
        "#export APACHE_ARGUMENTS=''",
        "export APACHE_ARGUMENTS='-D SSL'");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(80, "::", PORTS, 5), tcp(8443, "::", PORTS, 7), tcp(8001, "::", PORTS, 14));
  }

  @Test
  void syntaxErrorsAreDiagnostics(@TempDir Path dir) {
    copy("apache", dir);
    edit(
        dir,
        PORTS,
        "Listen 80\n",
        "Listen 80\n"
            + "Listen http\n"
            + "</IfModule>\n"
            + "<IfModule ssl_module\n"
            + "<VirtualHost *:80>\n"
            + "Listen 8081\n"
            + "</VirtualHost>\n"
            + "Include /etc/apache2/missing.conf\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).containsExactly(tcp(80, "::", PORTS, 5));
    assertThat(subjects(d, Diagnostics.Kind.MALFORMED))
        .containsExactly(PORTS + ":6", PORTS + ":7", PORTS + ":8", PORTS + ":10");
    assertThat(subjects(d, Diagnostics.Kind.UNREADABLE)).containsExactly(PORTS + ":12");
  }

  @Test
  void aSiteLinkEscapingTheRootIsNotFollowed(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    copy("apache", root);
    write(dir, "/outside.conf", "Listen 6666\n");
    link(root, "/etc/apache2/sites-enabled/evil.conf", "../../../../outside.conf");
    assertThat(listens(reader, root, new Diagnostics())).containsExactly(tcp(80, "::", PORTS, 5));
  }

  @Test
  void missingMainConfigurationIsEmpty(@TempDir Path dir) {
    assertThat(reader.listens(Host.offline(dir), new Diagnostics())).isEmpty();
  }
}
