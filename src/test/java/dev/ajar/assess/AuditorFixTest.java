package dev.ajar.assess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.inetd.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fix of a finding, in each supervisor's own terms (the text of `ajar audit`). */
class AuditorFixTest {
  static String fix(Owner owner, PackageRef pkg) {
    var s = Fixtures.socket(Protocol.TCP, "0.0.0.0", 79, false).withAttribution(owner, pkg);
    return new Auditor(Fixtures.root("inetd", "debian12"), KnowledgeBase.bundled(), null)
        .fix(s, Optional.empty());
  }

  static String fix(SupervisorKind kind, String entry, String file, int line) {
    return fix(new Owner(kind, entry, file, line, "/usr/sbin/x"), null);
  }

  @Test
  void everyKindSaysHowInItsOwnTerms() {
    assertThat(fix(SupervisorKind.INETD, "finger", "/etc/inetd.conf", 12))
        .isEqualTo(
            "comment out the 'finger' line of /etc/inetd.conf:12 and send inetd SIGHUP"
                + " (ajar close finger).");
    assertThat(fix(SupervisorKind.XINETD, "telnet", "/etc/xinetd.d/telnet", 1))
        .isEqualTo(
            "set 'disable = yes' for service telnet in /etc/xinetd.d/telnet and reload xinetd"
                + " (ajar close telnet).");
    assertThat(fix(SupervisorKind.SYSTEMD, "rpcbind.socket", null, 0))
        .isEqualTo(
            "systemctl stop rpcbind.socket rpcbind.service; systemctl mask rpcbind.socket"
                + " rpcbind.service (ajar close rpcbind.socket).");
    assertThat(fix(SupervisorKind.SYSTEMD, "ssh.service", null, 0))
        .isEqualTo(
            "systemctl disable --now ssh.service; systemctl mask ssh.service (and any .socket that"
                + " activates it) (ajar close ssh.service).");
    assertThat(fix(SupervisorKind.SYSV, "sshd", "/etc/rc.d/init.d/sshd", 0))
        .isEqualTo("/etc/rc.d/init.d/sshd stop; chkconfig sshd off (ajar close sshd).");
    assertThat(fix(SupervisorKind.SYSV, "ssh", "/etc/init.d/ssh", 0))
        .isEqualTo("service ssh stop; update-rc.d ssh disable (ajar close ssh).");
    assertThat(fix(SupervisorKind.OPENRC, "sshd", "/etc/init.d/sshd", 0))
        .isEqualTo("rc-service sshd stop; rc-update del sshd (ajar close sshd).");
    assertThat(fix(SupervisorKind.SLACKWARE, "rc.inet2:15", "/etc/rc.d/rc.inet2", 15))
        .isEqualTo(
            "comment out line 15 of /etc/rc.d/rc.inet2 and stop the daemon (ajar close"
                + " rc.inet2:15).");
    assertThat(fix(SupervisorKind.SLACKWARE, "rc.sshd", "/etc/rc.d/rc.sshd", 0))
        .isEqualTo("/etc/rc.d/rc.sshd stop; chmod -x /etc/rc.d/rc.sshd (ajar close rc.sshd).");
    assertThat(fix(SupervisorKind.RUNIT, "sshd", "/etc/sv/sshd/run", 0))
        .isEqualTo(
            "sv down sshd; remove the link to it from the service directory (ajar close sshd).");
    assertThat(fix(SupervisorKind.CONTAINER, "web", null, 0))
        .isEqualTo("stop or reconfigure container web.");
    assertThat(fix(SupervisorKind.MANUAL, null, null, 0))
        .isEqualTo("nothing starts it at boot: stop the process (it will not come back).");
  }

  @Test
  void thePackageAndTheUnknownOwner() {
    assertThat(
            fix(
                new Owner(SupervisorKind.OPENRC, "sshd", null, 0, null),
                new PackageRef("apk", "openssh-server", "9.9")))
        .isEqualTo(
            "rc-service sshd stop; rc-update del sshd (ajar close sshd);"
                + " if unneeded, remove package openssh-server.");
    assertThat(fix(null, null))
        .isEqualTo("find the owner (run ajar as root) and disable it where it is started.");
  }
}
