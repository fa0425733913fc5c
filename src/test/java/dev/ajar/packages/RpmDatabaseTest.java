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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real rpmdb.sqlite written by rpm 4.18 (src/test/resources/packages/README.md). */
class RpmDatabaseTest {
  @TempDir Path tmp;
  Path root;
  Diagnostics diagnostics = new Diagnostics();
  RpmDatabase db = new RpmDatabase();

  static final PackageRef TINYD = new PackageRef("rpm", "tinyd", "2:1.4.2-3.ajar");
  static final PackageRef LEGACY = new PackageRef("rpm", "tinyd-legacy", "2:1.4.2-3.ajar");
  static final PackageRef TINYCTL = new PackageRef("rpm", "tinyctl", "0.9-1");

  @BeforeEach
  void copyFixture() {
    root = Fixtures.copy("rpm", tmp.resolve("root"));
  }

  Optional<PackageRef> owner(String path) {
    return db.ownerOf(Host.offline(root), path, diagnostics);
  }

  Path sqlite() {
    return root.resolve("var/lib/rpm/rpmdb.sqlite");
  }

  @Test
  void findsOwnersWithEpochVersionAndRelease() {
    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/sbin/tinyd")).contains(TINYD);
    assertThat(owner("/etc/tinyd.conf")).contains(TINYD);
    assertThat(owner("/usr/lib/systemd/system/tinyd.service")).contains(TINYD);
    assertThat(owner("/usr/share/doc/tinyd")).contains(TINYD); // %dir
    assertThat(owner("/usr/bin/tinyctl")).contains(TINYCTL); // no Epoch tag
    assertThat(owner("/sbin/legacyd")).contains(LEGACY);
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void aPathOfNoPackageHasNoOwner() {
    assertThat(owner("/usr/sbin/sshd")).isEmpty();
    assertThat(owner("/usr/sbin")).isEmpty(); // directories not owned by a package
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void mergedUsrAliasesApplyOnlyToAMergedRoot() {
    assertThat(owner("/usr/sbin/legacyd")).isEmpty();
    RpmDatabase merged = new RpmDatabase();
    Fixtures.mergeUsr(root);
    assertThat(merged.ownerOf(Host.offline(root), "/usr/sbin/legacyd", diagnostics))
        .contains(LEGACY);
    assertThat(merged.ownerOf(Host.offline(root), "/sbin/tinyd", diagnostics)).contains(TINYD);
  }

  @Test
  void readsTheSysimageLocationOnceWhenVarLibRpmLinksThere() throws Exception {
    Path sysimage = root.resolve("usr/lib/sysimage/rpm");
    Files.createDirectories(sysimage);
    Files.move(root.resolve("var/lib/rpm/rpmdb.sqlite"), sysimage.resolve("rpmdb.sqlite"));
    Files.delete(root.resolve("var/lib/rpm"));
    Fixtures.link(root.resolve("var/lib/rpm"), Path.of("../../usr/lib/sysimage/rpm"));
    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/sbin/tinyd")).contains(TINYD);
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void berkeleyDbAndNdbAreSkippedWithADiagnostic() throws Exception {
    Files.delete(sqlite());
    Fixtures.write(root.resolve("var/lib/rpm/Packages"), new byte[] {0, 0, 0, 0, 1, 2, 3});
    Path ndbRoot = Files.createDirectories(tmp.resolve("ndb/var/lib/rpm"));
    Fixtures.write(ndbRoot.resolve("Packages.db"), "RpmP junk");

    assertThat(db.isPresent(Host.offline(root))).isTrue();
    assertThat(owner("/usr/sbin/tinyd")).isEmpty();
    Diagnostics ndb = new Diagnostics();
    assertThat(new RpmDatabase().ownerOf(Host.offline(tmp.resolve("ndb")), "/usr/sbin/tinyd", ndb))
        .isEmpty();

    assertThat(diagnostics.all())
        .extracting(Diagnostic::kind, Diagnostic::subject)
        .containsExactly(tuple(Kind.SKIPPED, "/var/lib/rpm/Packages"));
    assertThat(diagnostics.all().getFirst().message()).contains("Berkeley DB");
    assertThat(ndb.all())
        .extracting(Diagnostic::kind, Diagnostic::subject)
        .containsExactly(tuple(Kind.SKIPPED, "/var/lib/rpm/Packages.db"));
    assertThat(ndb.all().getFirst().message()).contains("ndb");
  }

  @Test
  void aFileThatIsNotSqliteIsMalformed() {
    Fixtures.write(sqlite(), "this is not a database, just text\n".repeat(200));
    assertThat(owner("/usr/sbin/tinyd")).isEmpty();
    assertThat(diagnostics.all())
        .extracting(Diagnostic::kind, Diagnostic::subject)
        .containsExactly(tuple(Kind.MALFORMED, "/var/lib/rpm/rpmdb.sqlite"));
  }

  @Test
  void aSqliteFileWithoutThePackagesTableIsMalformed() throws Exception {
    Files.delete(sqlite());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE Other(x)");
    }
    assertThat(owner("/usr/sbin/tinyd")).isEmpty();
    assertThat(diagnostics.all()).extracting(Diagnostic::kind).containsExactly(Kind.MALFORMED);
    assertThat(diagnostics.all().getFirst().message()).contains("not an rpm sqlite database");
  }

  @Test
  void brokenHeadersAreReportedAndTheOthersUsed() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite());
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO Packages(hnum, blob) VALUES (?, ?)")) {
      insert.setInt(1, 1000);
      insert.setBytes(2, new byte[] {0, 0, 0, 1, 0, 0, 0, 100, 1, 2, 3});
      insert.executeUpdate();
      insert.setInt(1, 1001);
      insert.setBytes(2, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      insert.executeUpdate();
      insert.setInt(1, 1002);
      insert.setBytes(2, new byte[0]);
      insert.executeUpdate();
    }
    assertThat(owner("/usr/sbin/tinyd")).contains(TINYD);
    assertThat(diagnostics.all())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Kind.MALFORMED);
              assertThat(d.subject()).isEqualTo("/var/lib/rpm/rpmdb.sqlite");
              assertThat(d.message()).startsWith("3 package headers not understood, skipped");
            });
  }

  @Test
  void aDatabaseLinkedOutOfTheRootIsNotFollowed() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.move(sqlite(), outside.resolve("rpmdb.sqlite"));
    Fixtures.link(sqlite(), outside.resolve("rpmdb.sqlite").toAbsolutePath());
    assertThat(db.isPresent(Host.offline(root))).isFalse();
    assertThat(owner("/usr/sbin/tinyd")).isEmpty();
    assertThat(
            PackageDatabases.ownerOf(
                PackageDatabases.all(), Host.offline(root), "/usr/sbin/tinyd", diagnostics))
        .isEmpty();
  }

  @Test
  void aPathWithCharactersSpecialToUrisStillOpens() throws Exception {
    Path odd = Files.createDirectories(tmp.resolve("a dir?with#odd%chars&é"));
    Path oddRoot = Fixtures.copy("rpm", odd.resolve("root"));
    assertThat(new RpmDatabase().ownerOf(Host.offline(oddRoot), "/usr/sbin/tinyd", diagnostics))
        .contains(TINYD);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(RpmDatabase.sqliteUri(Path.of("/a b/c?d#e%f")))
        .isEqualTo("file:/a%20b/c%3fd%23e%25f");
  }

  @Test
  void theDatabaseIsNotModifiedByReading() throws Exception {
    byte[] before = Files.readAllBytes(sqlite());
    owner("/usr/sbin/tinyd");
    assertThat(Files.readAllBytes(sqlite())).isEqualTo(before);
    try (var files = Files.list(sqlite().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("rpmdb.sqlite");
    }
  }
}
