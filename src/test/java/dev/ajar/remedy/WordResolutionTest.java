package dev.ajar.remedy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.host.BadInputException;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.model.Owner;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Words against closables as an offline root's prediction gives them: every kind of word finds its
 * owner, whatever made the prediction, and a port two daemons open closes both.
 */
class WordResolutionTest {
  static final Owner VSFTPD =
      new Owner(
          SupervisorKind.SYSTEMD,
          "vsftpd.service",
          "/lib/systemd/system/vsftpd.service",
          0,
          "/usr/sbin/vsftpd");
  static final Owner NAMED =
      new Owner(
          SupervisorKind.SYSTEMD,
          "named.service",
          "/lib/systemd/system/named.service",
          0,
          "/usr/sbin/named");
  static final Owner DNSMASQ =
      new Owner(SupervisorKind.SYSV, "dnsmasq", "/etc/init.d/dnsmasq", 0, "/usr/sbin/dnsmasq");
  static final Owner SHELL =
      new Owner(SupervisorKind.INETD, "shell", "/etc/inetd.conf", 28, "/usr/sbin/in.rshd");
  static final Owner STATD =
      new Owner(
          SupervisorKind.SYSTEMD,
          "rpc-statd.service",
          "/lib/systemd/system/rpc-statd.service",
          0,
          "/sbin/rpc.statd");

  static final List<Closable> PREDICTED =
      List.of(
          predicted(VSFTPD, Protocol.TCP, 21, "ftp", "predicted from /etc/vsftpd.conf:22 (config)"),
          predicted(
              NAMED,
              Protocol.TCP,
              53,
              "domain",
              "predicted from named's built-in default (config)"),
          predicted(
              NAMED,
              Protocol.UDP,
              53,
              "domain",
              "predicted from named's built-in default (config)"),
          predicted(
              DNSMASQ,
              Protocol.UDP,
              53,
              "domain",
              "predicted by default: the knowledge base's port for dnsmasq (default)"),
          predicted(SHELL, Protocol.TCP, 514, "shell", "predicted from /etc/inetd.conf:28 (inetd)"),
          predicted(
              STATD, Protocol.UDP, 0, null, "predicted from rpc.statd's built-in default (config)"),
          new Closable(
              new Owner(SupervisorKind.SYSV, "vsftpd", "/etc/init.d/vsftpd", 0, "/usr/sbin/vsftpd"),
              null,
              null,
              -1,
              null,
              "starts at boot (S01vsftpd in /etc/rc2.d), port unknown",
              null,
              false),
          new Closable(
              new Owner(SupervisorKind.RUNIT, "ssh", "/etc/sv/ssh/run", 0, null),
              null,
              null,
              -1,
              null,
              "enabled in /etc/sv/ssh/run, but runit does not run at boot",
              null,
              true),
          new Closable(
              new Owner(SupervisorKind.RUNIT, "telnetd", "/etc/sv/telnetd/run", 0, null),
              null,
              null,
              -1,
              null,
              "enabled in /etc/sv/telnetd/run, but runit does not run at boot",
              null,
              true),
          predicted(
              new Owner(SupervisorKind.SYSV, "ssh", "/etc/init.d/ssh", 0, "/usr/sbin/sshd"),
              Protocol.TCP,
              22,
              "ssh",
              "predicted from sshd's built-in default (config)"));

  static Closable predicted(Owner o, Protocol p, int port, String service, String basis) {
    return new Closable(o, null, p, port, service, basis, null, false);
  }

  final WordResolution resolution = new WordResolution(KnowledgeBase.bundled());

  List<String> entries(String... words) {
    return resolution.resolve(List.of(words), PREDICTED, "root R").stream()
        .map(r -> r.owner().entry())
        .toList();
  }

  @Test
  void aPortItsServiceNameAKnowledgeBaseNameAndTheEntryAllFindTheDaemon() {
    assertThat(entries("21")).containsExactly("vsftpd.service");
    assertThat(entries("tcp/21")).containsExactly("vsftpd.service");
    assertThat(entries("21/tcp")).containsExactly("vsftpd.service");
    assertThat(entries("vsftpd.service")).containsExactly("vsftpd.service");
    // the program's name, and the knowledge base's (whose programs include vsftpd), also find
    // the SysV script of the same daemon, enabled beside the unit
    assertThat(entries("vsftpd")).containsExactly("vsftpd.service", "vsftpd");
    assertThat(entries("ftp")).containsExactly("vsftpd.service", "vsftpd");
    // inetd and /etc/services say "shell"; the knowledge base knows it as rsh
    assertThat(entries("rsh")).containsExactly("shell");
    assertThat(entries("in.rshd")).containsExactly("shell");
  }

  @Test
  void eachMatchSaysWhichPredictionMadeIt() {
    var resolved = resolution.resolve(List.of("ftp", "21"), PREDICTED, "root R");
    assertThat(resolved.getFirst().ports()).containsExactly(21);
    assertThat(resolved.getFirst().matched())
        .containsExactly(
            "'ftp': tcp/21, predicted from /etc/vsftpd.conf:22 (config)",
            "'21': tcp/21, predicted from /etc/vsftpd.conf:22 (config)");
    assertThat(resolved.get(1).matched())
        .containsExactly("'ftp': starts at boot (S01vsftpd in /etc/rc2.d), port unknown");
    assertThat(
            resolution.resolve(List.of("named.service"), PREDICTED, "root R").getFirst().matched())
        .containsExactly(
            "'named.service': tcp/53 udp/53, predicted from named's built-in default (config)");
  }

  @Test
  void aPortTwoDaemonsOpenClosesBothAndSaysSo() {
    var resolved = resolution.resolve(List.of("53"), PREDICTED, "root R");
    assertThat(resolved)
        .extracting(r -> r.owner().entry())
        .containsExactly("named.service", "dnsmasq");
    assertThat(resolved)
        .allSatisfy(
            r ->
                assertThat(r.notes())
                    .containsExactly(
                        "port 53 is opened by 2 entries (systemd named.service, sysv dnsmasq): each"
                            + " is closed"));
    assertThat(resolution.resolve(List.of("udp/53", "domain"), PREDICTED, "root R"))
        .allSatisfy(r -> assertThat(r.notes()).hasSize(1));
    assertThat(resolution.resolve(List.of("tcp/53"), PREDICTED, "root R"))
        .singleElement()
        .satisfies(r -> assertThat(r.notes()).isEmpty());
  }

  @Test
  void aRangeTakesEveryPortInItAndADynamicPortIsNamedByItsEntry() {
    assertThat(entries("20-60"))
        .containsExactly("vsftpd.service", "named.service", "dnsmasq", "ssh");
    assertThat(entries("udp/1-1000")).containsExactly("named.service", "dnsmasq");
    var statd = resolution.resolve(List.of("rpc-statd"), PREDICTED, "root R");
    assertThat(statd)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ports()).containsExactly(0);
              assertThat(r.matched())
                  .containsExactly(
                      "'rpc-statd': udp/dynamic, predicted from rpc.statd's built-in default"
                          + " (config)");
            });
  }

  @Test
  void anEntryNothingStartsAtBootIsNamedOnlyWhenNothingTheBootStartsIs() {
    // openssh-server enables its runit service on any Debian root; SysV init starts sshd
    assertThat(entries("ssh")).containsExactly("ssh");
    assertThat(
            resolution
                .resolve(List.of("ssh"), PREDICTED, "root R")
                .getFirst()
                .owner()
                .supervisor()
                .label())
        .isEqualTo("sysv");
    assertThat(entries("telnetd")).containsExactly("telnetd");
  }

  @Test
  void wordsThatNameNothingOrNoPortAreRefusedWithTheWord() {
    assertThatThrownBy(() -> entries("23"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("no open port or enabled service named '23' on root R");
    assertThatThrownBy(() -> entries("telnet")).hasMessageContaining("'telnet'");
    assertThatThrownBy(() -> entries("70000"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("'70000': 70000 is not a port (1-65535)");
    assertThatThrownBy(() -> entries("0")).hasMessage("'0': 0 is not a port (1-65535)");
    assertThatThrownBy(() -> entries("60-20"))
        .hasMessage("'60-20': a port range runs from low to high");
    // an inetd RPC entry's name is a name, not a protocol and a range
    assertThatThrownBy(() -> entries("rstatd/1-5")).hasMessageContaining("named 'rstatd/1-5'");
  }
}
