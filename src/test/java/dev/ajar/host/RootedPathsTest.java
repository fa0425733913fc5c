package dev.ajar.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootedPathsTest {
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("shadow"), "host secret");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/shadow"), "image shadow");
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
  }

  @Test
  void absoluteLinkIsTakenRelativeToTheRoot() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/link"), Path.of("/etc/shadow"));
    Host host = Host.offline(root);
    assertThat(host.readText("/etc/link")).isEqualTo("image shadow");
  }

  @Test
  void dotDotStopsAtTheRoot() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/up"), Path.of("../../../../outside/shadow"));
    Host host = Host.offline(root);
    assertThat(host.resolve("/etc/up")).startsWithRaw(host.root());
    assertThat(host.exists("/etc/up")).isFalse();
    assertThat(host.resolve("/../../etc/passwd")).isEqualTo(host.root().resolve("etc/passwd"));
  }

  @Test
  void linkToAnOutsideDirectoryNeverLeavesTheRoot() throws IOException {
    Files.createSymbolicLink(root.resolve("var"), outside);
    Host host = Host.offline(root);
    assertThat(host.resolve("/var/shadow")).startsWithRaw(host.root());
    assertThatThrownBy(() -> host.readText("/var/shadow")).isInstanceOf(IOException.class);
  }

  @Test
  void aLoopOfLinksEndsInAnError() throws IOException {
    Files.createSymbolicLink(root.resolve("a"), Path.of("/b"));
    Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
    Host host = Host.offline(root);
    assertThatThrownBy(() -> host.resolve("/a/x")).hasMessageContaining("too many levels");
  }

  @Test
  void readLinkGivesTheLinkTextWithoutFollowingIt() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/l"), Path.of("/nowhere"));
    assertThat(Host.offline(root).readLink("/etc/l")).isEqualTo("/nowhere");
  }

  @Test
  void aFileLargerThanTheLimitIsRefused() throws IOException {
    Files.write(root.resolve("big"), new byte[4096]);
    Host host = Host.offline(root);
    assertThatThrownBy(() -> host.read("/big", 100)).isInstanceOf(FileTooLargeException.class);
    assertThat(host.read("/big", 4096)).hasSize(4096);
  }

  @Test
  void aMissingRootIsBadInput() {
    assertThatThrownBy(() -> Host.offline(tmp.resolve("nope")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void withinConfinesToTheSubdirectory() throws IOException {
    Files.createDirectories(root.resolve("srv/c/etc"));
    Files.writeString(root.resolve("srv/c/etc/passwd"), "app:x:5:5::/:/bin/sh\n");
    Files.createSymbolicLink(root.resolve("srv/c/etc/shadow"), Path.of("../../../etc/shadow"));
    Host inner = Host.offline(root).within("/srv/c");
    assertThat(inner.readText("/etc/passwd")).startsWith("app:");
    assertThat(inner.exists("/etc/shadow")).isFalse();
  }

  @Test
  void offlineRootRunsNothing() throws IOException {
    Host host = Host.offline(root);
    assertThatThrownBy(
            () ->
                host.runner().run(java.util.List.of("/bin/true"), java.time.Duration.ofSeconds(1)))
        .hasMessageContaining("nothing is executed");
  }

  @Test
  void aFifoIsNotReadAndAMissingFileSaysSo() throws Exception {
    Path fifo = root.resolve("fifo");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    Host host = Host.offline(root);
    assertThatThrownBy(() -> host.read("/fifo", 10)).hasMessageContaining("not a regular file");
    assertThatThrownBy(() -> host.read("/missing", 10))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
