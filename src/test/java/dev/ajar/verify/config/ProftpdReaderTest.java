package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.append;
import static dev.ajar.verify.config.ConfigFixtures.copyOfDebian;
import static dev.ajar.verify.config.ConfigFixtures.debian;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.kinds;
import static dev.ajar.verify.config.ConfigFixtures.linkOutside;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.write;
import static dev.ajar.verify.config.ConfigFixtures.writeHuge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProftpdReaderTest {
  static final String CONFIG = "/etc/proftpd/proftpd.conf";
  final ProftpdReader reader = new ProftpdReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void debianDefaultIsPort21OnTheIpv6Wildcard() {
    assertThat(reader.name()).isEqualTo("proftpd");
    assertThat(reader.answersTo()).containsExactly("proftpd");
    assertThat(reader.listens(debian("proftpd"), diagnostics).orElseThrow())
        .containsExactly(tcp(21, "::", CONFIG, 46));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void ipv4OnlyAndAnotherPort() {
    Path root = copyOfDebian("proftpd", dir);
    edit(root, CONFIG, "UseIPv6 on", "UseIPv6 off");
    edit(root, CONFIG, "Port 21", "Port 2121");

    assertThat(listens(root)).containsExactly(tcp(2121, "0.0.0.0", CONFIG, 46));
  }

  @Test
  void inetdServerTypeOpensNothing() {
    Path root = copyOfDebian("proftpd", dir);
    edit(root, CONFIG, "ServerType standalone", "ServerType inetd");

    assertThat(listens(root)).isEmpty();
  }

  @Test
  void virtualHostsFromIncludedDirectoryShareOrAddWildcardPorts() {
    Path root = copyOfDebian("proftpd", dir);
    write(
        root,
        "/etc/proftpd/conf.d/vhosts.conf",
        "<VirtualHost 192.0.2.10>\n  ServerName \"a\"\n</VirtualHost>\n"
            + "<VirtualHost 192.0.2.11 \"ftp.example.org\">\n  Port 2121\n</VirtualHost>\n"
            + "<VirtualHost 192.0.2.12>\n  Port 0\n</VirtualHost>\n");
    write(root, "/etc/proftpd/conf.d/old.conf~", "Port 9999\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(21, "::", CONFIG, 46), tcp(2121, "::", "/etc/proftpd/conf.d/vhosts.conf", 5));
  }

  @Test
  void socketBindTightBindsEachServersAddresses() {
    Path root = copyOfDebian("proftpd", dir);
    append(
        root,
        CONFIG,
        "SocketBindTight on\nDefaultAddress 127.0.0.1 ip6-localhost\n"
            + "Include virtual/*.conf\n");
    write(
        root,
        "/etc/proftpd/virtual/a.conf",
        "<VirtualHost 192.0.2.11 \\\n    ftp.example.org>\n  Port 2121\n</VirtualHost>\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(21, "127.0.0.1", CONFIG, 46),
            tcp(21, "::1", CONFIG, 46),
            tcp(2121, "192.0.2.11", "/etc/proftpd/virtual/a.conf", 3));
    assertThat(subjects(diagnostics)).containsExactly("/etc/proftpd/virtual/a.conf:3");
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.SKIPPED);
  }

  @Test
  void badLinesAreDiagnostics() {
    Path root = copyOfDebian("proftpd", dir);
    append(
        root,
        CONFIG,
        "Port ftp\nServerType both\nUseIPv6 perhaps\nServerName \"open\n"
            + "<VirtualHost 192.0.2.1\nInclude /etc/proftpd/proftpd.conf\n");

    assertThat(listens(root)).contains(tcp(21, "::", CONFIG, 46));
    assertThat(subjects(diagnostics))
        .contains(
            CONFIG + ":211",
            CONFIG + ":212",
            CONFIG + ":213",
            CONFIG + ":214",
            CONFIG + ":215",
            CONFIG + ":216");
    assertThat(kinds(diagnostics)).containsOnly(Diagnostics.Kind.MALFORMED);
  }

  @Test
  void hugeIncludeAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("proftpd", dir);
    writeHuge(root, "/etc/proftpd/conf.d/huge.conf");
    assertThat(listens(root)).containsExactly(tcp(21, "::", CONFIG, 46));
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);

    linkOutside(root, outside.resolve("conf"), "/etc/proftpd/conf.d/evil.conf", "Port 31337\n");
    assertThat(listens(root)).containsExactly(tcp(21, "::", CONFIG, 46));
    linkOutside(root, outside.resolve("main"), CONFIG, "Port 31337\n");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
