package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageDatabasesTest {
  @TempDir Path tmp;

  @Test
  void allHasOneDatabasePerManagerInOrder() {
    assertThat(PackageDatabases.all())
        .extracting(PackageDatabase::manager)
        .containsExactly("dpkg", "rpm", "pacman", "apk", "pkgtools");
    assertThat(PackageDatabases.all().getFirst()).isNotSameAs(PackageDatabases.all().getFirst());
  }

  @Test
  void aRootWithTwoDatabasesIsAskedOfBoth() {
    Path root = Fixtures.copy("dpkg", tmp.resolve("root"));
    Fixtures.copy("rpm", root);
    Fixtures.mergeUsr(root);
    Host host = Host.offline(root);
    Diagnostics diagnostics = new Diagnostics();
    assertThat(
            PackageDatabases.ownerOf(PackageDatabases.all(), host, "/usr/sbin/sshd", diagnostics))
        .contains(new PackageRef("dpkg", "openssh-server", "1:9.2p1-2+deb12u10"));
    assertThat(
            PackageDatabases.ownerOf(
                PackageDatabases.all(), host, "/usr/sbin/rpcbind", diagnostics))
        .contains(new PackageRef("dpkg", "rpcbind", "1.2.6-6+b1"));
    assertThat(
            PackageDatabases.ownerOf(PackageDatabases.all(), host, "/usr/sbin/tinyd", diagnostics))
        .contains(new PackageRef("rpm", "tinyd", "2:1.4.2-3.ajar"));
    assertThat(
            PackageDatabases.ownerOf(
                PackageDatabases.all(), host, "/usr/sbin/legacyd", diagnostics))
        .contains(new PackageRef("rpm", "tinyd-legacy", "2:1.4.2-3.ajar"));
    assertThat(
            PackageDatabases.ownerOf(
                PackageDatabases.all(), host, "/usr/sbin/nothing", diagnostics))
        .isEmpty();
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void everyFixtureIsFoundThroughTheSharedDatabases() {
    record Case(String manager, String path, String name) {}
    for (Case c :
        List.of(
            new Case("dpkg", "/usr/sbin/sshd", "openssh-server"),
            new Case("rpm", "/usr/sbin/tinyd", "tinyd"),
            new Case("pacman", "/usr/bin/tinyd", "tinyd"),
            new Case("apk", "/usr/sbin/sshd", "openssh-server"),
            new Case("pkgtools", "/usr/sbin/sshd", "openssh"))) {
      Host host = Host.offline(Fixtures.copy(c.manager(), tmp.resolve(c.manager())));
      Diagnostics diagnostics = new Diagnostics();
      assertThat(PackageDatabases.ownerOf(PackageDatabases.all(), host, c.path(), diagnostics))
          .as(c.manager())
          .hasValueSatisfying(
              ref -> {
                assertThat(ref.manager()).isEqualTo(c.manager());
                assertThat(ref.name()).isEqualTo(c.name());
              });
      assertThat(diagnostics.all()).as(c.manager()).isEmpty();
      assertThat(PackageDatabases.all())
          .filteredOn(db -> db.isPresent(host))
          .extracting(PackageDatabase::manager)
          .containsExactly(c.manager());
    }
  }

  @Test
  void aRootWithoutAnyDatabaseOwnsNothingAndSaysNothing() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("empty/usr/sbin"));
    Diagnostics diagnostics = new Diagnostics();
    Host host = Host.offline(tmp.resolve("empty"));
    assertThat(
            PackageDatabases.ownerOf(PackageDatabases.all(), host, "/usr/sbin/sshd", diagnostics))
        .isEmpty();
    for (PackageDatabase db : PackageDatabases.all()) {
      assertThat(db.isPresent(host)).as(db.manager()).isFalse();
    }
    assertThat(diagnostics.all()).isEmpty();
    assertThat(root).exists();
  }
}
