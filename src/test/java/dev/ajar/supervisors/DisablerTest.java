package dev.ajar.supervisors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plans, each disabler found through its supervisor, for the layouts that cannot be checked
 * against their real tools here (Red Hat's chkconfig, OpenRC's rc-update, Slackware, xinetd): on
 * the fixture roots of src/test/resources/initscripts and supervisors (READMEs there). Debian's
 * inetd, update-rc.d and systemctl are compared with the real tools in DisableGoldenIT.
 */
class DisablerTest {
  static Host fixture(String path) {
    return Host.offline(Path.of("src/test/resources", path));
  }

  @Test
  void redHatChkconfigOffUsesTheHeadersStopPriority() throws Exception {
    var plan =
        Supervisors.disablerFor(SupervisorKind.SYSV)
            .plan(
                fixture("initscripts/redhat"),
                new Owner(
                    SupervisorKind.SYSV, "sshd", "/etc/rc.d/init.d/sshd", 0, "/usr/sbin/sshd"));
    // "# chkconfig: 2345 55 25": S55sshd becomes K25sshd in runlevels 2 to 5; 0, 1, 6 untouched.
    assertThat(plan.changes())
        .containsExactly(
            new RenamePath("/etc/rc.d/rc2.d/S55sshd", "/etc/rc.d/rc2.d/K25sshd"),
            new RenamePath("/etc/rc.d/rc3.d/S55sshd", "/etc/rc.d/rc3.d/K25sshd"),
            new RenamePath("/etc/rc.d/rc4.d/S55sshd", "/etc/rc.d/rc4.d/K25sshd"),
            new RenamePath("/etc/rc.d/rc5.d/S55sshd", "/etc/rc.d/rc5.d/K25sshd"));
    assertThat(plan.runtime().getFirst().argv()).containsExactly("/etc/rc.d/init.d/sshd", "stop");
  }

  @Test
  void redHatChkconfigOffLeavesOneStopLinkInEveryLevelFromTwoToFive(@TempDir Path root)
      throws Exception {
    Path rc = Files.createDirectories(root.resolve("etc/rc.d/init.d"));
    Files.writeString(rc.resolve("vsftpd"), "#!/bin/bash\n# chkconfig: - 60 50\n");
    for (String level : new String[] {"2", "3", "4", "5"}) {
      Files.createDirectories(root.resolve("etc/rc.d/rc" + level + ".d"));
    }
    // Made by hand: started in 3, a stale stop number in 4, a start and a stop link in 5, none in
    // 2.
    Files.createSymbolicLink(root.resolve("etc/rc.d/rc3.d/S60vsftpd"), Path.of("../init.d/vsftpd"));
    Files.createSymbolicLink(root.resolve("etc/rc.d/rc4.d/K10vsftpd"), Path.of("../init.d/vsftpd"));
    Files.createSymbolicLink(root.resolve("etc/rc.d/rc5.d/K50vsftpd"), Path.of("../init.d/vsftpd"));
    Files.createSymbolicLink(root.resolve("etc/rc.d/rc5.d/S60vsftpd"), Path.of("../init.d/vsftpd"));
    var plan =
        Supervisors.disablerFor(SupervisorKind.SYSV)
            .plan(
                Host.offline(root),
                new Owner(
                    SupervisorKind.SYSV,
                    "vsftpd",
                    "/etc/rc.d/init.d/vsftpd",
                    0,
                    "/usr/sbin/vsftpd"));
    // chkconfig's doSetService: every [SK]NNvsftpd of the level gives way to K50vsftpd.
    assertThat(plan.changes())
        .containsExactly(
            new dev.ajar.change.CreateSymlink("/etc/rc.d/rc2.d/K50vsftpd", "../init.d/vsftpd"),
            new RenamePath("/etc/rc.d/rc3.d/S60vsftpd", "/etc/rc.d/rc3.d/K50vsftpd"),
            new RenamePath("/etc/rc.d/rc4.d/K10vsftpd", "/etc/rc.d/rc4.d/K50vsftpd"),
            new RemovePath("/etc/rc.d/rc5.d/S60vsftpd"));
  }

  @Test
  void debianUpdateRcDDisableKeepsTheNumber() throws Exception {
    var plan =
        Supervisors.disablerFor(SupervisorKind.SYSV)
            .plan(
                fixture("initscripts/debian"),
                new Owner(SupervisorKind.SYSV, "ssh", "/etc/init.d/ssh", 0, "/usr/sbin/sshd"));
    assertThat(plan.changes())
        .containsExactly(
            new RenamePath("/etc/rc2.d/S01ssh", "/etc/rc2.d/K01ssh"),
            new RenamePath("/etc/rc3.d/S01ssh", "/etc/rc3.d/K01ssh"));
    assertThatThrownBy(
            () ->
                Supervisors.disablerFor(SupervisorKind.SYSV)
                    .plan(
                        fixture("initscripts/debian"),
                        new Owner(
                            SupervisorKind.SYSV,
                            "openbsd-inetd",
                            "/etc/init.d/openbsd-inetd",
                            0,
                            null)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("already disabled");
  }

  @Test
  void openrcRemovesTheRunlevelLinks() throws Exception {
    var plan =
        Supervisors.disablerFor(SupervisorKind.OPENRC)
            .plan(
                fixture("initscripts/alpine"),
                new Owner(SupervisorKind.OPENRC, "sshd", "/etc/init.d/sshd", 0, "/usr/sbin/sshd"));
    assertThat(plan.changes()).containsExactly(new RemovePath("/etc/runlevels/default/sshd"));
    assertThat(plan.runtime().getFirst().argv()).containsExactly("rc-service", "sshd", "stop");
    assertThat(plan.notes()).isEmpty();
  }

  @Test
  void openrcRemovesEveryRunlevelAndNamesTheStartedServicesThatNeedIt() throws Exception {
    var plan =
        Supervisors.disablerFor(SupervisorKind.OPENRC)
            .plan(
                fixture("initscripts/alpine"),
                new Owner(
                    SupervisorKind.OPENRC, "rpcbind", "/etc/init.d/rpcbind", 0, "/sbin/rpcbind"));
    assertThat(plan.changes())
        .containsExactly(
            new RemovePath("/etc/runlevels/boot/rpcbind"),
            new RemovePath("/etc/runlevels/default/rpcbind"));
    // nfs (default runlevel) says "need portmap", which rpcbind provides; rpc.statd says it
    // too but nothing starts rpc.statd here that ajar can see (nfs names it through a variable).
    assertThat(plan.notes())
        .containsExactly(
            "nfs is started and needs portmap (provided by rpcbind):"
                + " OpenRC starts rpcbind for it even outside a runlevel");
  }

  @Test
  void slackwareClearsTheExecuteBitsOrCommentsTheLine() throws Exception {
    var script =
        Supervisors.disablerFor(SupervisorKind.SLACKWARE)
            .plan(
                fixture("initscripts/slackware"),
                new Owner(
                    SupervisorKind.SLACKWARE, "rc.sshd", "/etc/rc.d/rc.sshd", 0, "/usr/sbin/sshd"));
    assertThat(script.changes()).containsExactly(new ChangeMode("/etc/rc.d/rc.sshd", 0644));
    var line =
        Supervisors.disablerFor(SupervisorKind.SLACKWARE)
            .plan(
                fixture("initscripts/slackware"),
                new Owner(
                    SupervisorKind.SLACKWARE,
                    "rc.inet2:15",
                    "/etc/rc.d/rc.inet2",
                    15,
                    "/usr/sbin/snmpd"));
    WriteFile w = (WriteFile) line.changes().getFirst();
    String after = new String(w.content(), StandardCharsets.UTF_8);
    // Line 15 is the "if [ -x /usr/sbin/snmpd ]": the line that runs it is commented instead.
    assertThat(after.lines().toList().get(16))
        .isEqualTo("#  /usr/sbin/snmpd -c /etc/snmp/snmpd.conf");
    assertThat(after.lines().toList().get(14)).isEqualTo("if [ -x /usr/sbin/snmpd ]; then");
    assertThat(after.lines().count())
        .isEqualTo(
            Files.readString(Path.of("src/test/resources/initscripts/slackware/etc/rc.d/rc.inet2"))
                .lines()
                .count());
  }

  @Test
  void xinetdSetsDisableInTheFileThatDefinesTheService(@TempDir Path root) throws Exception {
    Path dir = Files.createDirectories(root.resolve("etc/xinetd.d"));
    Files.writeString(
        dir.resolve("fingerd-local"),
        "# finger, served by xinetd\r\n"
            + "service finger\r\n"
            + "{\r\n"
            + "\tsocket_type = stream\r\n"
            + "\tdisable = no\r\n"
            + "}\r\n");
    Files.writeString(dir.resolve("telnet"), "service telnet\n{\n\tsocket_type = stream\n}\n");
    var finger =
        Supervisors.disablerFor(SupervisorKind.XINETD)
            .plan(
                Host.offline(root),
                new Owner(
                    SupervisorKind.XINETD,
                    "finger",
                    "/etc/xinetd.d/fingerd-local",
                    2,
                    "/usr/sbin/in.fingerd"));
    assertThat(
            new String(((WriteFile) finger.changes().getFirst()).content(), StandardCharsets.UTF_8))
        .isEqualTo(
            "# finger, served by xinetd\r\n"
                + "service finger\r\n"
                + "{\r\n"
                + "\tsocket_type = stream\r\n"
                + "\tdisable = yes\r\n"
                + "}\r\n");
    var telnet =
        Supervisors.disablerFor(SupervisorKind.XINETD)
            .plan(
                Host.offline(root),
                new Owner(
                    SupervisorKind.XINETD,
                    "telnet",
                    "/etc/xinetd.d/telnet",
                    1,
                    "/usr/sbin/telnetd"));
    assertThat(
            new String(((WriteFile) telnet.changes().getFirst()).content(), StandardCharsets.UTF_8))
        .isEqualTo("service telnet\n{\n\tdisable\t\t= yes\n\tsocket_type = stream\n}\n");
  }

  @Test
  void inetdKeepsEveryOtherByteAndRefusesWhatIsAlreadyOff(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    byte[] conf =
        ("# comment\n#<off># telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/telnetd\n"
                + "finger\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd\t/usr/sbin/in.fingerd\n"
                + "finger\tstream\ttcp6\tnowait\tnobody\t/usr/sbin/tcpd\t/usr/sbin/in.fingerd\n"
                + "# caf\u00e9 \u00ff")
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(root.resolve("etc/inetd.conf"), conf);
    var plan =
        Supervisors.disablerFor(SupervisorKind.INETD)
            .plan(
                Host.offline(root),
                new Owner(
                    SupervisorKind.INETD, "finger", "/etc/inetd.conf", 3, "/usr/sbin/in.fingerd"));
    byte[] after = ((WriteFile) plan.changes().getFirst()).content();
    assertThat(new String(after, StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(conf, StandardCharsets.ISO_8859_1).replace("finger\t", "#finger\t"));
    // whether inetd is left idle is decided over every entry closed at once (Closer)
    assertThat(plan.notes()).isEmpty();
    assertThatThrownBy(
            () ->
                Supervisors.disablerFor(SupervisorKind.INETD)
                    .plan(
                        Host.offline(root),
                        new Owner(SupervisorKind.INETD, "telnet", "/etc/inetd.conf", 2, null)))
        .hasMessageContaining("no active entry 'telnet'");
  }

  @Test
  void manualOwnersHaveNothingToDisable() {
    assertThatThrownBy(() -> Supervisors.disablerFor(SupervisorKind.MANUAL))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("stop the process");
  }

  @Test
  void kindsWithoutADisablerAreRefusedByName() {
    assertThatThrownBy(() -> Supervisors.disablerFor(SupervisorKind.RUNIT))
        .isInstanceOf(BadInputException.class)
        .hasMessage("nothing to disable for a 'runit' owner: not supported yet");
  }
}
