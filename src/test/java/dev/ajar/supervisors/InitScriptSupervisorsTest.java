package dev.ajar.supervisors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SocketState;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.openrc.OpenrcSupervisor;
import dev.ajar.supervisors.runit.RunitSupervisor;
import dev.ajar.supervisors.slackware.SlackwareSupervisor;
import dev.ajar.supervisors.sysv.SysvSupervisor;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The script-based supervisors on the roots of src/test/resources/initscripts (README there). */
class InitScriptSupervisorsTest {
  /**
   * Straight from src/test/resources, not the copy on the class path: Maven's resource copy drops
   * dangling absolute symlinks, and roots are made of them (/etc/runlevels/default/sshd ->
   * /etc/init.d/sshd is dangling outside the root).
   */
  static Host root(String name) {
    return Host.offline(Path.of("src/test/resources/initscripts", name));
  }

  static ProcessInfo process(int pid, int ppid, String name, String exe, String... cmdline) {
    return new ProcessInfo(
        pid, ppid, name, List.of(cmdline), exe, 0, "root", null, null, null, "/");
  }

  static OpenSocket listening(int port, ProcessInfo... holders) throws Exception {
    var any = InetAddress.getByName("0.0.0.0");
    var k =
        new KernelSocket(
            Protocol.TCP,
            Family.INET,
            SocketState.LISTEN,
            new Endpoint(any, port),
            new Endpoint(any, 0),
            0,
            4242,
            null);
    return new OpenSocket(
        k,
        new Namespace(1, "host", Namespace.Kind.HOST),
        null,
        new Exposure(Exposure.Scope.ANY, null, null),
        List.of(holders),
        false);
  }

  static Map<String, Boolean> enabled(List<ServiceEntry> entries) {
    return entries.stream()
        .collect(Collectors.toMap(e -> e.owner().entry(), ServiceEntry::enabled));
  }

  @Test
  void debianLinksSayWhatStartsAtBoot() throws Exception {
    Host root = root("debian");
    var sysv = new SysvSupervisor();
    assertThat(sysv.isPresent(root)).isTrue();
    assertThat(enabled(sysv.entries(root, new Diagnostics())))
        .containsEntry("ssh", true)
        .containsEntry("rpcbind", true)
        .containsEntry("procps", true)
        .containsEntry("openbsd-inetd", false);
  }

  @Test
  void debianScriptOfARunningDaemon() throws Exception {
    Host root = root("debian");
    var sysv = new SysvSupervisor();
    Optional<Owner> ssh =
        sysv.ownerOf(
            root,
            listening(22, process(812, 1, "sshd", "/usr/sbin/sshd", "sshd: /usr/sbin/sshd -D")),
            pid -> null,
            new Diagnostics());
    assertThat(ssh)
        .get()
        .extracting(Owner::supervisor, Owner::entry, Owner::file)
        .containsExactly(SupervisorKind.SYSV, "ssh", "/etc/init.d/ssh");
    assertThat(ssh.get().line()).isPositive();
    // Merged /usr: the script says /sbin/rpcbind, the process runs /usr/sbin/rpcbind.
    Optional<Owner> rpc =
        sysv.ownerOf(
            root,
            listening(111, process(600, 1, "rpcbind", "/usr/sbin/rpcbind", "/sbin/rpcbind", "-f")),
            pid -> null,
            new Diagnostics());
    assertThat(rpc).get().extracting(Owner::entry).isEqualTo("rpcbind");
    assertThat(
            sysv.ownerOf(
                root,
                listening(9999, process(700, 1, "python3", "/usr/bin/python3.11")),
                pid -> null,
                new Diagnostics()))
        .isEmpty();
  }

  @Test
  void redHatLayoutAndItsInitdefault() throws Exception {
    Host root = root("redhat");
    var sysv = new SysvSupervisor();
    assertThat(enabled(sysv.entries(root, new Diagnostics())))
        .containsEntry("sshd", true)
        .containsEntry("portmap", false)
        .doesNotContainKey("functions");
    Optional<Owner> pm =
        sysv.ownerOf(
            root,
            listening(111, process(500, 1, "portmap", "/sbin/portmap", "portmap")),
            pid -> null,
            new Diagnostics());
    assertThat(pm).get().extracting(Owner::file).isEqualTo("/etc/rc.d/init.d/portmap");
  }

  @Test
  void openrcRunlevels() throws Exception {
    Host root = root("alpine");
    var openrc = new OpenrcSupervisor();
    assertThat(openrc.isPresent(root)).isTrue();
    assertThat(new SysvSupervisor().isPresent(root)).isFalse();
    assertThat(enabled(openrc.entries(root, new Diagnostics())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "sshd", true, "vsftpd", false, "rpcbind", true, "nfs", true, "rpc.statd", false));
    Optional<Owner> ftp =
        openrc.ownerOf(
            root,
            listening(21, process(90, 1, "vsftpd", "/usr/sbin/vsftpd")),
            pid -> null,
            new Diagnostics());
    assertThat(ftp).get().extracting(Owner::entry, Owner::line).containsExactly("vsftpd", 4);
  }

  @Test
  void slackwareExecuteBitsAndLinesOfSystemScripts() throws Exception {
    Host root = root("slackware");
    var slack = new SlackwareSupervisor();
    assertThat(enabled(slack.entries(root, new Diagnostics())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("rc.sshd", true, "rc.vsftpd", false, "rc.inetd", true));
    Optional<Owner> ssh =
        slack.ownerOf(
            root,
            listening(22, process(80, 1, "sshd", "/usr/sbin/sshd")),
            pid -> null,
            new Diagnostics());
    assertThat(ssh).get().extracting(Owner::entry).isEqualTo("rc.sshd");
    Optional<Owner> snmp =
        slack.ownerOf(
            root,
            listening(161, process(81, 1, "snmpd", "/usr/sbin/snmpd")),
            pid -> null,
            new Diagnostics());
    assertThat(snmp)
        .get()
        .extracting(Owner::entry, Owner::file)
        .containsExactly("rc.inet2:15", "/etc/rc.d/rc.inet2");
  }

  @Test
  void runitNamesTheServiceOfTheSupervisingProcess() throws Exception {
    Host root = root("void");
    var runit = new RunitSupervisor();
    assertThat(enabled(runit.entries(root, new Diagnostics())))
        .containsExactlyInAnyOrderEntriesOf(Map.of("sshd", true, "vsftpd", false));
    ProcessInfo runsv = process(40, 30, "runsv", "/usr/bin/runsv", "runsv", "sshd");
    ProcessInfo sshd = process(41, 40, "sshd", "/usr/bin/sshd", "/usr/bin/sshd", "-D");
    Optional<Owner> owner =
        runit.ownerOf(
            root, listening(22, sshd), pid -> pid == 40 ? runsv : null, new Diagnostics());
    assertThat(owner)
        .get()
        .extracting(Owner::entry, Owner::file)
        .containsExactly("sshd", "/etc/sv/sshd/run");
  }

  @Test
  void scriptsNamingAProgramOnlyAsPartOfALongerPathDoNotMatch() {
    var s = new InitScripts.Script("/etc/init.d/keys", "keys", "/usr/sbin/sshd-keygen-wrapper\n");
    assertThat(InitScripts.bestFor(List.of(s), "/usr/sbin/sshd")).isNull();
  }
}
