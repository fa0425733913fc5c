package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathsTest {
  @TempDir Path tmp;

  @Test
  void normalizeMakesDatabasePathsComparable() {
    assertThat(PackagePaths.normalize("/.")).isEqualTo("/");
    assertThat(PackagePaths.normalize("./")).isEqualTo("/");
    assertThat(PackagePaths.normalize("")).isEqualTo("/");
    assertThat(PackagePaths.normalize("usr/bin/")).isEqualTo("/usr/bin");
    assertThat(PackagePaths.normalize("/usr//sbin/./sshd")).isEqualTo("/usr/sbin/sshd");
    assertThat(PackagePaths.normalize("/usr/sbin/sshd")).isEqualTo("/usr/sbin/sshd");
    assertThat(PackagePaths.normalize("/a/../b")).isEqualTo("/a/../b");
  }

  @Property
  void normalizeIsIdempotentAndAbsolute(@ForAll String path) {
    String once = PackagePaths.normalize(path);
    assertThat(once).startsWith("/");
    assertThat(PackagePaths.normalize(once)).isEqualTo(once);
  }

  @Test
  void aliasesFollowTheRootsOwnLinks() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createDirectories(root.resolve("sbin")); // a real directory: not an alias
    Fixtures.link(root.resolve("bin"), Path.of("usr/bin"));
    Fixtures.link(root.resolve("lib"), Path.of("/usr/lib")); // absolute: inside the root
    Fixtures.link(root.resolve("usr/sbin"), Path.of("bin"));
    PathAliases aliases = PathAliases.of(Host.offline(root));
    assertThat(aliases.candidates("/usr/bin/sshd"))
        .containsExactly("/usr/bin/sshd", "/bin/sshd", "/usr/sbin/sshd");
    assertThat(aliases.candidates("/usr/lib/x/libc.so"))
        .containsExactly("/usr/lib/x/libc.so", "/lib/x/libc.so");
    assertThat(aliases.candidates("/sbin/init")).containsExactly("/sbin/init");
    assertThat(aliases.candidates("/usr/bin")).containsExactly("/usr/bin");
    assertThat(aliases.candidates("/usr/binary/x")).containsExactly("/usr/binary/x");
    Files.delete(root.resolve("lib")); // its absolute target means the host's /usr/lib to JUnit
  }

  @Test
  void aLinkOutOfTheRootMakesNoAlias() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("usr/bin"));
    Fixtures.link(root.resolve("bin"), tmp.resolve("root/usr/bin").toAbsolutePath());
    // An absolute host path is taken inside the root, where it does not exist.
    assertThat(PathAliases.of(Host.offline(root)).candidates("/usr/bin/x"))
        .containsExactly("/usr/bin/x");
  }
}
