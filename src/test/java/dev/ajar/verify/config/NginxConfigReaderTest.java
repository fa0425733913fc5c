package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.copy;
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

class NginxConfigReaderTest {
  /** The site as nginx names it: the sites-enabled link, read through to sites-available. */
  private static final String SITE = "/etc/nginx/sites-enabled/default";

  private static final String CONF_D = "/etc/nginx/conf.d/test.conf";
  private final NginxConfigReader reader = new NginxConfigReader();

  @Test
  void debianDefaultSiteListensOn80ThroughTheSitesEnabledLink() {
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, ConfigFixtures.debian("nginx"), d))
        .containsExactly(tcp(80, "0.0.0.0", SITE, 22), tcp(80, "::", SITE, 23));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void listenForms(@TempDir Path dir) {
    copy("nginx", dir);
    write(
        dir,
        CONF_D,
        """
        # every form of listen
        server {
            listen 127.0.0.1:8080;          # specific address
            listen 443 ssl http2 default_server;
            listen [::]:443 ssl ipv6only=off;
            listen *:8443;
            listen 192.0.2.7;
            listen "localhost:9000";
            listen unix:/run/nginx.sock;
            listen 443 quic reuseport;
            server_name "a{b}c";  # braces inside quotes
            location / { return 200 '#not a comment;'; }
        }
        server { server_name nolisten; }
        """);
    Diagnostics d = new Diagnostics();
    // conf.d/*.conf is included before sites-enabled/*.
    assertThat(listens(reader, dir, d))
        .containsExactly(
            tcp(8080, "127.0.0.1", CONF_D, 3),
            tcp(443, "0.0.0.0", CONF_D, 4),
            tcp(443, "::", CONF_D, 5),
            tcp(8443, "0.0.0.0", CONF_D, 6),
            tcp(9000, "127.0.0.1", CONF_D, 8),
            tcp(9000, "::1", CONF_D, 8),
            udp(443, "0.0.0.0", CONF_D, 10),
            tcp(80, "0.0.0.0", CONF_D, 14),
            tcp(80, "::", SITE, 23));
    assertThat(d.isEmpty()).isTrue();
  }

  @Test
  void aSpecificAddressIsFoldedIntoTheWildcardOfItsPortUnlessItBinds(@TempDir Path dir) {
    copy("nginx", dir);
    write(dir, CONF_D, "server { listen 127.0.0.1:80; listen 127.0.0.2:80 bind; }\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            tcp(80, "127.0.0.2", CONF_D, 1), tcp(80, "0.0.0.0", SITE, 22), tcp(80, "::", SITE, 23));
  }

  @Test
  void streamUdpServersAndNoListenInStream(@TempDir Path dir) {
    copy("nginx", dir);
    write(
        dir,
        "/etc/nginx/modules-enabled/50-stream.conf",
        "stream {\n  server { listen 53 udp; listen 5353; proxy_pass 10.0.0.1:53; }\n"
            + "  server { proxy_pass x; }\n}\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(
            udp(53, "0.0.0.0", "/etc/nginx/modules-enabled/50-stream.conf", 2),
            tcp(5353, "0.0.0.0", "/etc/nginx/modules-enabled/50-stream.conf", 2),
            tcp(80, "0.0.0.0", SITE, 22),
            tcp(80, "::", SITE, 23));
  }

  @Test
  void aServerWithoutListenIsPort80(@TempDir Path dir) throws Exception {
    copy("nginx", dir);
    Files.delete(dir.resolve("etc/nginx/sites-enabled/default"));
    write(dir, CONF_D, "\n\nserver {\n  server_name example.org;\n}\n");
    assertThat(listens(reader, dir, new Diagnostics()))
        .containsExactly(tcp(80, "0.0.0.0", CONF_D, 3));
  }

  @Test
  void listenOutsideAServerOrInACommentCountsNot(@TempDir Path dir) throws Exception {
    copy("nginx", dir);
    Files.delete(dir.resolve("etc/nginx/sites-enabled/default"));
    write(dir, CONF_D, "# server { listen 81; }\nupstream u { server 10.0.0.1:82; }\n");
    assertThat(listens(reader, dir, new Diagnostics())).isEmpty();
  }

  @Test
  void syntaxErrorsAreDiagnostics(@TempDir Path dir) {
    copy("nginx", dir);
    write(
        dir,
        CONF_D,
        "server {\n  listen 8081;\n  listen nope:x;\n  listen 8082\n}\n}\n"
            + "server { listen 8083; return \"unterminated;\n}\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).contains(tcp(8081, "0.0.0.0", CONF_D, 2));
    assertThat(subjects(d, Diagnostics.Kind.MALFORMED))
        .contains(CONF_D + ":3", CONF_D + ":4", CONF_D + ":6", CONF_D + ":7");
  }

  @Test
  void aSiteLinkEscapingTheRootIsNotFollowed(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    copy("nginx", root);
    write(dir, "/outside.conf", "server { listen 6666; }\n");
    link(root, "/etc/nginx/sites-enabled/evil", "../../../../outside.conf");
    link(root, "/etc/nginx/sites-enabled/evil-absolute", dir.resolve("outside.conf").toString());
    assertThat(listens(reader, root, new Diagnostics()))
        .noneMatch(l -> l.port() == 6666)
        .hasSize(2);
  }

  @Test
  void aMissingIncludeIsADiagnosticAndMissingMainConfigIsEmpty(@TempDir Path dir) {
    copy("nginx", dir);
    write(dir, CONF_D, "include /etc/nginx/nothing-here.conf;\n");
    Diagnostics d = new Diagnostics();
    assertThat(listens(reader, dir, d)).hasSize(2);
    assertThat(subjects(d, Diagnostics.Kind.UNREADABLE)).containsExactly(CONF_D + ":1");
    assertThat(reader.listens(Host.offline(dir.resolve("etc/nginx/snippets")), new Diagnostics()))
        .isEmpty();
  }
}
