package dev.ajar.verify.config;

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

class SendmailReaderTest {
  static final String CONFIG = "/etc/mail/sendmail.cf";
  static final String MTA =
      "O DaemonPortOptions=Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1";
  static final String MSP =
      "O DaemonPortOptions=Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1";
  final SendmailReader reader = new SendmailReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void debianDefaultIsMtaAndMspOnLoopback() {
    assertThat(reader.name()).isEqualTo("sendmail");
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("sendmail", "sendmail-mta");
    assertThat(reader.listens(debian("sendmail"), diagnostics).orElseThrow())
        .containsExactly(tcp(25, "127.0.0.1", CONFIG, 278), tcp(587, "127.0.0.1", CONFIG, 279));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void withoutDaemonPortOptionsItIsPort25OnEveryIpv4Address() {
    Path root = copyOfDebian("sendmail", dir);
    edit(root, CONFIG, MTA + "\n" + MSP + "\n", "#" + MTA + "\n");

    assertThat(listens(root)).containsExactly(tcp(25, "0.0.0.0", null, 0));
  }

  @Test
  void ipv6FamiliesPortsAndContinuationLines() {
    Path root = copyOfDebian("sendmail", dir);
    edit(
        root,
        CONFIG,
        MTA + "\n" + MSP + "\n",
        "O DaemonPortOptions=Family=inet6, Name=MTA-v6, Port=smtp, Addr=::1\n"
            + "O DaemonPortOptions=Name=MTA, Port=2525\n"
            + "O DaemonPortOptions=F=inet6, P=465,\n\tA=ip6-localhost\n"
            + "O DaemonPortOptions=Family=local, Addr=/run/sendmail.sock\n"
            + "O DaemonPortOptions=Family=inet6\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(25, "::1", CONFIG, 278), tcp(2525, "0.0.0.0", CONFIG, 279),
            tcp(465, "::1", CONFIG, 280), tcp(25, "::", CONFIG, 283));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void daemonModeOtherThanDaemonListensOnNothing() {
    Path root = copyOfDebian("sendmail", dir);
    edit(root, "/etc/mail/sendmail.conf", "DAEMON_MODE=\"Daemon\";", "DAEMON_MODE=\"inetd\";");

    assertThat(listens(root)).isEmpty();
  }

  @Test
  void badOptionsAreDiagnostics() {
    Path root = copyOfDebian("sendmail", dir);
    edit(
        root,
        CONFIG,
        MSP + "\n",
        MSP
            + "\nO DaemonPortOptions=Port\n"
            + "O DaemonPortOptions=Port=nosuch\nO DaemonPortOptions=Family=inet7\n"
            + "O DaemonPortOptions=Addr=mx.example.org\n");

    assertThat(listens(root))
        .containsExactly(tcp(25, "127.0.0.1", CONFIG, 278), tcp(587, "127.0.0.1", CONFIG, 279));
    assertThat(subjects(diagnostics))
        .containsExactly(CONFIG + ":280", CONFIG + ":281", CONFIG + ":282", CONFIG + ":283");
  }

  @Test
  void hugeFileAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("sendmail", dir);
    writeHuge(root, CONFIG);
    assertThat(reader.listens(Host.offline(root), diagnostics)).isEmpty();
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);

    linkOutside(root, outside.resolve("cf"), CONFIG, "O DaemonPortOptions=Port=2525\n");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
