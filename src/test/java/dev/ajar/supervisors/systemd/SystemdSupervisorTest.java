package dev.ajar.supervisors.systemd;

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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SystemdSupervisor on the roots of src/test/resources/supervisors/systemd (README there). */
class SystemdSupervisorTest {
  static final ProcessInfo SYSTEMD =
      process(1, 0, "systemd", "/usr/lib/systemd/systemd", "init.scope", "/sbin/init");
  final SystemdSupervisor systemd = new SystemdSupervisor();
  final Diagnostics diagnostics = new Diagnostics();

  static Map<String, ServiceEntry> byName(List<ServiceEntry> entries) {
    return entries.stream().collect(Collectors.toMap(e -> e.owner().entry(), Function.identity()));
  }

  @Test
  void presentWhereTheSystemdBinaryIs() {
    assertThat(systemd.kind()).isEqualTo(SupervisorKind.SYSTEMD);
    assertThat(systemd.isPresent(root("systemd", "debian12"))).isTrue(); // via /lib -> usr/lib
    assertThat(systemd.isPresent(root("systemd", "accept"))).isTrue();
    assertThat(systemd.isPresent(root("inetd", "debian12"))).isFalse();
  }

  @Test
  void entriesOfDebian12() {
    Map<String, ServiceEntry> e = byName(systemd.entries(root("systemd", "debian12"), diagnostics));

    assertThat(e.keySet())
        .containsExactlyInAnyOrder(
            "avahi-daemon.service",
            "avahi-daemon.socket",
            "cups.service",
            "cups.socket",
            "getty@.service",
            "hwclock.service",
            "inetd.service",
            "rc-local.service",
            "rpcbind.service",
            "rpcbind.socket",
            "ssh.service",
            "ssh.socket",
            "systemd-initctl.socket",
            "systemd-journald.socket",
            "xinetd.service");
    // Debian 12 registers unit files under /lib in dpkg: the path reported is /lib's.
    assertThat(e.get("rpcbind.socket"))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.SYSTEMD,
                    "rpcbind.socket",
                    "/lib/systemd/system/rpcbind.socket",
                    0,
                    "/sbin/rpcbind"),
                true,
                List.of(
                    new ListenSpec(Protocol.TCP, 111, "0.0.0.0"),
                    new ListenSpec(Protocol.UDP, 111, "0.0.0.0"),
                    new ListenSpec(Protocol.TCP, 111, "::"),
                    new ListenSpec(Protocol.UDP, 111, "::"))));
    assertThat(e.get("ssh.socket"))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.SYSTEMD,
                    "ssh.socket",
                    "/lib/systemd/system/ssh.socket",
                    0,
                    "/usr/local/sbin/sshd"),
                false,
                List.of(new ListenSpec(Protocol.TCP, 22, null, Set.of(Family.INET6)))));
    assertThat(e.get("cups.socket").listens()).isEmpty(); // a unix socket only
    assertThat(e.get("cups.service").owner().program()).isEqualTo("/usr/sbin/cupsd");
    assertThat(e.get("hwclock.service").owner().file())
        .isEqualTo("/lib/systemd/system/hwclock.service");
    assertThat(e.get("avahi-daemon.socket").owner().file())
        .isEqualTo("/etc/systemd/system/avahi-daemon.socket");
    assertThat(e.get("xinetd.service").owner().file())
        .isEqualTo("/run/systemd/generator.late/xinetd.service");
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void dropInOverridesExecStart() {
    Map<String, ServiceEntry> e = byName(systemd.entries(root("systemd", "debian12"), diagnostics));

    assertThat(e.get("ssh.service").owner().program()).isEqualTo("/usr/local/sbin/sshd");
    UnitIndex index = UnitIndex.load(root("systemd", "debian12"), diagnostics);
    Unit ssh = index.unit("sshd.service"); // the alias systemctl enable made
    assertThat(ssh.name()).isEqualTo("ssh.service");
    assertThat(ssh.aliases()).containsExactly("sshd.service");
    assertThat(ssh.dropIns()).containsExactly("/etc/systemd/system/ssh.service.d/override.conf");
    assertThat(index.unit("rc-local.service").dropIns())
        .containsExactly("/lib/systemd/system/rc-local.service.d/debian.conf");
    assertThat(index.unit("portmap.service").name()).isEqualTo("rpcbind.service");
    assertThat(index.unit("getty@tty1.service").name()).isEqualTo("getty@.service");
    assertThat(index.unit("autovt@.service").name()).isEqualTo("getty@.service");
  }

  /**
   * The enabled flags agree with what the real systemctl said of this root
   * (debian12.list-unit-files.txt): enabled is enabled; disabled, static and masked are not;
   * aliases are not entries of their own; "generated" units are wanted by the generator, at every
   * boot.
   */
  @Test
  void enabledFlagsAgreeWithSystemctl() throws Exception {
    Map<String, ServiceEntry> e = byName(systemd.entries(root("systemd", "debian12"), diagnostics));
    List<String> rows =
        Files.readAllLines(
            Path.of("src/test/resources/supervisors/systemd/debian12.list-unit-files.txt"));

    assertThat(rows).hasSize(20);
    for (String row : rows) {
      String[] f = row.trim().split("\\s+");
      String name = f[0];
      String state = f[1];
      switch (state) {
        case "alias" -> assertThat(e).as(name).doesNotContainKey(name);
        case "enabled", "generated" -> assertThat(e.get(name).enabled()).as(name).isTrue();
        case "disabled", "static", "masked" -> assertThat(e.get(name).enabled()).as(name).isFalse();
        default -> throw new AssertionError("unexpected state " + row);
      }
    }
  }

  @Test
  void maskedUnitsAreNeverEnabled() {
    Map<String, ServiceEntry> e = byName(systemd.entries(root("systemd", "debian12"), diagnostics));

    // avahi-daemon.socket keeps its sockets.target.wants link after "systemctl mask".
    assertThat(
            Files.isSymbolicLink(
                Path.of(
                    "src/test/resources/supervisors/systemd/debian12/"
                        + "etc/systemd/system/sockets.target.wants/avahi-daemon.socket")))
        .isTrue();
    assertThat(e.get("avahi-daemon.socket").enabled()).isFalse();
    assertThat(e.get("avahi-daemon.socket").listens()).isEmpty();
    assertThat(e.get("hwclock.service").enabled()).isFalse();
    assertThat(e.get("hwclock.service").owner().program()).isNull();
  }

  @Test
  void socketHeldByPid1IsTheSocketUnits() {
    Host root = root("systemd", "debian12");

    for (String address : List.of("0.0.0.0", "::")) {
      for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
        assertThat(
                systemd.ownerOf(
                    root, socket(p, address, 111, true, SYSTEMD), lookup(SYSTEMD), diagnostics))
            .as(p + " " + address)
            .contains(
                new Owner(
                    SupervisorKind.SYSTEMD,
                    "rpcbind.socket",
                    "/lib/systemd/system/rpcbind.socket",
                    0,
                    "/sbin/rpcbind"));
      }
    }
    // ssh.socket is disabled, but if it was started by hand it is still its socket.
    assertThat(
            systemd
                .ownerOf(
                    root,
                    socket(Protocol.TCP, "::", 22, true, SYSTEMD),
                    lookup(SYSTEMD),
                    diagnostics)
                .map(Owner::entry))
        .contains("ssh.socket");
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void activatedDaemonSharingTheSocketWithPid1IsStillTheSocketUnits() {
    var rpcbind =
        process(
            420, 1, "rpcbind", "/usr/sbin/rpcbind", "rpcbind.service", "/sbin/rpcbind", "-f", "-w");
    var s = socket(Protocol.TCP, "0.0.0.0", 111, false, SYSTEMD, rpcbind);

    assertThat(
            systemd
                .ownerOf(root("systemd", "debian12"), s, lookup(SYSTEMD, rpcbind), diagnostics)
                .map(Owner::entry))
        .contains("rpcbind.socket");
  }

  @Test
  void otherwiseTheHoldersCgroupUnit() {
    Host root = root("systemd", "debian12");
    var sshd =
        process(
            701,
            1,
            "sshd",
            "/usr/local/sbin/sshd",
            "ssh.service",
            "sshd: /usr/local/sbin/sshd -D [listener] 0 of 10-100 startups");
    var cupsd =
        process(702, 1, "cupsd", "/usr/sbin/cupsd", "cups.service", "/usr/sbin/cupsd", "-l");

    assertThat(
            systemd.ownerOf(
                root, socket(Protocol.TCP, "0.0.0.0", 22, false, sshd), lookup(sshd), diagnostics))
        .contains(
            new Owner(
                SupervisorKind.SYSTEMD,
                "ssh.service",
                "/lib/systemd/system/ssh.service",
                0,
                "/usr/local/sbin/sshd"));
    assertThat(
            systemd.ownerOf(
                root,
                socket(Protocol.TCP, "127.0.0.1", 631, false, cupsd),
                lookup(cupsd),
                diagnostics))
        .contains(
            new Owner(
                SupervisorKind.SYSTEMD,
                "cups.service",
                "/lib/systemd/system/cups.service",
                0,
                "/usr/sbin/cupsd"));
  }

  @Test
  void sysvWrapperUnitNamesTheDaemonNotTheScript() {
    var xinetd =
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
            "-inetd_compat");

    assertThat(
            systemd.ownerOf(
                root("systemd", "debian12"),
                socket(Protocol.TCP, "::", 79, false, xinetd),
                lookup(xinetd),
                diagnostics))
        .contains(
            new Owner(
                SupervisorKind.SYSTEMD,
                "xinetd.service",
                "/run/systemd/generator.late/xinetd.service",
                0,
                "/usr/sbin/xinetd"));
  }

  @Test
  void instancesTransientUnitsAndScopes() {
    Host root = root("systemd", "debian12");
    var getty = process(800, 1, "agetty", "/usr/sbin/agetty", "getty@tty1.service", "agetty");
    var runU42 =
        process(
            801,
            1,
            "python3",
            "/usr/bin/python3.11",
            "run-u42.service",
            "python3",
            "-m",
            "http.server");
    var session = process(802, 700, "nc", "/usr/bin/nc.openbsd", "session-3.scope", "nc", "-l");
    var noUnit = process(803, 1, "x", "/usr/bin/x", null, "x");

    assertThat(
            systemd.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 5000, false, getty),
                lookup(getty),
                diagnostics))
        .contains(
            new Owner(
                SupervisorKind.SYSTEMD,
                "getty@tty1.service",
                "/lib/systemd/system/getty@.service",
                0,
                "/sbin/agetty"));
    assertThat(
            systemd.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 8000, false, runU42),
                lookup(runU42),
                diagnostics))
        .contains(
            new Owner(SupervisorKind.SYSTEMD, "run-u42.service", null, 0, "/usr/bin/python3.11"));
    assertThat(
            systemd.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 9000, false, session),
                lookup(session),
                diagnostics))
        .isEmpty();
    assertThat(
            systemd.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 9001, false, noUnit),
                lookup(noUnit),
                diagnostics))
        .isEmpty();
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void pid1OnAPortNoSocketUnitHasIsDiagnosed() {
    var s = socket(Protocol.TCP, "0.0.0.0", 5355, true, SYSTEMD);

    assertThat(systemd.ownerOf(root("systemd", "debian12"), s, lookup(SYSTEMD), diagnostics))
        .isEmpty();
    assertThat(lines(diagnostics))
        .containsExactly(
            "SKIPPED pid 1: systemd holds tcp port 5355 but no socket unit of the root listens"
                + " there (a transient or since-changed unit?)");
  }

  @Test
  void acceptYesSocketActivatesTheTemplate() {
    Host root = root("systemd", "accept");
    Map<String, ServiceEntry> e = byName(systemd.entries(root, diagnostics));

    assertThat(e.get("ssh.socket"))
        .isEqualTo(
            new ServiceEntry(
                new Owner(
                    SupervisorKind.SYSTEMD,
                    "ssh.socket",
                    "/lib/systemd/system/ssh.socket",
                    0,
                    "/usr/sbin/sshd"),
                true,
                List.of(new ListenSpec(Protocol.TCP, 22, null, Set.of(Family.INET6)))));
    assertThat(e.get("ssh@.service").enabled()).isFalse();
    assertThat(
            systemd
                .ownerOf(
                    root,
                    socket(Protocol.TCP, "::", 22, true, SYSTEMD),
                    lookup(SYSTEMD),
                    diagnostics)
                .map(Owner::entry))
        .contains("ssh.socket");
    // The per-connection instance holds only the accepted connection.
    var perConnection =
        process(
            905,
            1,
            "sshd",
            "/usr/sbin/sshd",
            "ssh@5-10.0.0.5:22-10.0.0.3:36874.service",
            "sshd: root [priv]");
    assertThat(
            systemd.ownerOf(
                root,
                socket(Protocol.TCP, "10.0.0.5", 22, false, perConnection),
                lookup(perConnection),
                diagnostics))
        .contains(
            new Owner(
                SupervisorKind.SYSTEMD,
                "ssh@5-10.0.0.5:22-10.0.0.3:36874.service",
                "/lib/systemd/system/ssh@.service",
                0,
                "/usr/sbin/sshd"));
  }

  @Test
  void dropInCanMoveASocketToLoopback(@TempDir Path dir) throws Exception {
    try {
      copy(Path.of("src/test/resources/supervisors/systemd/debian12"), dir);
      Path d = dir.resolve("etc/systemd/system/rpcbind.socket.d");
      Files.createDirectories(d);
      Files.writeString(
          d.resolve("loopback.conf"),
          """
          [Socket]
          ListenStream=
          ListenStream=/run/rpcbind.sock
          ListenStream=127.0.0.1:111
          ListenDatagram=127.0.0.1:111
          """);
      Host root = Host.offline(dir);

      assertThat(byName(systemd.entries(root, diagnostics)).get("rpcbind.socket").listens())
          .containsExactly(
              new ListenSpec(Protocol.TCP, 111, "127.0.0.1"),
              new ListenSpec(Protocol.UDP, 111, "127.0.0.1"));
      assertThat(
              systemd
                  .ownerOf(
                      root,
                      socket(Protocol.UDP, "127.0.0.1", 111, true, SYSTEMD),
                      lookup(SYSTEMD),
                      diagnostics)
                  .map(Owner::entry))
          .contains("rpcbind.socket");
    } finally {
      removeLinks(dir);
    }
  }

  @Test
  void maskingADropInByName(@TempDir Path dir) throws Exception {
    try {
      copy(Path.of("src/test/resources/supervisors/systemd/debian12"), dir);
      Path d = dir.resolve("etc/systemd/system/rc-local.service.d");
      Files.createDirectories(d);
      Files.createSymbolicLink(d.resolve("debian.conf"), Path.of("/dev/null"));

      assertThat(UnitIndex.load(Host.offline(dir), diagnostics).unit("rc-local.service").dropIns())
          .isEmpty();
    } finally {
      removeLinks(dir);
    }
  }

  @Test
  void hostileUnitsAreDiagnosedNotThrown() {
    Host root = root("systemd", "hostile");
    Map<String, ServiceEntry> e = byName(systemd.entries(root, diagnostics));

    assertThat(e.keySet())
        .containsExactlyInAnyOrder(
            "broken.socket",
            "continued.service",
            "crlf.socket",
            "empty.service",
            "garbage.service");
    assertThat(e.get("broken.socket").listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 8443, "127.0.0.1"));
    assertThat(e.get("crlf.socket").listens())
        .containsExactly(new ListenSpec(Protocol.TCP, 8080, null, Set.of(Family.INET6)));
    assertThat(e.get("continued.service").owner().program()).isEqualTo("/usr/bin/continued");
    assertThat(e.get("garbage.service").owner().program()).isEqualTo("/usr/bin/garbage");
    assertThat(e.get("empty.service").enabled()).isFalse(); // an empty file masks
    List<String> lines = lines(diagnostics);
    assertThat(lines)
        .contains(
            "UNREADABLE /etc/systemd/system/dangling.service: dangling link: no such file",
            "MALFORMED /lib/systemd/system/garbage.service:1: assignment outside of a section:"
                + " ExecStart",
            "MALFORMED /lib/systemd/system/broken.socket:2: ListenStream=: \"not-a-port\" is not a"
                + " port (1-65535), ADDRESS:PORT or a path");
    assertThat(lines).filteredOn(l -> l.contains("broken.socket")).hasSize(6);
    assertThat(lines).hasSize(11);
  }

  @Test
  void emptyRootHasNothing(@TempDir Path dir) {
    assertThat(systemd.entries(Host.offline(dir), diagnostics)).isEmpty();
    assertThat(systemd.isPresent(Host.offline(dir))).isFalse();
    assertThat(
            systemd.ownerOf(
                Host.offline(dir),
                socket(Protocol.TCP, "::", 22, true, SYSTEMD),
                lookup(SYSTEMD),
                diagnostics))
        .isEmpty();
  }

  /**
   * Removes the links of a copied root before JUnit cleans the temporary directory up (it warns
   * about every link whose target lies outside it, and roots are made of such links).
   */
  static void removeLinks(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.filter(Files::isSymbolicLink).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Copies a fixture root, links as links. */
  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
