package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.DpkgDatabase;
import dev.ajar.remedy.PackageRemoval;
import dev.ajar.remedy.Target;
import dev.ajar.remedy.journal.ChangeSet;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.remedy.journal.UndoReport;
import dev.ajar.supervisors.DisablePlan;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * --remove-packages and package-wide set-UID stripping, on copies of the real debootstrapped Debian
 * 12 root (offline: nothing from the image runs), and one real removal on this host: fingerd
 * removed with apt-get through the journal, then installed again by undo.
 */
class PackageRemedyIT {
  static Path root;
  static Path work;

  @BeforeAll
  static void build() throws Exception {
    Integration.requireCommand("/usr/sbin/chroot");
    root = RootLab.buildRoot("inetd");
    work = Files.createTempDirectory("ajar-pkg-");
  }

  @AfterAll
  static void clean() throws Exception {
    if (work != null) {
      Integration.deleteTree(work);
    }
  }

  /** A copy whose /etc, /var/lib/dpkg and /usr/sbin are its own (the rest hard-linked). */
  static Path copy(String name) throws Exception {
    Path copy = work.resolve(name);
    exec("cp", "-al", root.toString(), copy.toString());
    for (String dir : List.of("etc", "var/lib/dpkg", "usr/sbin")) {
      exec("rm", "-rf", copy.resolve(dir).toString());
      exec("cp", "-a", root.resolve(dir).toString(), copy.resolve(dir).toString());
    }
    return copy;
  }

  static void exec(String... argv) throws Exception {
    var r = Integration.exec(Duration.ofMinutes(10), argv);
    assertThat(r.code()).as(String.join(" ", argv) + ": " + r.out() + r.err()).isZero();
  }

  static int mode(Path p) throws Exception {
    return ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue()
        & 07777;
  }

  @Test
  void offlineTheRemovalIsListedAsSkippedAndTheDisablingIsDone() throws Exception {
    Path tree = copy("finger");
    byte[] status = Files.readAllBytes(tree.resolve("var/lib/dpkg/status"));
    var r =
        Integration.ajar(
            "--root", tree.toString(), "close", "finger", "--remove-packages", "--yes");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "skipped (offline root): run inside the image: apt-get remove"
                + " --no-auto-remove fingerd");
    assertThat(Files.readString(tree.resolve("etc/inetd.conf"))).containsPattern("(?m)^#finger\\s");
    assertThat(Files.readAllBytes(tree.resolve("var/lib/dpkg/status"))).isEqualTo(status);
    var log = Integration.ajar("--root", tree.toString(), "log");
    assertThat(log.out()).contains("1 changes").doesNotContain("remove package");
  }

  @Test
  void planRefusesAnEssentialPackageAndWhatWouldTakeOthers() throws Exception {
    Path tree = copy("plan");
    var getty =
        Integration.ajar(
            "--root", tree.toString(), "plan", "--close", "getty@", "--remove-packages");
    assertThat(getty.code()).as(getty.err()).isZero();
    assertThat(getty.out())
        .contains(
            "util-linux is not removed: it is part of the base system"
                + " (Essential: yes); the service stays disabled");
    // telnet's program is inetutils-telnetd's; the transitional telnetd depends on it.
    var telnet =
        Integration.ajar(
            "--root", tree.toString(), "plan", "--close", "telnet", "--remove-packages");
    assertThat(telnet.out())
        .contains(
            "no package is removed: removing inetutils-telnetd would also"
                + " remove telnetd (they depend on it); name them with --also-remove telnetd");
    var consented =
        Integration.ajar(
            "--root",
            tree.toString(),
            "plan",
            "--close",
            "telnet",
            "--remove-packages",
            "--also-remove",
            "telnetd");
    assertThat(consented.out())
        .containsPattern(
            "run inside the image: apt-get remove --no-auto-remove"
                + " (telnetd inetutils-telnetd|inetutils-telnetd telnetd)");
  }

  /** nfs-blkmap.service runs blkmapd of nfs-common, whose /sbin/mount.nfs is set-UID root. */
  @Test
  void lockBinariesStripsTheSetUidFilesOfThePackageAndUndoRestoresThem() throws Exception {
    Path tree = copy("setid");
    Path mountNfs = tree.resolve("usr/sbin/mount.nfs");
    assertThat(mode(mountNfs)).isEqualTo(04755);
    var r =
        Integration.ajar(
            "--root",
            tree.toString(),
            "close",
            "nfs-blkmap",
            "--lock-binaries",
            "--strip-setid",
            "--yes");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("chmod 0755 /sbin/mount.nfs");
    assertThat(mode(mountNfs)).isEqualTo(0755);
    assertThat(mode(tree.resolve("usr/sbin/blkmapd"))).isEqualTo(0755);
    var undo = Integration.ajar("--root", tree.toString(), "undo");
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(mode(mountNfs)).isEqualTo(04755);
    // An essential package's set-UID files are never touched: getty's util-linux has su, mount.
    var getty =
        Integration.ajar(
            "--root", tree.toString(), "close", "getty@", "--lock-binaries", "--dry-run");
    assertThat(getty.out())
        .contains(
            "util-linux is part of the base system (Essential: yes): its"
                + " set-UID/GID files are left alone")
        .doesNotContain("/bin/su");
  }

  /**
   * The real thing on this host: fingerd removed by apt-get through a change set (record first),
   * then undo installs 0.17-17 again from the mirror; the host's inetd.conf, which fingerd's
   * maintainer scripts edit, ends as it was.
   */
  @Test
  void liveRemovalOfFingerdAndReinstallByUndo() throws Exception {
    Integration.requireRoot();
    Host host = Host.live();
    String version = DpkgDatabase.installedVersion(host, "fingerd");
    Integration.require(
        version != null, "fingerd is not installed on this host (install-test-deps.sh)");
    Path inetdConf = Path.of("/etc/inetd.conf");
    byte[] conf = Files.exists(inetdConf) ? Files.readAllBytes(inetdConf) : null;
    Path policy = Path.of("/usr/sbin/policy-rc.d");
    boolean ownPolicy = !Files.exists(policy);
    if (ownPolicy) {
      Files.writeString(policy, "#!/bin/sh\nexit 101\n");
      exec("chmod", "0755", policy.toString());
    }
    try {
      var target =
          new Target(
              new Owner(
                  SupervisorKind.INETD, "finger", "/etc/inetd.conf", 0, "/usr/sbin/in.fingerd"),
              List.of(79),
              List.of(),
              new DisablePlan(List.of(), List.of(), List.of()));
      PackageRemoval removal = new PackageRemoval(host, new Diagnostics());
      PackageRemoval.Plan plan = removal.plan(List.of(target), Set.of());
      assertThat(plan.removals())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.name()).isEqualTo("fingerd");
                assertThat(p.version()).isEqualTo(version);
              });
      Path journalDir = work.resolve("live-journal");
      String id;
      try (Journal journal = Journal.open(Path.of("/"), journalDir)) {
        try (ChangeSet set = journal.begin("close finger --remove-packages")) {
          assertThat(removal.apply(plan, set)).containsExactly("removed: fingerd " + version);
          set.commit();
          id = set.id();
        }
        assertThat(DpkgDatabase.installedVersion(host, "fingerd")).isNull();
        assertThat(Files.exists(Path.of("/usr/sbin/in.fingerd"))).isFalse();
        UndoReport report = journal.undo(id, false, PackageRemoval.steps(host));
        assertThat(report.steps())
            .singleElement()
            .extracting(UndoReport.Step::outcome)
            .isEqualTo(UndoReport.Outcome.REVERTED);
      }
      assertThat(DpkgDatabase.installedVersion(host, "fingerd")).isEqualTo(version);
      assertThat(Files.exists(Path.of("/usr/sbin/in.fingerd"))).isTrue();
      if (conf != null) {
        assertThat(Files.readString(inetdConf))
            .isEqualTo(new String(conf, java.nio.charset.StandardCharsets.UTF_8));
      }
    } finally {
      if (DpkgDatabase.installedVersion(host, "fingerd") == null) {
        Integration.exec(
            Duration.ofMinutes(10),
            "apt-get",
            "install",
            "-y",
            "--no-install-recommends",
            "fingerd=" + version);
      }
      if (conf != null && !java.util.Arrays.equals(conf, Files.readAllBytes(inetdConf))) {
        Files.write(inetdConf, conf);
      }
      if (ownPolicy) {
        Files.deleteIfExists(policy);
      }
    }
  }
}
