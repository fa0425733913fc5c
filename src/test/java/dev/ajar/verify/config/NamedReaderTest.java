package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.append;
import static dev.ajar.verify.config.ConfigFixtures.copyOfDebian;
import static dev.ajar.verify.config.ConfigFixtures.debian;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.kinds;
import static dev.ajar.verify.config.ConfigFixtures.linkOutside;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.udp;
import static dev.ajar.verify.config.ConfigFixtures.write;
import static dev.ajar.verify.config.ConfigFixtures.writeHuge;
import static dev.ajar.verify.config.ConfiguredListen.EVERY_IPV4;
import static dev.ajar.verify.config.ConfiguredListen.EVERY_IPV6;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedReaderTest {
  static final String OPTIONS = "/etc/bind/named.conf.options";
  static final String CONFIG = "/etc/bind/named.conf";
  final NamedReader reader = new NamedReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  static final List<ConfiguredListen> RNDC =
      List.of(tcp(953, "127.0.0.1", null, 0), tcp(953, "::1", null, 0));

  @Test
  void debianDefaultIsEveryAddressOnPort53AndRndcOnLoopback() {
    assertThat(reader.name()).isEqualTo("named");
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("named", "bind9", "bind");
    assertThat(reader.listens(debian("named"), diagnostics).orElseThrow())
        .containsExactly(
            tcp(53, EVERY_IPV4, null, 0), udp(53, EVERY_IPV4, null, 0),
            tcp(53, EVERY_IPV6, OPTIONS, 23), udp(53, EVERY_IPV6, OPTIONS, 23),
            RNDC.get(0), RNDC.get(1));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void noRndcKeyNoControlChannel() throws Exception {
    Path root = copyOfDebian("named", dir);
    Files.delete(root.resolve("etc/bind/rndc.key"));

    assertThat(listens(root)).extracting(ConfiguredListen::port).doesNotContain(953);
  }

  @Test
  void explicitListsPortsNoneCommentsAndNestedLists() {
    Path root = copyOfDebian("named", dir);
    edit(
        root,
        OPTIONS,
        "\tlisten-on-v6 { any; };",
        "\tlisten-on port 5353 { 127.0.0.1; /* a comment; */ 192.0.2.1/32; ::1; };\n"
            + "\tlisten-on { { 198.51.100.7; }; none; }; // and \"this\" { }\n"
            + "\t# listen-on { any; };\n"
            + "\tlisten-on-v6 { none; };");

    assertThat(listens(root))
        .containsExactly(
            tcp(5353, "127.0.0.1", OPTIONS, 23), udp(5353, "127.0.0.1", OPTIONS, 23),
            tcp(5353, "192.0.2.1", OPTIONS, 23), udp(5353, "192.0.2.1", OPTIONS, 23),
            tcp(53, "198.51.100.7", OPTIONS, 24), udp(53, "198.51.100.7", OPTIONS, 24),
            RNDC.get(0), RNDC.get(1));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void optionsPortTlsAndHttpListeners() {
    Path root = copyOfDebian("named", dir);
    edit(
        root,
        OPTIONS,
        "\tlisten-on-v6 { any; };",
        "\tport 5300;\n\tlisten-on-v6 { ::1; };\n\tlisten-on tls local-tls { 127.0.0.1; };\n"
            + "\tlisten-on tls local-tls http local { 127.0.0.1; };\n"
            + "\tlisten-on tls none http local port 8080 { 127.0.0.1; };");

    assertThat(listens(root))
        .containsExactly(
            tcp(853, "127.0.0.1", OPTIONS, 25),
            tcp(443, "127.0.0.1", OPTIONS, 26),
            tcp(8080, "127.0.0.1", OPTIONS, 27),
            tcp(5300, "::1", OPTIONS, 24),
            udp(5300, "::1", OPTIONS, 24),
            RNDC.get(0),
            RNDC.get(1));
  }

  @Test
  void aclNamesPrefixesAndNegationsErrTowardsMore() {
    Path root = copyOfDebian("named", dir);
    edit(
        root,
        OPTIONS,
        "\tlisten-on-v6 { any; };",
        "\tlisten-on { !192.0.2.9; trusted; };\n\tlisten-on-v6 { 2001:db8::/32; };");

    assertThat(listens(root))
        .containsExactly(
            tcp(53, EVERY_IPV4, OPTIONS, 23), udp(53, EVERY_IPV4, OPTIONS, 23),
            tcp(53, EVERY_IPV6, OPTIONS, 24), udp(53, EVERY_IPV6, OPTIONS, 24),
            RNDC.get(0), RNDC.get(1));
    assertThat(subjects(diagnostics))
        .containsExactly(OPTIONS + ":23", OPTIONS + ":23", OPTIONS + ":24");
    assertThat(kinds(diagnostics)).containsOnly(Diagnostics.Kind.SKIPPED);
  }

  @Test
  void controlsAndStatisticsChannels() {
    Path root = copyOfDebian("named", dir);
    append(
        root,
        "/etc/bind/named.conf.local",
        "controls {\n  inet 127.0.0.1 port 7953 allow { localhost; } keys { \"rndc-key\"; };\n"
            + "  inet * allow { any; };\n  inet ::1 port * allow { ::1; };\n"
            + "  unix \"/run/named/ctl\" perm 0600 owner 0 group 0;\n};\n"
            + "statistics-channels { inet 127.0.0.1 port 8053 allow { 127.0.0.1; }; };\n");

    assertThat(listens(root))
        .containsSubsequence(
            tcp(7953, "127.0.0.1", "/etc/bind/named.conf.local", 10),
            tcp(953, "0.0.0.0", "/etc/bind/named.conf.local", 11),
            tcp(953, "::1", "/etc/bind/named.conf.local", 12),
            tcp(8053, "127.0.0.1", "/etc/bind/named.conf.local", 15));

    Path root2 = copyOfDebian("named", dir.resolve("2"));
    append(root2, CONFIG, "controls { };\n");
    assertThat(listens(root2)).extracting(ConfiguredListen::port).containsOnly(53);
  }

  @Test
  void ipv4OnlyFromDefaultOptions() {
    Path root = copyOfDebian("named", dir);
    edit(root, "/etc/default/named", "OPTIONS=\"-u bind\"", "OPTIONS=\"-u bind -4\"");

    assertThat(listens(root))
        .containsExactly(tcp(53, EVERY_IPV4, null, 0), udp(53, EVERY_IPV4, null, 0), RNDC.get(0));
  }

  @Test
  void includesRelativeToEtcBindAndInsideBlocks() {
    Path root = copyOfDebian("named", dir);
    edit(root, OPTIONS, "\tlisten-on-v6 { any; };", "\tinclude \"listen.conf\";");
    write(root, "/etc/bind/listen.conf", "listen-on-v6 { ::1; };\nlisten-on { 127.0.0.1; };\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(53, "127.0.0.1", "/etc/bind/listen.conf", 2),
            udp(53, "127.0.0.1", "/etc/bind/listen.conf", 2),
            tcp(53, "::1", "/etc/bind/listen.conf", 1),
            udp(53, "::1", "/etc/bind/listen.conf", 1),
            RNDC.get(0),
            RNDC.get(1));
  }

  @Test
  void syntaxErrorsAreDiagnosticsNotExceptions() {
    Path root = copyOfDebian("named", dir);
    append(
        root,
        CONFIG,
        "include \"/etc/bind/missing.conf\";\ninclude \"named.conf\";\n"
            + "zone \"x\" { type master; file \"unterminated }; \n");
    append(root, OPTIONS, "options { listen-on port x { any; }; };\n} ; /* open");

    List<ConfiguredListen> listens = listens(root);
    assertThat(listens).contains(tcp(53, EVERY_IPV6, OPTIONS, 23));
    assertThat(kinds(diagnostics)).containsOnly(Diagnostics.Kind.MALFORMED);
    assertThat(subjects(diagnostics)).contains(CONFIG + ":12", OPTIONS + ":25", OPTIONS + ":26");
    assertThat(diagnostics.all()).anyMatch(d -> d.message().contains("nested too deep"));
  }

  @Test
  void hugeIncludeAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("named", dir);
    writeHuge(root, "/etc/bind/named.conf.local");
    assertThat(listens(root)).hasSize(6);
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);

    linkOutside(
        root, outside.resolve("options"), OPTIONS, "options { listen-on port 5 { any; }; };");
    assertThat(listens(root)).extracting(ConfiguredListen::port).doesNotContain(5);
    linkOutside(root, outside.resolve("conf"), CONFIG, "options { };");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
