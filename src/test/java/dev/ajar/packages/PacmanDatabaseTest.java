package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Diagnostics.Diagnostic;
import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real pacman local database written by pacman 6.0.2 (packages/README.md). */
class PacmanDatabaseTest {
  @TempDir Path tmp;
  Path root;
  Diagnostics diagnostics = new Diagnostics();
  PacmanDatabase db = new PacmanDatabase();

  static final PackageRef TINYD = new PackageRef("pacman", "tinyd", "2:1.4.2-3");
  static final PackageRef TINYCTL = new PackageRef("pacman", "tinyctl", "0.9-1");

  @BeforeEach
  void copyFixture() {
    root = Fixtures.copy("pacman", tmp.resolve("root"));
  }

  Optional<PackageRef> owner(String path) {
    return db.ownerOf(Host.offline(root), path, diagnostics);
  }

  Path local() {
    return root.resolve("var/lib/pacman/local");
  }

  @Test
  void findsOwnersWithEpochInTheVersion() {
    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/bin/tinyd")).contains(TINYD);
    assertThat(owner("/etc/tinyd.conf")).contains(TINYD);
    assertThat(owner("/usr/lib/systemd/system/tinyd.service")).contains(TINYD);
    assertThat(owner("/usr/bin/tinyctl")).contains(TINYCTL);
    assertThat(owner("/usr/bin/")).isPresent(); // a directory: listed by both, first kept
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void aPathOfNoPackageHasNoOwner() {
    assertThat(owner("/usr/bin/sshd")).isEmpty();
    assertThat(owner("/var/lib/pacman/local/tinyctl-0.9-1/desc")).isEmpty();
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void archsMergedSbinFindsAProgramUnderEitherName() throws Exception {
    // Arch: /usr/sbin → bin, /bin → usr/bin, /sbin → usr/bin
    Files.createDirectories(root.resolve("usr/bin"));
    Fixtures.link(root.resolve("usr/sbin"), Path.of("bin"));
    Fixtures.link(root.resolve("bin"), Path.of("usr/bin"));
    Fixtures.link(root.resolve("sbin"), Path.of("usr/bin"));
    assertThat(owner("/usr/sbin/tinyd")).contains(TINYD);
    assertThat(owner("/sbin/tinyctl")).contains(TINYCTL);
  }

  @Test
  void theDbPathOfPacmanConfIsUsed() throws Exception {
    Path elsewhere = Files.createDirectories(root.resolve("srv/pacman"));
    Files.move(local(), elsewhere.resolve("local"));
    assertThat(new PacmanDatabase().isPresent(Host.offline(root))).isFalse();
    Fixtures.write(
        root.resolve("etc/pacman.conf"),
        "# comment\n"
            + "[options]\n"
            + "RootDir     = /\n"
            + "DBPath      = /srv/pacman/\n"
            + "[core]\n"
            + "DBPath = /x/\n");
    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/bin/tinyd")).contains(TINYD);
  }

  @Test
  void aDescWithoutNameOrVersionIsReported() {
    Path desc = local().resolve("tinyctl-0.9-1/desc");
    Fixtures.write(desc, Fixtures.read(desc).replace("%VERSION%\n0.9-1\n", ""));
    assertThat(owner("/usr/bin/tinyctl")).isEmpty();
    assertThat(owner("/usr/bin/tinyd")).contains(TINYD);
    assertThat(diagnostics.all())
        .extracting(Diagnostic::kind, Diagnostic::subject)
        .containsExactly(tuple(Kind.MALFORMED, "/var/lib/pacman/local/tinyctl-0.9-1/desc"));
  }

  @Test
  void aMissingDescIsUnreadableAndAMissingFilesListIsNoFiles() throws Exception {
    Files.delete(local().resolve("tinyctl-0.9-1/desc"));
    Files.delete(local().resolve("tinyd-2:1.4.2-3/files"));
    assertThat(owner("/usr/bin/tinyctl")).isEmpty();
    assertThat(owner("/usr/bin/tinyd")).isEmpty();
    assertThat(diagnostics.all())
        .containsExactly(
            new Diagnostic(
                Kind.UNREADABLE, "/var/lib/pacman/local/tinyctl-0.9-1/desc", "no such file", 1));
  }

  @Test
  void absolutePathsInFilesAreReportedAndSkipped() {
    Path files = local().resolve("tinyctl-0.9-1/files");
    Fixtures.write(files, "%FILES%\n/etc/shadow\nusr/bin/tinyctl\n");
    assertThat(owner("/etc/shadow")).isEmpty();
    assertThat(owner("/usr/bin/tinyctl")).contains(TINYCTL);
    assertThat(diagnostics.all()).extracting(Diagnostic::kind).containsExactly(Kind.MALFORMED);
  }

  @Test
  void aPackageDirectoryLinkedOutOfTheRootIsNotFollowed() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside/evil-1-1"));
    Fixtures.write(outside.resolve("desc"), "%NAME%\nevil\n\n%VERSION%\n1-1\n\n");
    Fixtures.write(outside.resolve("files"), "%FILES%\nusr/bin/evild\n\n");
    Fixtures.link(local().resolve("evil-1-1"), outside.toAbsolutePath());
    assertThat(owner("/usr/bin/evild")).isEmpty();
    assertThat(owner("/usr/bin/tinyd")).contains(TINYD);
  }

  @Test
  void sectionsParseLikePacman() {
    var sections =
        PacmanDatabase.sections(
            "%NAME%\nfoo\n\n%DEPENDS%\na\nb\n\n%lower%\nx\n%\n%%\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(sections).containsEntry("NAME", java.util.List.of("foo"));
    assertThat(sections).containsEntry("DEPENDS", java.util.List.of("a", "b"));
    assertThat(sections).doesNotContainKey("lower");
  }
}
