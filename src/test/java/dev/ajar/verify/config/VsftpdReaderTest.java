package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.append;
import static dev.ajar.verify.config.ConfigFixtures.copyOfDebian;
import static dev.ajar.verify.config.ConfigFixtures.debian;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.kinds;
import static dev.ajar.verify.config.ConfigFixtures.linkOutside;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.writeHuge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VsftpdReaderTest {
  static final String CONFIG = "/etc/vsftpd.conf";
  final VsftpdReader reader = new VsftpdReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void debianDefaultIsOneIpv6WildcardSocketOnPort21() {
    assertThat(reader.name()).isEqualTo("vsftpd");
    assertThat(reader.answersTo()).containsExactly("vsftpd");
    assertThat(reader.listens(debian("vsftpd"), diagnostics).orElseThrow())
        .containsExactly(tcp(21, "::", CONFIG, 22));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void ipv4ListenerWithPortAndAddress() {
    Path root = copyOfDebian("vsftpd", dir);
    edit(root, CONFIG, "listen=NO", "listen=yes");
    edit(root, CONFIG, "listen_ipv6=YES", "listen_ipv6=NO");
    append(root, CONFIG, "listen_port=2121\nlisten_address=192.0.2.5\nlisten_address6=::1\n");

    assertThat(listens(root)).containsExactly(tcp(2121, "192.0.2.5", CONFIG, 157));
  }

  @Test
  void ipv6ListenerOnOneAddressAndTheLastLineWins() {
    Path root = copyOfDebian("vsftpd", dir);
    append(root, CONFIG, "listen_port=990\nlisten_port=2121\nlisten_address6=2001:db8::1\n");

    assertThat(listens(root)).containsExactly(tcp(2121, "2001:db8::1", CONFIG, 158));
  }

  @Test
  void bothNoMeansInetdModeAndNothingOpened() {
    Path root = copyOfDebian("vsftpd", dir);
    edit(root, CONFIG, "listen_ipv6=YES", "#listen_ipv6=YES");

    assertThat(listens(root)).isEmpty();
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void bothYesRefusesToStart() {
    Path root = copyOfDebian("vsftpd", dir);
    edit(root, CONFIG, "listen=NO", "listen=YES");

    assertThat(listens(root)).isEmpty();
    assertThat(diagnostics.all())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).contains("both listen and listen_ipv6"));
  }

  @Test
  void badValuesAreDiagnostics() {
    Path root = copyOfDebian("vsftpd", dir);
    append(root, CONFIG, "this is not a setting\nlisten_port=ftp\n");

    assertThat(listens(root)).isEmpty();
    assertThat(subjects(diagnostics)).containsExactly(CONFIG + ":156", CONFIG + ":157");

    Path root2 = copyOfDebian("vsftpd", dir.resolve("2"));
    edit(root2, CONFIG, "listen_ipv6=YES", "listen_ipv6=maybe");
    assertThat(listens(root2)).isEmpty();
    append(root2, CONFIG, "listen_ipv6=YES\nlisten_address6=ftp.example.org\n");
    assertThat(listens(root2)).isEmpty();
    assertThat(subjects(diagnostics)).contains(CONFIG + ":22", CONFIG + ":157");
    assertThat(kinds(diagnostics)).containsOnly(Diagnostics.Kind.MALFORMED);
  }

  @Test
  void hugeFileAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("vsftpd", dir);
    writeHuge(root, CONFIG);
    assertThat(reader.listens(Host.offline(root), diagnostics)).isEmpty();
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);

    linkOutside(root, outside.resolve("conf"), CONFIG, "listen=YES\n");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
