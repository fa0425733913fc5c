package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a root holds in place of a database, asking about it never throws. */
class HostileDatabasesTest {
  @TempDir Path tmp;

  /** Where each manager keeps the file that the property fills with junk. */
  static final List<String> DATABASE_FILES =
      List.of(
          "var/lib/dpkg/status",
          "var/lib/dpkg/diversions",
          "var/lib/dpkg/info/openssh-server.list",
          "var/lib/pacman/local/tinyd-2:1.4.2-3/desc",
          "var/lib/pacman/local/tinyd-2:1.4.2-3/files",
          "etc/pacman.conf",
          "lib/apk/db/installed",
          "var/lib/pkgtools/packages/openssh-9.3p2-x86_64-1_slack15.0",
          "var/lib/rpm/rpmdb.sqlite");

  @Property(tries = 60)
  void junkInAnyDatabaseFileNeverThrows(@ForAll("files") String file, @ForAll("junk") byte[] junk)
      throws IOException {
    Path root = Files.createTempDirectory("ajar-hostile");
    try {
      for (String manager : List.of("dpkg", "rpm", "pacman", "apk", "pkgtools")) {
        Fixtures.copy(manager, root);
      }
      Fixtures.write(root.resolve(file), junk);
      Host host = Host.offline(root);
      Diagnostics diagnostics = new Diagnostics();
      for (PackageDatabase db : PackageDatabases.all()) {
        for (String path : List.of("/usr/sbin/sshd", "/usr/bin/tinyd", "/", "/x\u0000y")) {
          db.ownerOf(host, path, diagnostics)
              .ifPresent(
                  ref -> {
                    assertThat(ref.manager()).isEqualTo(db.manager());
                    assertThat(ref.name()).isNotNull();
                    assertThat(ref.version()).isNotNull();
                  });
        }
      }
      assertThat(diagnostics.all()).allMatch(d -> d.count() >= 1);
    } finally {
      Fixtures.deleteTree(root);
    }
  }

  @Provide
  Arbitrary<String> files() {
    return Arbitraries.of(DATABASE_FILES);
  }

  @Provide
  Arbitrary<byte[]> junk() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    Arbitrary<byte[]> lines =
        Arbitraries.of(
                "Package: x\n",
                "Status: install ok installed\n",
                "\n",
                ":\n",
                "P:x\n",
                "V:1\n",
                "F:\n",
                "R:a\n",
                "%NAME%\n",
                "%VERSION%\n",
                "%FILES%\n",
                "FILE LIST:\n",
                "/\n",
                "./\n",
                "PACKAGE NAME: x-1-x-1\n",
                "\u0000",
                "\r\n",
                "[options]\n",
                "DBPath = relative\n",
                "DBPath = /\n",
                " continuation\n")
            .list()
            .ofMaxSize(40)
            .map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(bytes, lines);
  }

  @Test
  void everyDatabaseFileIsADirectoryInstead() throws IOException {
    for (String file : DATABASE_FILES) {
      Path root = Files.createDirectories(tmp.resolve(file.replace('/', '_')));
      for (String manager : List.of("dpkg", "rpm", "pacman", "apk", "pkgtools")) {
        Fixtures.copy(manager, root);
      }
      Files.deleteIfExists(root.resolve(file));
      Files.createDirectories(root.resolve(file));
      Host host = Host.offline(root);
      Diagnostics diagnostics = new Diagnostics();
      for (PackageDatabase db : PackageDatabases.all()) {
        db.ownerOf(host, "/usr/sbin/sshd", diagnostics);
      }
      assertThat(diagnostics.all()).as(file).isNotEmpty();
    }
  }

  @Test
  void aLoopOfLinksInPlaceOfTheDatabaseDirectoriesIsReported() {
    Path root = tmp.resolve("loops");
    for (String dir :
        List.of(
            "var/lib/dpkg",
            "var/lib/rpm",
            "var/lib/pacman",
            "lib/apk/db",
            "var/lib/pkgtools/packages")) {
      Fixtures.link(root.resolve(dir), Path.of("/" + dir));
    }
    Host host = Host.offline(root);
    Diagnostics diagnostics = new Diagnostics();
    for (PackageDatabase db : PackageDatabases.all()) {
      assertThat(db.isPresent(host)).isFalse();
      assertThat(db.ownerOf(host, "/usr/sbin/sshd", diagnostics)).isEmpty();
    }
    Fixtures.deleteTree(root); // links whose host reading leaves the temporary directory
  }

  @Test
  void aTinyBudgetStopsReadingAndSaysSo() {
    Path root = Fixtures.copy("dpkg", tmp.resolve("budget"));
    ParseLog log = new ParseLog();
    RootReader reader = new RootReader(Host.offline(root), log, 1000);
    assertThat(reader.read("/var/lib/dpkg/status", 1 << 20)).isNull();
    assertThat(reader.read("/var/lib/dpkg/info/dash.list", 10)).isNull();
    assertThat(reader.read("/var/lib/dpkg/info/dash.list", 1 << 20)).isNotNull();
    Diagnostics diagnostics = new Diagnostics();
    log.reportTo(diagnostics);
    assertThat(diagnostics.all())
        .extracting(d -> d.kind() + " " + d.subject() + ": " + d.message())
        .containsExactly(
            "SKIPPED /var/lib/dpkg/status: the database's files add up to more than 1000 bytes:"
                + " this and later files not read",
            "SKIPPED /var/lib/dpkg/info/dash.list: larger than 10 bytes, not read");
  }
}
