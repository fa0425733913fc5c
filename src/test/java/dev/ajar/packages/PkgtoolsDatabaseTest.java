package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Diagnostics.Diagnostic;
import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import dev.ajar.packages.PkgtoolsDatabase.SlackName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a reconstructed Slackware 15.0 pkgtools database (packages/README.md). */
class PkgtoolsDatabaseTest {
  @TempDir Path tmp;
  Path root;
  Diagnostics diagnostics = new Diagnostics();
  PkgtoolsDatabase db = new PkgtoolsDatabase();

  static final PackageRef OPENSSH =
      new PackageRef("pkgtools", "openssh", "9.3p2-x86_64-1_slack15.0");
  static final PackageRef RPCBIND = new PackageRef("pkgtools", "rpcbind", "1.2.6-x86_64-1");
  static final PackageRef INETD = new PackageRef("pkgtools", "inetd", "1.79s-x86_64-12");

  @BeforeEach
  void copyFixture() {
    root = Fixtures.copy("pkgtools", tmp.resolve("root"));
  }

  Optional<PackageRef> owner(String path) {
    return db.ownerOf(Host.offline(root), path, diagnostics);
  }

  Path packages() {
    return root.resolve("var/lib/pkgtools/packages");
  }

  @Test
  void findsOwnersAndSplitsNameFromVersion() {
    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/sbin/sshd")).contains(OPENSSH);
    assertThat(owner("/sbin/rpcbind")).contains(RPCBIND);
    assertThat(owner("/usr/sbin/inetd")).contains(INETD);
    assertThat(owner("/sbin/netconfig"))
        .contains(new PackageRef("pkgtools", "network-scripts", "15.0-noarch-19"));
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void aNewConfigFileIsOwnedUnderItsFinalName() {
    assertThat(owner("/etc/inetd.conf.new")).contains(INETD);
    assertThat(owner("/etc/inetd.conf")).contains(INETD);
    assertThat(owner("/etc/rc.d/rc.sshd")).contains(OPENSSH);
  }

  @Test
  void aPathOfNoPackageHasNoOwner() {
    assertThat(owner("/usr/sbin/httpd")).isEmpty();
    assertThat(owner("/usr/sbin/rpcbind")).isEmpty(); // Slackware is not merged-/usr
  }

  @Test
  void theOldLocationIsReadAndALinkBetweenThemReadOnce() throws Exception {
    Fixtures.link(root.resolve("var/log/packages"), Path.of("../lib/pkgtools/packages"));
    assertThat(owner("/usr/sbin/sshd")).contains(OPENSSH);
    assertThat(diagnostics.all()).isEmpty();

    Path old = tmp.resolve("old");
    Files.createDirectories(old.resolve("var/log"));
    Files.move(packages(), old.resolve("var/log/packages"));
    PkgtoolsDatabase oldDb = new PkgtoolsDatabase();
    assertThat(oldDb.isPresent(Host.offline(old))).isTrue();
    assertThat(oldDb.ownerOf(Host.offline(old), "/sbin/rpcbind", diagnostics)).contains(RPCBIND);
  }

  @Test
  void malformedPackageFilesAreReported() {
    Fixtures.write(packages().resolve("junk"), "PACKAGE NAME:     junk\nFILE LIST:\nusr/bin/x\n");
    Fixtures.write(
        packages().resolve("nolist-1.0-x86_64-1"), "PACKAGE NAME:     nolist-1.0-x86_64-1\n");
    Fixtures.write(
        packages().resolve("abs-1.0-x86_64-1"), "FILE LIST:\n./\n/etc/shadow\nusr/bin/abs\n");
    assertThat(owner("/usr/bin/x")).isEmpty();
    assertThat(owner("/etc/shadow")).isEmpty();
    assertThat(owner("/usr/bin/abs")).contains(new PackageRef("pkgtools", "abs", "1.0-x86_64-1"));
    assertThat(owner("/usr/sbin/sshd")).contains(OPENSSH);
    assertThat(diagnostics.all())
        .extracting(Diagnostic::kind, Diagnostic::subject)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Kind.MALFORMED, "/var/lib/pkgtools/packages/abs-1.0-x86_64-1"),
            org.assertj.core.groups.Tuple.tuple(Kind.MALFORMED, "/var/lib/pkgtools/packages/junk"),
            org.assertj.core.groups.Tuple.tuple(
                Kind.MALFORMED, "/var/lib/pkgtools/packages/nolist-1.0-x86_64-1"));
  }

  @Test
  void aPackageFileLinkedOutOfTheRootIsNotFollowed() {
    Path outside = tmp.resolve("evil-1.0-x86_64-1");
    Fixtures.write(outside, "FILE LIST:\nusr/sbin/evild\n");
    Fixtures.link(packages().resolve("evil-1.0-x86_64-1"), outside.toAbsolutePath());
    assertThat(owner("/usr/sbin/evild")).isEmpty();
    assertThat(diagnostics.all())
        .containsExactly(
            new Diagnostic(
                Kind.UNREADABLE,
                "/var/lib/pkgtools/packages/evil-1.0-x86_64-1",
                "no such file",
                1));
  }

  @Test
  void namesSplitAsPkgtoolsDoes() {
    assertThat(SlackName.split("openssh-9.3p2-x86_64-1_slack15.0"))
        .isEqualTo(new SlackName("openssh", "9.3p2-x86_64-1_slack15.0"));
    assertThat(SlackName.split("gcc-g++-11.2.0-x86_64-2"))
        .isEqualTo(new SlackName("gcc-g++", "11.2.0-x86_64-2"));
    assertThat(SlackName.split("a-1-noarch-1")).isEqualTo(new SlackName("a", "1-noarch-1"));
    assertThat(SlackName.split("broken-1.0")).isNull();
    assertThat(SlackName.split("-1.0-x86_64-1")).isNull();
    assertThat(SlackName.split("x--x86_64-1")).isNull();
    assertThat(SlackName.split("x-1--1")).isNull();
    assertThat(SlackName.split("x-1-x86_64-")).isNull();
    assertThat(SlackName.split("")).isNull();
    assertThat(SlackName.split(null)).isNull();
  }
}
