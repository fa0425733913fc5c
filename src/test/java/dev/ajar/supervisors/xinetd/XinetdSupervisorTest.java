package dev.ajar.supervisors.xinetd;

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

/** XinetdSupervisor on the roots of src/test/resources/supervisors/xinetd (README there). */
class XinetdSupervisorTest {
  /** As Debian's init script starts it with INETD_COMPAT=Yes. */
  static final ProcessInfo XINETD =
      process(
          733,
          1,
          "xinetd",
          "/usr/sbin/xinetd",
          "xinetd.service",
          "/usr/sbin/xinetd",
          "-pidfile",
          "/run/xinetd.pid",
          "-stayalive",
          "-inetd_compat",
          "-inetd_ipv6");

  static final ProcessInfo PLAIN_XINETD =
      process(733, 1, "xinetd", "/usr/sbin/xinetd", null, "/usr/sbin/xinetd", "-stayalive");
  final XinetdSupervisor xinetd = new XinetdSupervisor();
  final Diagnostics diagnostics = new Diagnostics();

  static List<ServiceEntry> own(List<ServiceEntry> entries) {
    return entries.stream().filter(e -> !e.owner().file().equals("/etc/inetd.conf")).toList();
  }

  @Test
  void presentWhereXinetdIs() {
    assertThat(xinetd.kind()).isEqualTo(SupervisorKind.XINETD);
    assertThat(xinetd.isPresent(root("xinetd", "debian12"))).isTrue();
    assertThat(xinetd.isPresent(root("inetd", "debian12"))).isFalse();
  }

  @Test
  void debianPackageServicesAreAllDisabled() {
    List<ServiceEntry> entries = own(xinetd.entries(root("xinetd", "debian12"), diagnostics));

    assertThat(entries)
        .extracting(e -> e.owner().file())
        .doesNotContain("/etc/xinetd.d/echo~", "/etc/xinetd.d/time.dpkg-old");
    assertThat(entries).hasSize(19);
    assertThat(entries.stream().filter(ServiceEntry::enabled).map(e -> e.owner().entry()))
        .containsExactly("finger", "telnet");
    assertThat(entry(entries, "daytime", 17))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.XINETD, "daytime", "/etc/xinetd.d/daytime", 17, "internal"),
                false,
                List.of(new ListenSpec(Protocol.UDP, 13, null, Set.of(Family.INET6)))));
    ServiceEntry chargenUdp = entry(entries, "chargen", 4); // chargen-udp: UNLISTED, port = 19
    assertThat(chargenUdp.owner().file()).isEqualTo("/etc/xinetd.d/chargen-udp");
    assertThat(chargenUdp.listens())
        .containsExactly(new ListenSpec(Protocol.UDP, 19, null, Set.of(Family.INET6)));
    assertThat(entry(entries, "services", 4).listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 9098, null, Set.of(Family.INET6)));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void fileNameDiffersFromTheService() {
    List<ServiceEntry> entries = xinetd.entries(root("xinetd", "debian12"), diagnostics);

    assertThat(entry(entries, "finger", 3))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.XINETD,
                    "finger",
                    "/etc/xinetd.d/fingerd-local",
                    3,
                    "/usr/sbin/in.fingerd"),
                true,
                List.of(new ListenSpec(Protocol.TCP, 79, null, Set.of(Family.INET)))));
    assertThat(entry(entries, "telnet", 4).owner().program()).isEqualTo("/usr/sbin/in.telnetd");
  }

  @Test
  void socketHeldByXinetdIsItsService() {
    Host root = root("xinetd", "debian12");

    assertThat(
            xinetd.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 79, false, XINETD),
                lookup(XINETD),
                diagnostics))
        .contains(
            new Owner(
                SupervisorKind.XINETD,
                "finger",
                "/etc/xinetd.d/fingerd-local",
                3,
                "/usr/sbin/in.fingerd"));
    assertThat(
            xinetd
                .ownerOf(
                    root,
                    socket(Protocol.TCP, "::", 23, false, XINETD),
                    lookup(XINETD),
                    diagnostics)
                .map(Owner::file))
        .contains("/etc/xinetd.d/telnet");
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void inetdCompatibilityServesInetdConfLines() {
    Host root = root("xinetd", "debian12");
    // daytime and shell are active in /etc/inetd.conf only.
    var daytime = socket(Protocol.TCP, "::", 13, false, XINETD);
    var shell = socket(Protocol.TCP, "::", 514, false, XINETD);

    assertThat(xinetd.ownerOf(root, daytime, lookup(XINETD), diagnostics))
        .contains(new Owner(SupervisorKind.XINETD, "daytime", "/etc/inetd.conf", 20, "internal"));
    assertThat(xinetd.ownerOf(root, shell, lookup(XINETD), diagnostics).map(Owner::program))
        .contains("/usr/sbin/in.rshd");
    // Without -inetd_compat xinetd does not read inetd.conf.
    var plain = socket(Protocol.TCP, "::", 13, false, PLAIN_XINETD);
    assertThat(xinetd.ownerOf(root, plain, lookup(PLAIN_XINETD), diagnostics)).isEmpty();
    assertThat(lines(diagnostics))
        .containsExactly(
            "SKIPPED /etc/xinetd.conf: xinetd (pid 733) holds tcp port 13 but no enabled service"
                + " names it (changed since xinetd last read it?)");
  }

  @Test
  void inetdConfEntriesAreListedWhenDebianTurnsCompatibilityOn() {
    List<ServiceEntry> entries = xinetd.entries(root("xinetd", "debian12"), diagnostics);
    List<ServiceEntry> compat =
        entries.stream().filter(e -> e.owner().file().equals("/etc/inetd.conf")).toList();

    assertThat(compat).hasSize(14);
    assertThat(entry(compat, "talk", 30))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.XINETD, "talk", "/etc/inetd.conf", 30, "/usr/sbin/in.talkd"),
                true,
                List.of(new ListenSpec(Protocol.UDP, 517, null))));
    assertThat(entry(compat, "login", 29).enabled()).isFalse();
  }

  @Test
  void defaultsSwitchOffByIdAndBindEverything() {
    Host root = root("xinetd", "defaults");
    List<ServiceEntry> entries = xinetd.entries(root, diagnostics);

    assertThat(entries)
        .extracting(e -> e.owner().entry() + "@" + e.owner().line(), ServiceEntry::enabled)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("daytime@5", false),
            org.assertj.core.groups.Tuple.tuple("daytime@17", true),
            org.assertj.core.groups.Tuple.tuple("echo@5", false),
            org.assertj.core.groups.Tuple.tuple("echo@17", true),
            org.assertj.core.groups.Tuple.tuple("rsync@4", true),
            org.assertj.core.groups.Tuple.tuple("gitd@2", true));
    assertThat(entry(entries, "echo", 17).listens())
        .containsExactly(new ListenSpec(Protocol.UDP, 7, "127.0.0.1", Set.of(Family.INET)));
    assertThat(entry(entries, "rsync", 4).listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 873, "127.0.0.1", Set.of(Family.INET6)));
    assertThat(entry(entries, "gitd", 2))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.XINETD,
                    "gitd",
                    "/etc/xinetd.local",
                    2,
                    "/usr/lib/git-core/git-daemon"),
                true,
                List.of(new ListenSpec(Protocol.TCP, 9418, "0.0.0.0", Set.of(Family.INET)))));
    assertThat(diagnostics.isEmpty()).isTrue();

    assertThat(
            xinetd.ownerOf(
                root,
                socket(Protocol.TCP, "127.0.0.1", 7, false, PLAIN_XINETD),
                lookup(PLAIN_XINETD),
                diagnostics))
        .isEmpty(); // echo-stream is in disabled
    assertThat(
            xinetd
                .ownerOf(
                    root,
                    socket(Protocol.UDP, "127.0.0.1", 7, false, PLAIN_XINETD),
                    lookup(PLAIN_XINETD),
                    diagnostics)
                .map(Owner::line))
        .contains(17);
  }

  @Test
  void enabledListInDefaultsEnablesOnlyThose(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/services"), "daytime 13/tcp\ntime 37/tcp\n");
    Files.writeString(
        dir.resolve("etc/xinetd.conf"),
        """
        defaults
        {
        \tenabled = daytime
        }
        service daytime
        {
        \ttype = INTERNAL
        \tsocket_type = stream
        \twait = no
        }
        service time
        {
        \ttype = INTERNAL
        \tsocket_type = stream
        \twait = no
        }
        """);

    assertThat(xinetd.entries(Host.offline(dir), diagnostics))
        .extracting(e -> e.owner().entry(), ServiceEntry::enabled)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("daytime", true),
            org.assertj.core.groups.Tuple.tuple("time", false));
  }

  @Test
  void hostileConfigurationIsDiagnosedNotThrown() {
    List<ServiceEntry> entries = xinetd.entries(root("xinetd", "hostile"), diagnostics);

    assertThat(entries.stream().filter(ServiceEntry::enabled).map(e -> e.owner().entry()))
        .containsExactly("ntalk", "discard", "daytime");
    assertThat(entries)
        .extracting(e -> e.owner().entry())
        .containsExactly(
            "finger",
            "telnet\r",
            "tftp",
            "ntalk",
            "mystery",
            "chargen",
            "discard",
            "login",
            "shell",
            "daytime");
    assertThat(entry(entries, "ntalk", 1).listens())
        .containsExactly(new ListenSpec(Protocol.UDP, 518, null, Set.of(Family.INET6)));
    List<String> lines = lines(diagnostics);
    assertThat(lines)
        .contains(
            "SKIPPED /etc/xinetd.conf: included more than once: read once",
            "MALFORMED /etc/xinetd.d/badflag:3: service finger: bad service flag: \"IPV6\""
                + " (xinetd disables the service)",
            "MALFORMED /etc/xinetd.d/dgramnowait:1: service tftp: socket_type dgram must wait"
                + " (xinetd does not start it)",
            "MALFORMED /etc/xinetd.d/noport:1: service mystery: an UNLISTED service must have a"
                + " port (xinetd does not start it)",
            "MALFORMED /etc/xinetd.d/portclash:1: service login: service login expects port 513,"
                + " not 2323 (xinetd does not start it)",
            "MALFORMED /etc/xinetd.d/nospace:6: service chargen: attribute disable needs a space"
                + " before operator (xinetd drops the service)",
            "MALFORMED /etc/xinetd.d/unclosed:1: service shell: incomplete entry (no closing"
                + " \"}\")")
        .anyMatch(l -> l.startsWith("MALFORMED /etc/xinetd.conf:3: missing service keyword"))
        .anyMatch(l -> l.startsWith("MALFORMED /etc/xinetd.d/onebrace:1: service ftp: missing"));
  }

  @Test
  void includeCyclesAndMissingFilesEndQuietly(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        dir.resolve("etc/xinetd.conf"),
        "include /etc/a\ninclude /etc/missing\nincludedir /etc/nodir\n");
    Files.writeString(dir.resolve("etc/a"), "include /etc/b\n");
    Files.writeString(dir.resolve("etc/b"), "include /etc/a\n");

    assertThat(xinetd.entries(Host.offline(dir), diagnostics)).isEmpty();
    assertThat(lines(diagnostics))
        .containsExactly(
            "SKIPPED /etc/a: included more than once: read once",
            "UNREADABLE /etc/nodir: no such file");
  }

  @Test
  void otherProcessesAreNotXinetd() {
    var inetd = process(612, 1, "inetd", "/usr/sbin/inetd", null);

    assertThat(
            xinetd.ownerOf(
                root("xinetd", "debian12"),
                socket(Protocol.TCP, "0.0.0.0", 79, false, inetd),
                lookup(inetd),
                diagnostics))
        .isEmpty();
  }
}
