package dev.ajar.verify.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Debian 12 default configurations of src/test/resources/daemon-config (README there). */
final class DaemonFixtures {
  static final Path BASE = Path.of("src/test/resources/daemon-config");

  private DaemonFixtures() {}

  /** The untouched Debian root of one reader's fixtures. */
  static Host debian(String reader) {
    return Host.offline(BASE.resolve(reader).resolve("debian"));
  }

  /** A copy of the Debian root to edit, in {@code dir}. */
  static Path copyOfDebian(String reader, Path dir) {
    Path source = BASE.resolve(reader).resolve("debian");
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Path target = dir.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  static void write(Path root, String path, String text) {
    try {
      Path file = root.resolve(path.substring(1));
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path root, String path) {
    try {
      return Files.readString(root.resolve(path.substring(1)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the one occurrence of {@code from} in a file of the root (fails when absent). */
  static void edit(Path root, String path, String from, String to) {
    String text = read(root, path);
    assertThat(text).as(path).contains(from);
    write(root, path, text.replace(from, to));
  }

  /** Appends lines to a file of the root. */
  static void append(Path root, String path, String text) {
    write(root, path, read(root, path) + text);
  }

  /** A file of {@code size} bytes past every limit, made of harmless comment lines. */
  static void writeHuge(Path root, String path) {
    String line = "# " + "x".repeat(1021) + "\n";
    write(root, path, line.repeat((int) (ConfigFiles.MAX_CONFIG_BYTES / line.length()) + 2));
  }

  /**
   * Replaces a file of the root by an absolute symlink to a file outside the root that says
   * {@code text}: the reader must read the root's own path (missing), never the outside file.
   */
  static void linkOutside(Path root, Path outside, String path, String text) {
    try {
      Files.writeString(outside, text, StandardCharsets.UTF_8);
      Path file = root.resolve(path.substring(1));
      Files.deleteIfExists(file);
      Files.createDirectories(file.getParent());
      Files.createSymbolicLink(file, outside.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfiguredListen tcp(int port, String address, String file, int line) {
    return new ConfiguredListen(Protocol.TCP, port, address, file, line);
  }

  static ConfiguredListen udp(int port, String address, String file, int line) {
    return new ConfiguredListen(Protocol.UDP, port, address, file, line);
  }

  static List<String> subjects(Diagnostics diagnostics) {
    return diagnostics.all().stream().map(Diagnostics.Diagnostic::subject).toList();
  }

  static List<Diagnostics.Kind> kinds(Diagnostics diagnostics) {
    return diagnostics.all().stream().map(Diagnostics.Diagnostic::kind).toList();
  }
}
