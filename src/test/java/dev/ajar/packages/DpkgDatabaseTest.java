package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Diagnostics.Diagnostic;
import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On real dpkg files of a Debian 12 machine (src/test/resources/packages/README.md). */
class DpkgDatabaseTest {
  @TempDir Path tmp;
  Path root;
  Diagnostics diagnostics = new Diagnostics();

  /** One instance per test: it reads the root on the first question (after the test's edits). */
  DpkgDatabase db = new DpkgDatabase();

  @BeforeEach
  void copyFixture() {
    root = Fixtures.copy("dpkg", tmp.resolve("root"));
  }

  Optional<PackageRef> owner(String path) {
    return db.ownerOf(Host.offline(root), path, diagnostics);
  }

  static PackageRef dpkg(String name, String version) {
    return new PackageRef("dpkg", name, version);
  }

  static final PackageRef OPENSSH = dpkg("openssh-server", "1:9.2p1-2+deb12u10");
  static final PackageRef RPCBIND = dpkg("rpcbind", "1.2.6-6+b1");
  static final PackageRef COREUTILS = dpkg("coreutils", "9.1-1");
  static final PackageRef DASH = dpkg("dash", "0.5.12-2");

  Path status() {
    return root.resolve("var/lib/dpkg/status");
  }

  /** Replaces text inside one package's stanza of status. */
  void replaceInStanza(String pkg, String from, String to) {
    String text = Fixtures.read(status());
    int start = text.indexOf("Package: " + pkg + "\n");
    int end = text.indexOf("\n\n", start);
    end = end < 0 ? text.length() : end;
    String stanza = text.substring(start, end);
    assertThat(stanza).contains(from);
    Fixtures.write(
        status(), text.substring(0, start) + stanza.replace(from, to) + text.substring(end));
  }

  @Test
  void isPresentOnlyWhereTheAdminDirectoryIs() {
    assertThat(new DpkgDatabase().isPresent(Host.offline(root))).isTrue();
    assertThat(new DpkgDatabase().isPresent(Host.offline(tmp))).isFalse();
  }

  @Test
  void findsTheOwnerWithTheEpochInItsVersion() {
    assertThat(owner("/usr/sbin/sshd")).contains(OPENSSH);
    assertThat(owner("/usr/bin/sort")).contains(COREUTILS);
    assertThat(owner("/usr/bin/ssh")).isEmpty(); // openssh-client's, not in the fixture
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void aPathOfNoPackageHasNoOwner() {
    assertThat(owner("/usr/local/sbin/mydaemon")).isEmpty();
    assertThat(owner("/")).isPresent(); // "/." is in every list: the root directory is shared
    assertThat(owner("relative/path")).isEmpty();
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void mergedUsrFindsAPackageThatListsTheOtherName() {
    Fixtures.mergeUsr(root);
    // rpcbind lists /sbin/rpcbind; the kernel shows the running program as /usr/sbin/rpcbind
    assertThat(owner("/usr/sbin/rpcbind")).contains(RPCBIND);
    assertThat(owner("/sbin/rpcbind")).contains(RPCBIND);
    assertThat(owner("/usr/bin/ls")).contains(COREUTILS); // listed as /bin/ls
    assertThat(owner("/bin/sort")).contains(COREUTILS); // listed as /usr/bin/sort
    assertThat(owner("/usr/lib/x86_64-linux-gnu/libtirpc.so.3.0.0"))
        .contains(dpkg("libtirpc3:amd64", "1.3.3+ds-1"));
    assertThat(owner("/usr//sbin/./rpcbind")).contains(RPCBIND);
  }

  @Test
  void withoutMergedUsrTheOtherNameIsAnotherFile() {
    assertThat(owner("/sbin/rpcbind")).contains(RPCBIND);
    assertThat(owner("/usr/sbin/rpcbind")).isEmpty();
    assertThat(owner("/usr/bin/ls")).isEmpty();
  }

  @Test
  void multiArchSamePackagesAreNamedWithTheirArchitecture() {
    assertThat(owner("/lib/x86_64-linux-gnu/libtirpc.so.3.0.0"))
        .contains(dpkg("libtirpc3:amd64", "1.3.3+ds-1"));
  }

  @Test
  void aForeignArchitecturePackageIsNamedWithItsArchitecture() {
    replaceInStanza("rpcbind", "Architecture: amd64", "Architecture: i386");
    assertThat(owner("/sbin/rpcbind")).contains(dpkg("rpcbind:i386", "1.2.6-6+b1"));
    // postgresql-common is Architecture: all, never qualified
    assertThat(owner("/usr/bin/pg_config")).contains(dpkg("postgresql-common", "248+deb12u1"));
  }

  @Test
  void aDivertedPathBelongsToTheDiverterAndItsTargetToTheOtherPackage() {
    // /usr/bin/pg_config → /usr/bin/pg_config.libpq-dev, diverted by postgresql-common;
    // both postgresql-common and libpq-dev list /usr/bin/pg_config.
    assertThat(owner("/usr/bin/pg_config")).contains(dpkg("postgresql-common", "248+deb12u1"));
    assertThat(owner("/usr/bin/pg_config.libpq-dev"))
        .contains(dpkg("libpq-dev", "15.18-0+deb12u1"));
    // /bin/sh → /bin/sh.distrib, diverted by dash, which ships /bin/sh itself
    assertThat(owner("/bin/sh")).contains(DASH);
    assertThat(owner("/bin/sh.distrib")).isEmpty(); // no other package ships /bin/sh here
    // /usr/bin/perf is diverted by linux-perf, which is not installed in the fixture
    assertThat(owner("/usr/bin/perf")).isEmpty();
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void diversionsApplyUnderMergedUsrAliasesToo() {
    Fixtures.mergeUsr(root);
    assertThat(owner("/usr/bin/sh")).contains(DASH);
  }

  @Test
  void aLocalDiversionLeavesTheDivertedPathToTheAdministrator() {
    Path diversions = root.resolve("var/lib/dpkg/diversions");
    Fixtures.write(
        diversions, Fixtures.read(diversions) + "/usr/sbin/sshd\n/usr/sbin/sshd.distrib\n:\n");
    assertThat(owner("/usr/sbin/sshd")).isEmpty();
    assertThat(owner("/usr/sbin/sshd.distrib")).contains(OPENSSH);
  }

  @Test
  void packagesWhoseFilesAreNotOnDiskOwnNothing() {
    replaceInStanza("rpcbind", "install ok installed", "deinstall ok config-files");
    replaceInStanza("coreutils", "install ok installed", "install reinstreq half-installed");
    replaceInStanza("dash", "install ok installed", "install ok unpacked");
    assertThat(owner("/sbin/rpcbind")).isEmpty();
    assertThat(owner("/bin/ls")).contains(COREUTILS);
    assertThat(owner("/bin/dash")).contains(DASH);
  }

  @Test
  void withoutStatusTheListsStillNameTheOwnerWithoutVersion() {
    Fixtures.write(status(), new byte[0]);
    assertThat(owner("/usr/sbin/sshd")).isEmpty(); // an empty status: nothing is installed
    assertThat(diagnostics.all()).isEmpty();
    java.io.File f = status().toFile();
    assertThat(f.delete()).isTrue();
    Diagnostics fresh = new Diagnostics();
    DpkgDatabase db = new DpkgDatabase();
    assertThat(db.ownerOf(Host.offline(root), "/usr/sbin/sshd", fresh))
        .contains(dpkg("openssh-server", ""));
    assertThat(db.ownerOf(Host.offline(root), "/lib/x86_64-linux-gnu/libtirpc.so.3", fresh))
        .contains(dpkg("libtirpc3:amd64", ""));
    assertThat(fresh.all())
        .containsExactly(new Diagnostic(Kind.UNREADABLE, DpkgDatabase.STATUS, "no such file", 1));
  }

  @Test
  void malformedStatusStanzasAreReportedAndTheRestIsUsed() {
    Fixtures.write(
        status(),
        "Version: 1.0\nStatus: install ok installed\n\n"
            + "garbage line without a colon\n\u0001\u0000\n\n"
            + "Package: nostatus\nVersion: 1\n\n"
            + Fixtures.read(status()));
    assertThat(owner("/usr/sbin/sshd")).contains(OPENSSH);
    assertThat(diagnostics.all())
        .extracting(Diagnostic::kind, Diagnostic::subject)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(Kind.MALFORMED, DpkgDatabase.STATUS));
    assertThat(diagnostics.all())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("without a Package field"))
        .anyMatch(m -> m.contains("not 'Field: value'"))
        .anyMatch(m -> m.contains("without a 'Status: want flag state'"));
  }

  @Test
  void anIncompleteDiversionIsReported() {
    Path diversions = root.resolve("var/lib/dpkg/diversions");
    Fixtures.write(diversions, Fixtures.read(diversions) + "/usr/sbin/sshd\n/usr/sbin/sshd.x\n");
    assertThat(owner("/usr/bin/pg_config")).contains(dpkg("postgresql-common", "248+deb12u1"));
    assertThat(owner("/usr/sbin/sshd")).contains(OPENSSH);
    assertThat(diagnostics.all())
        .extracting(Diagnostic::kind, Diagnostic::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.MALFORMED, DpkgDatabase.DIVERSIONS));
  }

  @Test
  void junkInAListIsReportedAndSkipped() {
    Path list = root.resolve("var/lib/dpkg/info/rpcbind.list");
    Fixtures.write(list, "not/absolute\n\u0000\u0001binary\n" + Fixtures.read(list));
    assertThat(owner("/sbin/rpcbind")).contains(RPCBIND);
    assertThat(diagnostics.all())
        .containsExactly(
            new Diagnostic(
                Kind.MALFORMED,
                "/var/lib/dpkg/info/rpcbind.list",
                "2 lines are not absolute paths, skipped",
                1));
  }

  @Test
  void aStatusLinkedOutOfTheRootIsNotFollowed() {
    Path outside = tmp.resolve("outside-status");
    Fixtures.write(
        outside,
        "Package: openssh-server\nStatus: install ok installed\nVersion: 6.6.6-evil\n"
            + "Architecture: amd64\n");
    Fixtures.link(status(), outside.toAbsolutePath());
    Optional<PackageRef> owner = owner("/usr/sbin/sshd");
    assertThat(owner).contains(dpkg("openssh-server", ""));
    assertThat(diagnostics.all())
        .containsExactly(new Diagnostic(Kind.UNREADABLE, DpkgDatabase.STATUS, "no such file", 1));
  }

  @Test
  void aListLinkedOutOfTheRootIsNotFollowed() {
    Path outside = tmp.resolve("outside/evil.list");
    Fixtures.write(outside, "/usr/sbin/evild\n");
    Fixtures.link(
        root.resolve("var/lib/dpkg/info/rpcbind.list"),
        Path.of("../../../../../outside/evil.list"));
    assertThat(owner("/usr/sbin/evild")).isEmpty();
    assertThat(owner("/sbin/rpcbind")).isEmpty();
    assertThat(diagnostics.all())
        .containsExactly(
            new Diagnostic(Kind.UNREADABLE, "/var/lib/dpkg/info/rpcbind.list", "no such file", 1));
  }

  @Test
  void theDatabaseIsReadOnceAndItsProblemsToldToEachDiagnostics() {
    Fixtures.write(status(), "junk\n\n" + Fixtures.read(status()));
    DpkgDatabase db = new DpkgDatabase();
    Host host = Host.offline(root);
    Diagnostics first = new Diagnostics();
    assertThat(db.ownerOf(host, "/usr/sbin/sshd", first)).contains(OPENSSH);
    assertThat(db.ownerOf(host, "/sbin/rpcbind", first)).contains(RPCBIND);
    assertThat(first.all()).isNotEmpty().allMatch(d -> d.count() == 1);

    Fixtures.write(status(), ""); // changed on disk: the instance keeps what it read
    Diagnostics second = new Diagnostics();
    assertThat(db.ownerOf(host, "/usr/sbin/sshd", second)).contains(OPENSSH);
    assertThat(second.all()).isEqualTo(first.all());
    assertThat(new DpkgDatabase().ownerOf(host, "/usr/sbin/sshd", new Diagnostics())).isEmpty();
  }

  @Test
  void aFifoInPlaceOfStatusIsNotOpened() throws Exception {
    java.nio.file.Files.delete(status());
    Process mkfifo = new ProcessBuilder("mkfifo", status().toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
    assertThat(owner("/usr/sbin/sshd")).contains(dpkg("openssh-server", ""));
    assertThat(diagnostics.all())
        .containsExactly(
            new Diagnostic(Kind.SKIPPED, DpkgDatabase.STATUS, "not a regular file, not read", 1));
  }
}
