package dev.ajar.remedy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Trees for the golden and crash tests of a whole `ajar close`: a fixture root copied to a scratch
 * directory the same way every time, its manifest, and a snapshot of everything undo promises to
 * give back.
 *
 * <p>The manifest ({@code tree.txt} of a golden case) has one line per path under the root, sorted,
 * four fields separated by a tab, since git keeps neither modes (beyond +x) nor owners:
 *
 * <pre>
 * etc/rc.d/init.d/sshd    file    0755    sha256:9f2c...   (content in expected/PATH)
 * etc/rc.d/rc3.d/K25sshd  link    -       ../init.d/sshd
 * etc/rc.d/rc3.d          dir     0755    -
 * </pre>
 */
public final class GoldenTree {
  /** Every file and link of a copy gets this time, so a restore that loses it shows. */
  public static final FileTime MTIME =
      FileTime.from(Instant.parse("2011-02-03T04:05:06.123456789Z"));

  /** nobody: the owner of every file and link of a copy when the tests run as root. */
  public static final int NOBODY = 65534;

  public static final String HEADER =
      """
      # ajar golden tree: PATH TYPE MODE DETAIL, tab-separated, one line per path, sorted.
      # file: DETAIL is sha256 of its content, kept in expected/PATH; link: its target; dir: -
      """;

  private GoldenTree() {}

  /**
   * Copies a fixture root: modes as git gives them (0755 for an executable or a directory, 0644
   * otherwise, whatever the checkout's umask), links as they are (dangling ones too), every file
   * and link at {@link #MTIME} and, as root, owned by nobody.
   */
  public static Path copy(Path from, Path to) throws IOException {
    boolean root = dev.ajar.host.Host.live().isRunningAsRoot();
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(dir).toString());
            Files.createDirectories(target);
            Files.setAttribute(target, "unix:mode", 0755);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(file).toString());
            if (attrs.isSymbolicLink()) {
              Files.createSymbolicLink(target, Files.readSymbolicLink(file));
            } else {
              Files.copy(file, target);
              Files.setAttribute(target, "unix:mode", Files.isExecutable(file) ? 0755 : 0644);
            }
            if (root) {
              Files.setAttribute(target, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
              Files.setAttribute(target, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
            Files.getFileAttributeView(
                    target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(MTIME, MTIME, null);
            return FileVisitResult.CONTINUE;
          }
        });
    return to;
  }

  /** The manifest lines of a tree (see the class comment), without the header. */
  public static List<String> manifest(Path root) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Path> e : paths(root, null).entrySet()) {
      Path p = e.getValue();
      String type;
      String mode = "-";
      String detail = "-";
      if (Files.isSymbolicLink(p)) {
        type = "link";
        detail = Files.readSymbolicLink(p).toString();
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        type = "dir";
        mode = mode(p);
      } else {
        type = "file";
        mode = mode(p);
        detail = "sha256:" + sha256(Files.readAllBytes(p));
      }
      lines.add(e.getKey() + "\t" + type + "\t" + mode + "\t" + detail);
    }
    return lines;
  }

  /**
   * Everything undo restores, per path: type, mode, uid:gid, mtime (files and links), content hash
   * or link target. Directory times are left out (entries come and go). {@code skip}: a directory
   * left out (a journal kept inside the root), or null.
   */
  public static SortedMap<String, String> snapshot(Path root, Path skip) throws IOException {
    SortedMap<String, String> lines = new TreeMap<>();
    for (Map.Entry<String, Path> e : paths(root, skip).entrySet()) {
      Path p = e.getValue();
      String owner =
          Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)
              + ":"
              + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      String time = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().toString();
      if (Files.isSymbolicLink(p)) {
        lines.put(e.getKey(), "link " + Files.readSymbolicLink(p) + " " + owner + " " + time);
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        lines.put(e.getKey(), "dir " + mode(p) + " " + owner);
      } else {
        lines.put(
            e.getKey(),
            "file " + mode(p) + " " + owner + " " + time + " " + sha256(Files.readAllBytes(p)));
      }
    }
    return lines;
  }

  /** uid:gid of every path (links not followed). */
  public static SortedMap<String, String> owners(Path root) throws IOException {
    SortedMap<String, String> owners = new TreeMap<>();
    for (Map.Entry<String, Path> e : paths(root, null).entrySet()) {
      owners.put(
          e.getKey(),
          Files.getAttribute(e.getValue(), "unix:uid", LinkOption.NOFOLLOW_LINKS)
              + ":"
              + Files.getAttribute(e.getValue(), "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }
    return owners;
  }

  /**
   * Writes a tree as a golden case's expected state: {@code tree.txt} and the content of every
   * regular file under {@code expected/}.
   */
  public static void write(Path root, Path caseDir) throws IOException {
    Path expected = caseDir.resolve("expected");
    if (Files.exists(expected)) {
      try (var walk = Files.walk(expected)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, Path> e : paths(root, null).entrySet()) {
      Path p = e.getValue();
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        Path copy = expected.resolve(e.getKey());
        Files.createDirectories(copy.getParent());
        Files.copy(p, copy);
      }
    }
    Files.writeString(
        caseDir.resolve("tree.txt"),
        HEADER + String.join("\n", manifest(root)) + "\n",
        StandardCharsets.UTF_8);
  }

  /** The manifest lines of a golden case (comments left out). */
  public static List<String> readManifest(Path caseDir) throws IOException {
    return Files.readAllLines(caseDir.resolve("tree.txt"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .toList();
  }

  /** Relative name → path, sorted, links not followed. */
  private static SortedMap<String, Path> paths(Path root, Path skip) throws IOException {
    SortedMap<String, Path> paths = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(skip)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (!dir.equals(root)) {
              paths.put(root.relativize(dir).toString(), dir);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            paths.put(root.relativize(file).toString(), file);
            return FileVisitResult.CONTINUE;
          }
        });
    return paths;
  }

  private static String mode(Path p) throws IOException {
    int mode =
        ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue() & 07777;
    return String.format("%04o", mode);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
