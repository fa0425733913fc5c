package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.change.FileChange;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.remedy.journal.ChangeSet;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Supervisors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden trees from the distribution's own tools: on copies of the real Debian root, ajar's plan to
 * disable a service, applied through the journal, must leave the same files as the tool an
 * administrator would use (update-inetd with a single '#', update-rc.d disable, systemctl disable +
 * mask for the service and its socket); and undo must give back the original tree.
 */
class DisableGoldenIT {
  static Path root;
  final RootCopies copies = new RootCopies("ajar-golden-");

  @BeforeAll
  static void buildRoot() throws Exception {
    Integration.requireCommand("/usr/sbin/chroot");
    root = RootLab.buildRoot("inetd");
  }

  @AfterEach
  void clean() throws IOException {
    copies.clean();
  }

  Path copy(String name) throws Exception {
    return copies.copy(root, name);
  }

  static void run(String... argv) throws Exception {
    var r = Integration.exec(Duration.ofMinutes(2), argv);
    assertThat(r.code()).as(String.join(" ", argv) + ": " + r.err()).isZero();
  }

  /** Applies ajar's plan for one entry through the journal; returns the journal directory. */
  Path applyPlan(Path tree, SupervisorKind supervisor, String entry) throws Exception {
    Host host = Host.offline(tree);
    Owner owner =
        ServiceCatalogue.list(host, Supervisors.all(), PackageDatabases.all(), new Diagnostics())
            .stream()
            .map(l -> l.entry().owner())
            .filter(o -> o.supervisor() == supervisor && entry.equals(o.entry()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + supervisor + " entry " + entry));
    DisablePlan plan = Supervisors.disablerFor(supervisor).plan(host, owner);
    assertThat(plan.changes()).isNotEmpty();
    Path journalDir = copies.work().resolve("journal-" + tree.getFileName());
    try (Journal journal = Journal.open(tree, journalDir);
        ChangeSet set = journal.begin("disable " + supervisor + " " + entry)) {
      for (FileChange change : plan.changes()) {
        set.apply(change, journal.capture(change.path()));
      }
      set.commit();
    }
    return journalDir;
  }

  void undo(Path tree, Path journalDir) throws Exception {
    try (Journal journal = Journal.open(tree, journalDir)) {
      journal.undo(null, false);
    }
  }

  /** Every path under dir: type, permission bits, and content hash or link target. */
  static SortedMap<String, String> snapshot(Path dir) throws Exception {
    SortedMap<String, String> map = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        String rel = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          map.put(rel, "link " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          map.put(rel, "dir " + mode(p));
        } else {
          map.put(
              rel,
              "file "
                  + mode(p)
                  + " "
                  + HexFormat.of()
                      .formatHex(
                          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
      }
    }
    return map;
  }

  static String mode(Path p) throws IOException {
    return Integer.toOctalString(
        ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue()
            & 07777);
  }

  @Test
  void inetdEntriesAreCommentedAsUpdateInetdDoes() throws Exception {
    for (String service : new String[] {"finger", "telnet", "shell", "login"}) {
      Path mine = copy("mine-" + service);
      Path ref = copy("ref-" + service);
      SortedMap<String, String> before = snapshot(mine.resolve("etc"));
      Path journal = applyPlan(mine, SupervisorKind.INETD, service);
      run(
          "chroot",
          ref.toString(),
          "/usr/sbin/update-inetd",
          "--comment-chars",
          "#",
          "--disable",
          service);
      assertThat(Files.readString(mine.resolve("etc/inetd.conf")))
          .as(service)
          .isEqualTo(Files.readString(ref.resolve("etc/inetd.conf")));
      undo(mine, journal);
      assertThat(snapshot(mine.resolve("etc"))).as(service + " after undo").isEqualTo(before);
    }
  }

  @Test
  void sysvStartLinksBecomeStopLinksAsUpdateRcDDoes() throws Exception {
    Path mine = copy("mine");
    Path ref = copy("ref");
    SortedMap<String, String> before = snapshot(mine.resolve("etc"));
    Path journal = applyPlan(mine, SupervisorKind.SYSV, "vsftpd");
    run("chroot", ref.toString(), "/usr/sbin/update-rc.d", "vsftpd", "disable");
    for (String level :
        new String[] {"rcS.d", "rc0.d", "rc1.d", "rc2.d", "rc3.d", "rc4.d", "rc5.d", "rc6.d"}) {
      assertThat(snapshot(mine.resolve("etc/" + level)))
          .as(level)
          .isEqualTo(snapshot(ref.resolve("etc/" + level)));
    }
    undo(mine, journal);
    assertThat(snapshot(mine.resolve("etc"))).isEqualTo(before);
  }

  @Test
  void systemdServiceAndSocketAreDisabledAndMaskedAsSystemctlDoes() throws Exception {
    Integration.requireCommand("/usr/bin/systemctl");
    for (String[] unit :
        new String[][] {
          {"rpcbind.socket", "rpcbind.service rpcbind.socket"},
          {"vsftpd.service", "vsftpd.service"}
        }) {
      Path mine = copy("mine-" + unit[0]);
      Path ref = copy("ref-" + unit[0]);
      SortedMap<String, String> before = snapshot(mine.resolve("etc"));
      Path journal = applyPlan(mine, SupervisorKind.SYSTEMD, unit[0]);
      String[] units = unit[1].split(" ");
      String[] disable =
          Stream.concat(Stream.of("systemctl", "--root=" + ref, "disable"), Stream.of(units))
              .toArray(String[]::new);
      String[] mask =
          Stream.concat(Stream.of("systemctl", "--root=" + ref, "mask"), Stream.of(units))
              .toArray(String[]::new);
      run(disable);
      run(mask);
      assertThat(snapshot(mine.resolve("etc/systemd/system")))
          .as(unit[0])
          .isEqualTo(snapshot(ref.resolve("etc/systemd/system")));
      undo(mine, journal);
      assertThat(snapshot(mine.resolve("etc"))).as(unit[0] + " after undo").isEqualTo(before);
    }
  }

  @Test
  void closeLogAndUndoOnAnOfflineRootFromTheCommandLine() throws Exception {
    Path tree = copy("cli");
    SortedMap<String, String> before = snapshot(tree.resolve("etc"));
    String conf = Files.readString(tree.resolve("etc/inetd.conf"));
    var dry = Integration.ajar("--root", tree.toString(), "close", "finger", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("Disable inetd finger (/etc/inetd.conf:")
        .contains("skipped offline: pkill -HUP -x inetd");
    assertThat(Files.readString(tree.resolve("etc/inetd.conf"))).isEqualTo(conf);

    var close = Integration.ajar("--root", tree.toString(), "close", "finger", "rpcbind", "--yes");
    assertThat(close.code()).as(close.err()).isZero();
    assertThat(Files.readString(tree.resolve("etc/inetd.conf"))).contains("\n#finger\t");
    assertThat(Files.readSymbolicLink(tree.resolve("etc/systemd/system/rpcbind.socket")).toString())
        .isEqualTo("/dev/null");
    assertThat(Files.isDirectory(tree.resolve("var/lib/ajar"))).isTrue();

    var log = Integration.ajar("--root", tree.toString(), "log");
    assertThat(log.out()).contains("close finger rpcbind").contains("applied");

    var undo = Integration.ajar("--root", tree.toString(), "undo");
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(snapshot(tree.resolve("etc"))).isEqualTo(before);

    var nothing = Integration.ajar("--root", tree.toString(), "close", "no-such-service", "--yes");
    assertThat(nothing.code()).isEqualTo(3);
    assertThat(nothing.err()).contains("no open port or enabled service named 'no-such-service'");
  }

  @Test
  void aFileChangedBetweenPlanAndApplyIsRefusedByName() throws Exception {
    Path tree = copy("stale");
    Host host = Host.offline(tree);
    var plan =
        dev.ajar.remedy.Closing.plan(
            host, dev.ajar.remedy.Closing.named(host, java.util.List.of("finger")).list());
    // An administrator edits inetd.conf while ajar waits at its prompt.
    Files.writeString(
        tree.resolve("etc/inetd.conf"),
        "# edited meanwhile\n",
        java.nio.file.StandardOpenOption.APPEND);
    String edited = Files.readString(tree.resolve("etc/inetd.conf"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                dev.ajar.remedy.Closing.close(
                    host, plan, "close finger", copies.work().resolve("journal-stale")))
        .isInstanceOf(dev.ajar.host.BadInputException.class)
        .hasMessageContaining("/etc/inetd.conf changed since the plan was made");
    assertThat(Files.readString(tree.resolve("etc/inetd.conf"))).isEqualTo(edited);
  }

  @Test
  void theShellFormOfThePlanLeavesTheSameTree() throws Exception {
    Path viaJournal = copy("journal");
    Path viaShell = copy("shell");
    var sh =
        Integration.ajar(
            "--root",
            viaShell.toString(),
            "plan",
            "--close",
            "finger",
            "--close",
            "rpcbind.socket",
            "--close",
            "vsftpd",
            "--format",
            "sh");
    assertThat(sh.code()).as(sh.err()).isZero();
    Path script = copies.work().resolve("plan.sh");
    Files.writeString(script, sh.out());
    var ran =
        Integration.exec(Duration.ofMinutes(1), "env", "ROOT=" + viaShell, "sh", script.toString());
    assertThat(ran.code()).as(ran.err()).isZero();
    var close =
        Integration.ajar(
            "--root",
            viaJournal.toString(),
            "close",
            "finger",
            "rpcbind.socket",
            "vsftpd",
            "--yes",
            "--journal",
            copies.work().resolve("journal-sh").toString());
    assertThat(close.code()).as(close.err()).isZero();
    assertThat(snapshot(viaShell.resolve("etc"))).isEqualTo(snapshot(viaJournal.resolve("etc")));
  }

  @Test
  void lockBinariesTakesEveryBitOffTheProgramAndUndoGivesThemBack() throws Exception {
    Path tree = copy("lock");
    Path fingerd = tree.resolve("usr/sbin/in.fingerd");
    // The copy hard-links the root's files: give this one its own inode before changing its mode.
    Files.copy(
        fingerd,
        tree.resolve("usr/sbin/in.fingerd.tmp"),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.move(
        tree.resolve("usr/sbin/in.fingerd.tmp"),
        fingerd,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String before = mode(fingerd);
    var close =
        Integration.ajar("--root", tree.toString(), "close", "finger", "--yes", "--lock-binaries");
    assertThat(close.code()).as(close.err()).isZero();
    assertThat(close.out()).contains("chmod").contains("/usr/sbin/in.fingerd");
    assertThat(mode(fingerd)).isEqualTo("0");
    var undo = Integration.ajar("--root", tree.toString(), "undo");
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(mode(fingerd)).isEqualTo(before);
    assertThat(mode(root.resolve("usr/sbin/in.fingerd"))).isEqualTo(before);
  }
}
