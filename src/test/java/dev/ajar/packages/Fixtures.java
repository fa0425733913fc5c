package dev.ajar.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The package database fixtures (src/test/resources/packages/README.md), as roots to change. */
final class Fixtures {
  private Fixtures() {}

  /** The fixture root of one manager (dpkg, rpm, pacman, apk, pkgtools), read-only. */
  static Path fixture(String manager) {
    URL url = Fixtures.class.getResource("/packages/" + manager);
    if (url == null) {
      throw new IllegalStateException("no fixture /packages/" + manager);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the fixture of {@code manager} into {@code root} (created if needed). */
  static Path copy(String manager, Path root) {
    Path from = fixture(manager);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.sorted().toList()) {
        Path to = root.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code root} merged-/usr as Debian 12 is: /bin, /sbin, /lib, /lib64 link into /usr. */
  static Path mergeUsr(Path root) {
    try {
      for (String dir : new String[] {"bin", "sbin", "lib", "lib64"}) {
        Files.createDirectories(root.resolve("usr").resolve(dir));
        Files.createSymbolicLink(root.resolve(dir), Path.of("usr/" + dir));
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void link(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
