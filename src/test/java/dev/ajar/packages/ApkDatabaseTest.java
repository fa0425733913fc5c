package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

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

/** On a reconstructed Alpine 3.19 installed database (packages/README.md). */
class ApkDatabaseTest {
  @TempDir Path tmp;
  Path root;
  Diagnostics diagnostics = new Diagnostics();
  ApkDatabase db = new ApkDatabase();

  static final String INSTALLED = "/lib/apk/db/installed";

  @BeforeEach
  void copyFixture() {
    root = Fixtures.copy("apk", tmp.resolve("root"));
  }

  Optional<PackageRef> owner(String path) {
    return db.ownerOf(Host.offline(root), path, diagnostics);
  }

  static PackageRef apk(String name, String version) {
    return new PackageRef("apk", name, version);
  }

  Path installed() {
    return root.resolve("lib/apk/db/installed");
  }

  @Test
  void findsOwnersOfFilesInTheirDirectories() {
    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/sbin/sshd")).contains(apk("openssh-server", "9.6_p1-r0"));
    assertThat(owner("/usr/sbin/dropbear")).contains(apk("dropbear", "2022.83-r4"));
    assertThat(owner("/etc/init.d/dropbear")).contains(apk("dropbear", "2022.83-r4"));
    assertThat(owner("/bin/busybox")).contains(apk("busybox", "1.36.1-r15"));
    assertThat(owner("/bin/sh")).contains(apk("busybox-binsh", "1.36.1-r15"));
    assertThat(owner("/lib/ld-musl-x86_64.so.1")).contains(apk("musl", "1.2.4_git20230717-r4"));
    assertThat(owner("/usr/share/udhcpc/default.script")).contains(apk("busybox", "1.36.1-r15"));
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void aPathOfNoPackageHasNoOwnerNorDoesADirectory() {
    assertThat(owner("/usr/sbin/nginx")).isEmpty();
    assertThat(owner("/etc/network")).isEmpty(); // an F: line alone owns no file
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void theUsrLibLocationIsReadWhenLibApkIsAbsent() throws Exception {
    Path usrLib = Files.createDirectories(root.resolve("usr/lib/apk/db"));
    Files.move(installed(), usrLib.resolve("installed"));
    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/sbin/sshd")).contains(apk("openssh-server", "9.6_p1-r0"));
  }

  @Test
  void brokenLinesAndStanzasAreReportedAndTheRestUsed() {
    Fixtures.write(
        installed(),
        "P:nofiles-no-version\nF:usr/bin\nR:orphan\n\n"
            + "R:before-any-dir\nP:early\nV:1\nthis is no field\n\u0000\u0001\n\n"
            + Fixtures.read(installed()));
    assertThat(owner("/usr/sbin/sshd")).contains(apk("openssh-server", "9.6_p1-r0"));
    assertThat(owner("/usr/bin/orphan")).isEmpty();
    assertThat(diagnostics.all())
        .extracting(Diagnostic::kind, Diagnostic::subject, Diagnostic::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Kind.MALFORMED, INSTALLED, "2 lines are not 'X:value', skipped"),
            org.assertj.core.groups.Tuple.tuple(
                Kind.MALFORMED, INSTALLED, "1 R: lines without a directory (F:) before, skipped"),
            org.assertj.core.groups.Tuple.tuple(
                Kind.MALFORMED, INSTALLED, "1 stanzas without P: or V:, skipped"));
  }

  @Test
  void aFileNameWithASlashIsNotTakenAsAPath() {
    Fixtures.write(installed(), "P:evil\nV:1\nF:usr/bin\nR:../../etc/shadow\n\n");
    assertThat(owner("/etc/shadow")).isEmpty();
    assertThat(owner("/usr/bin/../../etc/shadow")).isEmpty();
    assertThat(diagnostics.all()).extracting(Diagnostic::kind).containsExactly(Kind.MALFORMED);
  }

  @Test
  void aDatabaseLinkedOutOfTheRootIsNotFollowed() throws Exception {
    Path outside = tmp.resolve("outside-installed");
    Files.move(installed(), outside);
    Fixtures.link(installed(), outside.toAbsolutePath());
    assertThat(db.isPresent(Host.offline(root))).isFalse();
    assertThat(owner("/usr/sbin/sshd")).isEmpty();
  }
}
