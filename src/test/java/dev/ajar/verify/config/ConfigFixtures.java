package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** The Debian default trees of src/test/resources/daemon-config (README-set-b.md there). */
final class ConfigFixtures {
  static final Path BASE = Path.of("src/test/resources/daemon-config");

  private ConfigFixtures() {}

  /**
   * The Debian default root of one fixture, opened where it lies: Maven's copy on the class path
   * drops symbolic links.
   */
  static Host debian(String fixture) {
    return Host.offline(BASE.resolve(fixture).resolve("debian"));
  }

  /** A copy of the Debian default root into {@code dir}, links kept as links. */
  static Path copy(String fixture, Path dir) {
    Path from = BASE.resolve(fixture).resolve("debian");
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createDirectories(to.getParent());
          Files.createSymbolicLink(to, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /**
   * Writes a file of a test root, never through a link: a link there (an absolute one points at the
   * machine running the tests) is replaced, and a parent outside the root is refused.
   */
  static void write(Path root, String path, String text) {
    try {
      Path p = inside(root, path);
      Files.deleteIfExists(p); // removes a link itself, not its target
      Files.write(
          p,
          text.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of a test root's file, its directories created, refused if they lead out. */
  private static Path inside(Path root, String path) throws IOException {
    Path p = root.resolve(path.substring(1)).normalize();
    Files.createDirectories(p.getParent());
    if (!p.getParent().toRealPath().startsWith(root.toRealPath())) {
      throw new AssertionError(path + " leads out of the test root " + root);
    }
    return p;
  }

  /** Reads a file of a test root as the reader would, confined to it. */
  static String read(Path root, String path) {
    try {
      return Host.offline(root).readText(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based line of a file of a test root that is exactly {@code text}. */
  static int lineOf(Path root, String path, String text) {
    String[] lines = read(root, path).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].equals(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + path);
  }

  /** Replaces one exact text of a file of the copy; fails when it is not there. */
  static void edit(Path root, String path, String from, String to) {
    String text = read(root, path);
    if (!text.contains(from)) {
      throw new AssertionError(path + " does not contain " + from);
    }
    write(root, path, text.replace(from, to));
  }

  static void link(Path root, String path, String target) {
    try {
      Path p = inside(root, path);
      Files.deleteIfExists(p);
      Files.createSymbolicLink(p, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the root boot with systemd (Debian's systemd-sysv link), or with SysV init. */
  static void bootWithSystemd(Path root, boolean systemd) {
    if (systemd) {
      link(root, "/sbin/init", "/lib/systemd/systemd");
    } else {
      write(root, "/sbin/init", "sysvinit's init\n");
    }
  }

  static ConfiguredListen tcp(int port, String address, String file, int line) {
    return new ConfiguredListen(Protocol.TCP, port, address, file, line);
  }

  static ConfiguredListen udp(int port, String address, String file, int line) {
    return new ConfiguredListen(Protocol.UDP, port, address, file, line);
  }

  /** The listens, failing the test when the reader found no configuration. */
  static List<ConfiguredListen> listens(
      DaemonConfigReader reader, Host root, Diagnostics diagnostics) {
    return reader
        .listens(root, diagnostics)
        .orElseThrow(
            () -> new AssertionError(reader.name() + ": no configuration found in " + root));
  }

  static List<ConfiguredListen> listens(
      DaemonConfigReader reader, Path root, Diagnostics diagnostics) {
    return listens(reader, Host.offline(root), diagnostics);
  }

  /** The subjects of the diagnostics of one kind. */
  static List<String> subjects(Diagnostics diagnostics, Diagnostics.Kind kind) {
    return diagnostics.all().stream()
        .filter(d -> d.kind() == kind)
        .map(Diagnostics.Diagnostic::subject)
        .toList();
  }

  /** A copy of the Debian default root into {@code dir} (the readers of set A call it so). */
  static Path copyOfDebian(String fixture, Path dir) {
    return copy(fixture, dir);
  }

  /** Appends lines to a file of the root. */
  static void append(Path root, String path, String text) {
    write(root, path, read(root, path) + text);
  }

  /** A file past the size limit of configuration files, made of harmless comment lines. */
  static void writeHuge(Path root, String path) {
    String line = "# " + "x".repeat(1021) + "\n";
    write(root, path, line.repeat((int) (ConfigFiles.MAX_CONFIG_BYTES / line.length()) + 2));
  }

  /**
   * Replaces a file of the root by an absolute symlink to a file outside the root that says {@code
   * text}: the reader must read the root's own path (missing), never the outside file.
   */
  static void linkOutside(Path root, Path outside, String path, String text) {
    try {
      Files.writeString(outside, text, StandardCharsets.UTF_8);
      Path file = inside(root, path);
      Files.deleteIfExists(file);
      Files.createSymbolicLink(file, outside.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> subjects(Diagnostics diagnostics) {
    return diagnostics.all().stream().map(Diagnostics.Diagnostic::subject).toList();
  }

  static List<Diagnostics.Kind> kinds(Diagnostics diagnostics) {
    return diagnostics.all().stream().map(Diagnostics.Diagnostic::kind).toList();
  }
}
