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

class PostfixReaderTest {
  static final String MASTER = "/etc/postfix/master.cf";
  static final String MAIN = "/etc/postfix/main.cf";
  final PostfixReader reader = new PostfixReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void debianDefaultIsSmtpOnBothWildcards() {
    assertThat(reader.name()).isEqualTo("postfix");
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("postfix", "master");
    assertThat(reader.listens(debian("postfix"), diagnostics).orElseThrow())
        .containsExactly(tcp(25, "0.0.0.0", MASTER, 12), tcp(25, "::", MASTER, 12));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingMasterCfIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void submissionAndSmtpsFromServicesWithContinuationLines() {
    Path root = copyOfDebian("postfix", dir);
    edit(
        root,
        MASTER,
        "#submission inet n       -       y       -       -       smtpd",
        "submission inet n       -       y       -       -       smtpd");
    edit(
        root,
        MASTER,
        "#127.0.0.1:submissions inet n  -       y       -       -       smtpd",
        "127.0.0.1:submissions inet n  -       y       -       -       smtpd");
    append(
        root,
        MASTER,
        "[::1]:10025 inet n - y - -\n  smtpd\n#2525 inet n - y - - smtpd\n"
            + "mail.example.org:2626 inet n - y - - smtpd\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(25, "0.0.0.0", MASTER, 12),
            tcp(25, "::", MASTER, 12),
            tcp(587, "0.0.0.0", MASTER, 19),
            tcp(587, "::", MASTER, 19),
            tcp(465, "127.0.0.1", MASTER, 36),
            tcp(10025, "::1", MASTER, 138));
    assertThat(subjects(diagnostics)).containsExactly(MASTER + ":141");
  }

  @Test
  void loopbackOnlyAndProtocols() {
    Path root = copyOfDebian("postfix", dir);
    edit(root, MAIN, "inet_interfaces = all", "inet_interfaces = loopback-only");
    assertThat(listens(root))
        .containsExactly(tcp(25, "127.0.0.1", MASTER, 12), tcp(25, "::1", MASTER, 12));

    edit(root, MAIN, "inet_protocols = all", "inet_protocols = ipv4");
    assertThat(listens(root)).containsExactly(tcp(25, "127.0.0.1", MASTER, 12));

    edit(root, MAIN, "inet_protocols = ipv4", "inet_protocols = ipv6");
    edit(root, MAIN, "inet_interfaces = loopback-only", "inet_interfaces = all");
    assertThat(listens(root)).containsExactly(tcp(25, "::", MASTER, 12));
  }

  @Test
  void interfaceListWithNamesParametersAndContinuation() {
    Path root = copyOfDebian("postfix", dir);
    edit(
        root,
        MAIN,
        "inet_interfaces = all",
        "inet_interfaces = 192.0.2.4,\n    localhost $extra\n"
            + "inet_interfaces = $myhostname, 192.0.2.5, [2001:db8::5]\n"
            + "  ${extra}\nextra = 198.51.100.9");
    write(root, "/etc/hosts", "127.0.0.1 localhost\n::1 localhost\n192.0.2.6 vm\n");
    assertThat(listens(root))
        .containsExactly(
            tcp(25, "192.0.2.6", MASTER, 12), tcp(25, "192.0.2.5", MASTER, 12),
            tcp(25, "2001:db8::5", MASTER, 12), tcp(25, "198.51.100.9", MASTER, 12));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void defaultsWithoutMainCfAreAllInterfacesAndBothProtocols() {
    Path root = copyOfDebian("postfix", dir);
    write(root, MAIN, "# nothing\n");

    assertThat(listens(root))
        .containsExactly(tcp(25, "0.0.0.0", MASTER, 12), tcp(25, "::", MASTER, 12));
  }

  @Test
  void badLinesAreDiagnostics() {
    Path root = copyOfDebian("postfix", dir);
    append(root, MASTER, "short inet n\nnosuchservice inet n - y - - smtpd\n");
    append(
        root,
        MAIN,
        "this line has no equals sign\ninet_protocols = ipv5\n"
            + "inet_interfaces = $undefined_parameter\n");

    assertThat(listens(root)).isEmpty();
    assertThat(subjects(diagnostics))
        .containsExactlyInAnyOrder(
            MAIN + ":48", MAIN + ":49", MAIN + ":50", MASTER + ":138", MASTER + ":139");
    assertThat(kinds(diagnostics)).contains(Diagnostics.Kind.MALFORMED, Diagnostics.Kind.SKIPPED);
  }

  @Test
  void hugeFileAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("postfix", dir);
    writeHuge(root, MAIN);
    assertThat(listens(root)).hasSize(2);
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);

    linkOutside(root, outside.resolve("master"), MASTER, "2525 inet n - y - - smtpd\n");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
