package dev.ajar.supervisors.inetd;

import static dev.ajar.supervisors.inetd.Fixtures.entry;
import static dev.ajar.supervisors.inetd.Fixtures.lines;
import static dev.ajar.supervisors.inetd.Fixtures.lookup;
import static dev.ajar.supervisors.inetd.Fixtures.process;
import static dev.ajar.supervisors.inetd.Fixtures.root;
import static dev.ajar.supervisors.inetd.Fixtures.socket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Family;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InetdSupervisor on the roots of src/test/resources/supervisors/inetd (README there). */
class InetdSupervisorTest {
  static final ProcessInfo INETD =
      process(612, 1, "inetd", "/usr/sbin/inetd", "inetd.service", "/usr/sbin/inetd");
  final InetdSupervisor inetd = new InetdSupervisor();
  final Diagnostics diagnostics = new Diagnostics();

  @Test
  void presentWhereAnInetdBinaryIs() {
    assertThat(inetd.kind()).isEqualTo(SupervisorKind.INETD);
    assertThat(inetd.isPresent(root("inetd", "debian12"))).isTrue();
    assertThat(inetd.isPresent(root("inetd", "inetutils"))).isTrue();
    assertThat(inetd.isPresent(root("xinetd", "debian12"))).isFalse();
  }

  @Test
  void entriesOfDebianInetdConf() {
    List<ServiceEntry> entries = inetd.entries(root("inetd", "debian12"), diagnostics);

    assertThat(entries).hasSize(14);
    assertThat(entry(entries, "finger", 36))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.INETD, "finger", "/etc/inetd.conf", 36, "/usr/sbin/in.fingerd"),
                true,
                List.of(
                    new ListenSpec(Protocol.TCP, 79, null, Set.of(Family.INET, Family.INET6)))));
    assertThat(entry(entries, "talk", 30).listens())
        .containsExactly(
            new ListenSpec(Protocol.UDP, 517, null, Set.of(Family.INET, Family.INET6)));
    assertThat(entry(entries, "discard", 19).listens())
        .containsExactly(new ListenSpec(Protocol.UDP, 9, null, Set.of(Family.INET, Family.INET6)));
    assertThat(entry(entries, "daytime", 20).owner().program()).isEqualTo("internal");
    // Disabled either way, still naming their service and port.
    ServiceEntry login = entry(entries, "login", 29);
    assertThat(login.enabled()).isFalse();
    assertThat(login.owner().program()).isEqualTo("/usr/sbin/in.rlogind");
    assertThat(login.listens())
        .containsExactly(
            new ListenSpec(Protocol.TCP, 513, null, Set.of(Family.INET, Family.INET6)));
    ServiceEntry telnet = entry(entries, "telnet", 25);
    assertThat(telnet.enabled()).isFalse();
    assertThat(telnet.owner().program()).isEqualTo("/usr/sbin/telnetd");
    assertThat(telnet.listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 23, null, Set.of(Family.INET, Family.INET6)));
    assertThat(entry(entries, "ntalk", 31).enabled()).isFalse();
    assertThat(entry(entries, "echo", 17).enabled()).isFalse();
    // RPC: rpcbind hands out the port.
    ServiceEntry rstatd = entry(entries, "rstatd/1-5", 42);
    assertThat(rstatd.enabled()).isTrue();
    assertThat(rstatd.listens()).isEmpty();
    assertThat(rstatd.owner().program()).isEqualTo("/usr/sbin/rpc.rstatd");
    assertThat(entries.stream().filter(ServiceEntry::enabled).map(e -> e.owner().entry()))
        .containsExactly(
            "discard",
            "discard",
            "daytime",
            "shell",
            "talk",
            "finger",
            "rstatd/1-5",
            "rusersd/2-3");
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void fingerBehindTcpdHeldByInetd() {
    Host root = root("inetd", "debian12");
    var s = socket(Protocol.TCP, "0.0.0.0", 79, false, INETD);

    assertThat(inetd.ownerOf(root, s, lookup(INETD), diagnostics))
        .contains(
            new Owner(
                SupervisorKind.INETD, "finger", "/etc/inetd.conf", 36, "/usr/sbin/in.fingerd"));
    // openbsd-inetd's plain "tcp" opens an IPv6 socket as well.
    var six = socket(Protocol.TCP, "::", 79, false, INETD);
    assertThat(inetd.ownerOf(root, six, lookup(INETD), diagnostics).map(Owner::line)).contains(36);
  }

  @Test
  void protocolTellsTheTwoDiscardLinesApart() {
    Host root = root("inetd", "debian12");

    assertThat(
            inetd
                .ownerOf(
                    root,
                    socket(Protocol.UDP, "0.0.0.0", 9, false, INETD),
                    lookup(INETD),
                    diagnostics)
                .map(Owner::line))
        .contains(19);
    assertThat(
            inetd
                .ownerOf(
                    root,
                    socket(Protocol.TCP, "0.0.0.0", 9, false, INETD),
                    lookup(INETD),
                    diagnostics)
                .map(Owner::line))
        .contains(18);
  }

  @Test
  void talkdHoldsTheWaitSocketToo() {
    // A "wait" service gets inetd's socket: both hold it; the child alone is enough.
    var talkd = process(900, 612, "in.talkd", "/usr/sbin/in.talkd", "inetd.service", "in.talkd");
    var s = socket(Protocol.UDP, "0.0.0.0", 517, false, talkd);

    assertThat(inetd.ownerOf(root("inetd", "debian12"), s, lookup(INETD, talkd), diagnostics))
        .contains(
            new Owner(SupervisorKind.INETD, "talk", "/etc/inetd.conf", 30, "/usr/sbin/in.talkd"));
  }

  @Test
  void commentedLinesDoNotOwnSockets() {
    var s = socket(Protocol.TCP, "0.0.0.0", 23, false, INETD);

    assertThat(inetd.ownerOf(root("inetd", "debian12"), s, lookup(INETD), diagnostics)).isEmpty();
    assertThat(lines(diagnostics))
        .singleElement()
        .asString()
        .startsWith(
            "SKIPPED /etc/inetd.conf: inetd (pid 612) holds tcp port 23 but no active"
                + " entry names it");
  }

  @Test
  void rpcServiceIsTheOnlyCandidateForAnUnlistedPort() {
    var s = socket(Protocol.UDP, "0.0.0.0", 719, false, INETD);

    // Two active RPC lines over udp: no way to tell them apart without rpcbind.
    assertThat(inetd.ownerOf(root("inetd", "debian12"), s, lookup(INETD), diagnostics)).isEmpty();
    assertThat(
            InetdSupervisor.match(
                    List.of(
                        InetdConfParser.parse(
                                "f",
                                "rstatd/1-5\tdgram\trpc/udp\twait\tnobody\t/usr/sbin/tcpd"
                                    + "\t/usr/sbin/rpc.rstatd",
                                InetdConfParser.Dialect.OPENBSD)
                            .entries()
                            .get(0)),
                    List.of(0),
                    s.socket(),
                    InetdConfParser.Dialect.OPENBSD)
                .map(InetdEntry::service))
        .contains("rstatd/1-5");
  }

  @Test
  void otherProcessesAreNotInetds() {
    var sshd = process(700, 1, "sshd", "/usr/sbin/sshd", "ssh.service", "sshd: /usr/sbin/sshd");
    var xinetd = process(701, 1, "xinetd", "/usr/sbin/xinetd", null, "/usr/sbin/xinetd");

    assertThat(
            inetd.ownerOf(
                root("inetd", "debian12"),
                socket(Protocol.TCP, "0.0.0.0", 79, false, sshd, xinetd),
                lookup(sshd, xinetd),
                diagnostics))
        .isEmpty();
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void inetdReplacedByAnUpgradeIsStillInetd() {
    var deleted = process(612, 1, "inetd", "/usr/sbin/inetd (deleted)", null);

    assertThat(
            inetd
                .ownerOf(
                    root("inetd", "debian12"),
                    socket(Protocol.TCP, "0.0.0.0", 514, false, deleted),
                    lookup(deleted),
                    diagnostics)
                .map(Owner::program))
        .contains("/usr/sbin/in.rshd");
  }

  @Test
  void addressesAndFamiliesPickTheLine() {
    Host root = root("inetd", "handmade");
    List<ServiceEntry> entries = inetd.entries(root, diagnostics);

    assertThat(entry(entries, "ident", 4).listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 113, "127.0.0.1", Set.of(Family.INET)));
    assertThat(entry(entries, "time", 7).listens())
        .containsExactly(
            new ListenSpec(Protocol.TCP, 37, "192.0.2.10", Set.of(Family.INET, Family.INET6)),
            new ListenSpec(Protocol.TCP, 37, "127.0.0.1", Set.of(Family.INET, Family.INET6)));
    assertThat(entry(entries, "2323", 8).listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 2323, null, Set.of(Family.INET6)));
    assertThat(entry(entries, "/run/foo.sock", 10).listens()).isEmpty();
    assertThat(entry(entries, "tftp", 11).owner().program()).isEqualTo("/usr/sbin/in.tftpd");
    assertThat(entry(entries, "chargen", 14).enabled()).isFalse();

    assertThat(
            inetd
                .ownerOf(
                    root,
                    socket(Protocol.TCP, "127.0.0.1", 113, false, INETD),
                    lookup(INETD),
                    diagnostics)
                .map(Owner::entry))
        .contains("ident");
    assertThat(
            inetd
                .ownerOf(
                    root, socket(Protocol.TCP, "::1", 79, false, INETD), lookup(INETD), diagnostics)
                .map(Owner::program))
        .contains("/usr/sbin/in.fingerd");
    assertThat(
            inetd
                .ownerOf(
                    root,
                    socket(Protocol.TCP, "::", 2323, false, INETD),
                    lookup(INETD),
                    diagnostics)
                .map(Owner::program))
        .contains("/usr/sbin/telnetd");
  }

  @Test
  void inetdDirectoryIsReadByInetutilsOnly() {
    Host root = root("inetd", "inetutils");
    List<ServiceEntry> entries = inetd.entries(root, diagnostics);

    assertThat(entry(entries, "rsync", 2))
        .isEqualTo(
            new ServiceEntry(
                new Owner(SupervisorKind.INETD, "rsync", "/etc/inetd.d/rsync", 2, "/usr/bin/rsync"),
                true,
                List.of(new ListenSpec(Protocol.TCP, 873, null, Set.of(Family.INET)))));
    assertThat(entry(entries, "tcpmux/+hello", 2).listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 1, null, Set.of(Family.INET)));
    assertThat(entry(entries, "daytime", 19).enabled()).isTrue();
    assertThat(entry(entries, "telnet", 23).enabled()).isFalse();

    var inetutils = process(55, 1, "inetutils-inetd", "/usr/sbin/inetutils-inetd", null);
    assertThat(
            inetd
                .ownerOf(
                    root,
                    socket(Protocol.TCP, "0.0.0.0", 873, false, inetutils),
                    lookup(inetutils),
                    diagnostics)
                .map(Owner::file))
        .contains("/etc/inetd.d/rsync");
    // openbsd-inetd would not have read /etc/inetd.d.
    assertThat(
            inetd.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 873, false, INETD),
                lookup(INETD),
                diagnostics))
        .isEmpty();
  }

  @Test
  void inetdDirectoryUnderOpenbsdInetdIsListedDisabled(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("etc/inetd.d"));
    Files.createDirectories(dir.resolve("usr/sbin"));
    Files.writeString(dir.resolve("usr/sbin/inetd"), "");
    Files.writeString(
        dir.resolve("etc/inetd.d/rsync"),
        "rsync\tstream\ttcp\tnowait\troot\t/usr/bin/rsync\trsyncd --daemon\n");
    Files.writeString(dir.resolve("etc/services"), "rsync 873/tcp\n");

    List<ServiceEntry> entries = inetd.entries(Host.offline(dir), diagnostics);

    assertThat(entries).singleElement().extracting(ServiceEntry::enabled).isEqualTo(false);
    assertThat(lines(diagnostics))
        .containsExactly(
            "SKIPPED /etc/inetd.d: only inetutils-inetd reads this directory (openbsd-inetd does"
                + " not): its entries are listed as not enabled");
  }

  @Test
  void hostileFileGivesDiagnosticsWithFileAndLine() {
    List<ServiceEntry> entries = inetd.entries(root("inetd", "hostile"), diagnostics);

    assertThat(entries)
        .extracting(e -> e.owner().entry())
        .containsExactly("finger", "bogus", "login", "telnet");
    assertThat(entry(entries, "bogus", 3).listens()).isEmpty();
    assertThat(lines(diagnostics))
        .anyMatch(
            l -> l.startsWith("MALFORMED /etc/inetd.conf:1: line ends with a carriage return"))
        .anyMatch(l -> l.startsWith("MALFORMED /etc/inetd.conf:2: not enough fields"))
        .anyMatch(
            l ->
                l.equals(
                    "MALFORMED /etc/inetd.conf:3: service \"bogus/tcp\" is not in"
                        + " /etc/services: inetd cannot open it"))
        .anyMatch(l -> l.startsWith("MALFORMED /etc/inetd.conf:9: not enough fields"))
        .hasSize(10);
  }

  @Test
  void diagnosticsOfARootAreGivenOncePerDiagnostics() {
    Host root = root("inetd", "hostile");
    inetd.entries(root, diagnostics);
    inetd.entries(root, diagnostics);
    inetd.ownerOf(
        root, socket(Protocol.TCP, "0.0.0.0", 79, false, INETD), lookup(INETD), diagnostics);

    assertThat(diagnostics.all()).allSatisfy(d -> assertThat(d.count()).isEqualTo(1));
    Diagnostics other = new Diagnostics();
    inetd.entries(root, other);
    assertThat(other.all()).hasSize(10);
  }

  @Test
  void missingOrUnreadableFilesAreNotErrors(@TempDir Path dir) {
    assertThat(inetd.entries(Host.offline(dir), diagnostics)).isEmpty();
    assertThat(inetd.isPresent(Host.offline(dir))).isFalse();
    assertThat(diagnostics.isEmpty()).isTrue();
  }
}
