package dev.ajar.verify.config;

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

class EximReaderTest {
  static final String DEBCONF = "/etc/exim4/update-exim4.conf.conf";
  static final String DEFAULTS = "/etc/default/exim4";
  static final String TEMPLATE = "/etc/exim4/exim4.conf.template";
  static final String INTERFACES = "dc_local_interfaces='127.0.0.1 ; ::1'";
  final EximReader reader = new EximReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void debianDefaultIsPort25OnBothLoopbacks() {
    assertThat(reader.name()).isEqualTo("exim4");
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("exim4", "exim");
    assertThat(reader.listens(debian("exim4"), diagnostics).orElseThrow())
        .containsExactly(tcp(25, "127.0.0.1", DEBCONF, 21), tcp(25, "::1", DEBCONF, 21));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void emptyInterfacesMeansBothWildcards() {
    Path root = copyOfDebian("exim4", dir);
    edit(root, DEBCONF, INTERFACES, "dc_local_interfaces=''");

    assertThat(listens(root)).containsExactly(tcp(25, "::", null, 0), tcp(25, "0.0.0.0", null, 0));
  }

  @Test
  void colonListsWithDoubledColonsAndPortSuffixes() {
    Path root = copyOfDebian("exim4", dir);
    edit(root, DEBCONF, INTERFACES, "dc_local_interfaces='192.0.2.1 : ::::1.2525 : 192.0.2.2.26'");

    assertThat(listens(root))
        .containsExactly(
            tcp(25, "192.0.2.1", DEBCONF, 21),
            tcp(2525, "::1", DEBCONF, 21),
            tcp(26, "192.0.2.2", DEBCONF, 21));
  }

  @Test
  void localMacrosAndTemplateOptionsForPorts() {
    Path root = copyOfDebian("exim4", dir);
    write(
        root,
        "/etc/exim4/exim4.conf.localmacros",
        "MAIN_LOCAL_INTERFACES = <; 127.0.0.1 ; [::1]:465 ; 0.0.0.0.2525\n");
    edit(
        root,
        TEMPLATE,
        "# listen on all all interfaces?",
        "daemon_smtp_ports = smtp : \\\n   submission");

    assertThat(listens(root))
        .containsExactly(
            tcp(25, "127.0.0.1", "/etc/exim4/exim4.conf.localmacros", 1),
            tcp(587, "127.0.0.1", "/etc/exim4/exim4.conf.localmacros", 1),
            tcp(465, "::1", "/etc/exim4/exim4.conf.localmacros", 1),
            tcp(2525, "0.0.0.0", "/etc/exim4/exim4.conf.localmacros", 1));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void splitConfigurationReadsConfDMainWithItsOwnMacros() {
    Path root = copyOfDebian("exim4", dir);
    edit(root, DEBCONF, "dc_use_split_config='false'", "dc_use_split_config='true'");
    write(root, "/etc/exim4/conf.d/main/000_localmacros", "MAIN_LOCAL_INTERFACES = 192.0.2.9\n");
    write(root, "/etc/exim4/conf.d/main/99_ports", "daemon_smtp_ports = 25 : 587\n");
    write(root, "/etc/exim4/conf.d/main/99_ports.dpkg-old", "daemon_smtp_ports = 2\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(25, "192.0.2.9", "/etc/exim4/conf.d/main/000_localmacros", 1),
            tcp(587, "192.0.2.9", "/etc/exim4/conf.d/main/000_localmacros", 1));
  }

  @Test
  void ownExim4ConfReplacesTheGeneratedOne() {
    Path root = copyOfDebian("exim4", dir);
    write(
        root,
        "/etc/exim4/exim4.conf",
        "# mine\n"
            + ".ifndef NOPE\n"
            + "local_interfaces = 192.0.2.3\n"
            + ".else\n"
            + "local_interfaces = 192.0.2.4\n"
            + ".endif\n"
            + "begin acl\n"
            + "local_interfaces = 10.0.0.1\n");

    assertThat(listens(root)).containsExactly(tcp(25, "192.0.2.3", "/etc/exim4/exim4.conf", 3));
  }

  @Test
  void queueRunnerOnlyOrNoDaemonListenOnNothing() {
    Path root = copyOfDebian("exim4", dir);
    edit(root, DEFAULTS, "QUEUERUNNER='combined'", "QUEUERUNNER='queueonly'");
    assertThat(listens(root)).isEmpty();

    edit(root, DEFAULTS, "QUEUERUNNER='queueonly'", "QUEUERUNNER='nodaemon'");
    assertThat(listens(root)).isEmpty();

    // "no" means no queue runner: the init script still starts the listener.
    edit(root, DEFAULTS, "QUEUERUNNER='nodaemon'", "QUEUERUNNER='no'");
    assertThat(listens(root)).hasSize(2);
  }

  @Test
  void listenerOptionsOverridePorts() {
    Path root = copyOfDebian("exim4", dir);
    edit(
        root,
        DEFAULTS,
        "SMTPLISTENEROPTIONS=''",
        "SMTPLISTENEROPTIONS='-oX 25:587:10025 -oP /run/exim4/exim.pid'");

    assertThat(listens(root))
        .extracting(ConfiguredListen::port)
        .containsExactly(25, 587, 10025, 25, 587, 10025);
  }

  @Test
  void badValuesAreDiagnostics() {
    Path root = copyOfDebian("exim4", dir);
    edit(root, DEBCONF, INTERFACES, "dc_local_interfaces='127.0.0.1 ; mail.example.org ; [::1'");
    edit(
        root,
        TEMPLATE,
        "# listen on all all interfaces?",
        "daemon_smtp_ports = 25 : nosuch\n.endif");

    assertThat(listens(root)).containsExactly(tcp(25, "127.0.0.1", DEBCONF, 21));
    assertThat(subjects(diagnostics)).contains(DEBCONF + ":21", TEMPLATE + ":66");
    assertThat(kinds(diagnostics)).containsOnly(Diagnostics.Kind.MALFORMED);
  }

  @Test
  void hugeTemplateAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("exim4", dir);
    writeHuge(root, TEMPLATE);
    assertThat(reader.listens(Host.offline(root), diagnostics)).isEmpty();
    assertThat(kinds(diagnostics)).contains(Diagnostics.Kind.UNREADABLE);

    linkOutside(
        root, outside.resolve("conf"), "/etc/exim4/exim4.conf", "local_interfaces = 1.2.3.4\n");
    linkOutside(root, outside.resolve("debconf"), DEBCONF, "dc_local_interfaces='1.2.3.4'\n");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
