package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package's files, from each manager's real (or reconstructed) fixture database. */
class FilesOfTest {
  @TempDir Path tmp;
  Diagnostics diagnostics = new Diagnostics();

  List<String> files(PackageDatabase db, String fixture, PackageRef pkg) {
    return db.filesOf(Host.offline(Fixtures.copy(fixture, tmp.resolve(fixture))), pkg, diagnostics);
  }

  @Test
  void dpkgListsEveryLineOfTheListFileNormalized() {
    List<String> files = files(new DpkgDatabase(), "dpkg", DpkgDatabaseTest.OPENSSH);
    assertThat(files)
        .hasSize(67)
        .startsWith("/", "/etc")
        .contains("/usr/sbin/sshd", "/lib/systemd/system/ssh.service");
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void dpkgFindsAMultiArchSamePackageByItsArchQualifiedName() {
    List<String> files =
        files(new DpkgDatabase(), "dpkg", new PackageRef("dpkg", "libtirpc3:amd64", ""));
    assertThat(files).hasSize(13).contains("/lib/x86_64-linux-gnu/libtirpc.so.3.0.0");
  }

  @Test
  void dpkgGivesADivertedPathWhereTheFileReallyIs() {
    // libpq-dev lists /usr/bin/pg_config, which postgresql-common diverts to pg_config.libpq-dev.
    List<String> libpq = files(new DpkgDatabase(), "dpkg", new PackageRef("dpkg", "libpq-dev", ""));
    assertThat(libpq).contains("/usr/bin/pg_config.libpq-dev").doesNotContain("/usr/bin/pg_config");
    // The diverter's own copy stays.
    List<String> common =
        new DpkgDatabase()
            .filesOf(
                Host.offline(tmp.resolve("dpkg")),
                new PackageRef("dpkg", "postgresql-common", ""),
                diagnostics);
    assertThat(common).contains("/usr/bin/pg_config");
  }

  @Test
  void aWrongVersionManagerOrNameHasNoFiles() {
    DpkgDatabase db = new DpkgDatabase();
    Host root = Host.offline(Fixtures.copy("dpkg", tmp.resolve("dpkg")));
    assertThat(db.filesOf(root, new PackageRef("dpkg", "openssh-server", "1:0.1-1"), diagnostics))
        .isEmpty();
    assertThat(db.filesOf(root, new PackageRef("rpm", "openssh-server", ""), diagnostics))
        .isEmpty();
    assertThat(db.filesOf(root, new PackageRef("dpkg", "no-such-package", ""), diagnostics))
        .isEmpty();
  }

  @Test
  void rpmJoinsDirnamesAndBasenames() {
    List<String> files = files(new RpmDatabase(), "rpm", RpmDatabaseTest.TINYD);
    assertThat(files).contains("/usr/sbin/tinyd", "/etc/tinyd.conf");
    assertThat(files(new RpmDatabase(), "rpm", RpmDatabaseTest.LEGACY)).contains("/sbin/legacyd");
  }

  @Test
  void pacmanListsTheFilesSectionAsAbsolutePaths() {
    assertThat(
            files(new PacmanDatabase(), "pacman", new PackageRef("pacman", "tinyd", "2:1.4.2-3")))
        .containsExactly(
            "/etc",
            "/etc/tinyd.conf",
            "/usr",
            "/usr/bin",
            "/usr/bin/tinyd",
            "/usr/lib",
            "/usr/lib/systemd",
            "/usr/lib/systemd/system",
            "/usr/lib/systemd/system/tinyd.service");
  }

  @Test
  void apkJoinsEachFileToTheDirectoryBeforeIt() {
    assertThat(
            files(new ApkDatabase(), "apk", new PackageRef("apk", "openssh-server", "9.6_p1-r0")))
        .containsExactly("/usr/sbin/sshd");
    assertThat(
            new ApkDatabase()
                .filesOf(
                    Host.offline(tmp.resolve("apk")),
                    new PackageRef("apk", "busybox", ""),
                    diagnostics))
        .contains("/bin/busybox", "/etc/securetty", "/usr/share/udhcpc/default.script");
  }

  @Test
  void pkgtoolsListsTheFileListWithoutWeakClaims() {
    assertThat(
            files(
                new PkgtoolsDatabase(),
                "pkgtools",
                new PackageRef("pkgtools", "inetd", "1.79s-x86_64-12")))
        .containsExactly(
            "/etc",
            "/etc/inetd.conf.new",
            "/install",
            "/install/doinst.sh",
            "/install/slack-desc",
            "/usr",
            "/usr/man",
            "/usr/man/man8",
            "/usr/man/man8/inetd.8.gz",
            "/usr/sbin",
            "/usr/sbin/inetd");
  }
}
