package dev.ajar.verify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each reader on its real Debian default, mangled at random (seeded, so a failure repeats):
 * characters dropped, duplicated, and replaced by the punctuation parsers trip on. Whatever the
 * text, the answer is a list (maybe empty) and diagnostics, never an exception.
 */
class HostileConfigTest {
  record Case(String fixture, DaemonConfigReader reader, String file) {
    @Override
    public String toString() {
      return fixture;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("sshd", new SshdReader(), "/etc/ssh/sshd_config"),
        new Case("exim4", new EximReader(), "/etc/exim4/exim4.conf.template"),
        new Case("postfix", new PostfixReader(), "/etc/postfix/master.cf"),
        new Case("postfix", new PostfixReader(), "/etc/postfix/main.cf"),
        new Case("sendmail", new SendmailReader(), "/etc/mail/sendmail.cf"),
        new Case("named", new NamedReader(), "/etc/bind/named.conf.options"),
        new Case("vsftpd", new VsftpdReader(), "/etc/vsftpd.conf"),
        new Case("proftpd", new ProftpdReader(), "/etc/proftpd/proftpd.conf"),
        new Case("cupsd", new CupsdReader(), "/etc/cups/cupsd.conf"),
        new Case("snmpd", new SnmpdReader(), "/etc/snmp/snmpd.conf"));
  }

  private static final String NASTY = "{}[]<>;:,.=\"'\\#/*!$\n\t 0123456789:::";

  @ParameterizedTest
  @MethodSource("cases")
  void mangledDefaultsNeverThrow(Case c, @TempDir Path dir) {
    Path root = ConfigFixtures.copyOfDebian(c.fixture(), dir);
    String original = ConfigFixtures.read(root, c.file());
    Random random = new Random(c.file().hashCode());
    for (int round = 0; round < 100; round++) {
      StringBuilder text = new StringBuilder(original);
      int edits = 1 + random.nextInt(40);
      for (int k = 0; k < edits && text.length() > 0; k++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, NASTY.charAt(random.nextInt(NASTY.length())));
          default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 40)));
        }
      }
      ConfigFixtures.write(root, c.file(), text.toString());
      Diagnostics diagnostics = new Diagnostics();
      assertThatCode(() -> c.reader().listens(Host.offline(root), diagnostics))
          .as("%s round %d", c, round)
          .doesNotThrowAnyException();
    }
    ConfigFixtures.write(root, c.file(), original);
    assertThat(c.reader().listens(Host.offline(root), new Diagnostics())).isPresent();
  }
}
