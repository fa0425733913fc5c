package dev.ajar.remedy.journal;

import dev.ajar.change.Hashes;
import dev.ajar.change.Modes;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything undo promises to restore, one line per path: type, permission bits (set-UID/GID and
 * sticky included), uid:gid, and for files the mtime and SHA-256 of the bytes, for links the target
 * and mtime. Directory timestamps are left out (creating and removing entries changes them; undo
 * does not promise them back), and so is atime (this very walk reads the files). The journal
 * directory itself is skipped.
 */
final class TreeSnapshot {
  private TreeSnapshot() {}

  static SortedMap<String, String> of(Path root) throws IOException {
    return of(root, root.resolve("var/lib/ajar"));
  }

  static SortedMap<String, String> of(Path root, Path skip) throws IOException {
    SortedMap<String, String> lines = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(skip)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            lines.put(name(root, dir), "dir " + owner(dir));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String line;
            if (attrs.isSymbolicLink()) {
              line =
                  "link -> "
                      + Files.readSymbolicLink(file)
                      + " "
                      + owner(file)
                      + " mtime "
                      + mtime(file);
            } else if (attrs.isRegularFile()) {
              line =
                  "file "
                      + owner(file)
                      + " mtime "
                      + mtime(file)
                      + " sha256 "
                      + Hashes.sha256(Files.readAllBytes(file)).substring(0, 16)
                      + " size "
                      + attrs.size();
            } else {
              line = "other " + owner(file);
            }
            lines.put(name(root, file), line);
            return FileVisitResult.CONTINUE;
          }
        });
    return lines;
  }

  /** The snapshot without some paths (those a test checks one by one). */
  static SortedMap<String, String> without(Map<String, String> snapshot, String... paths) {
    SortedMap<String, String> copy = new TreeMap<>(snapshot);
    for (String p : paths) {
      copy.remove(p);
    }
    return copy;
  }

  private static String name(Path root, Path p) {
    String rel = root.relativize(p).toString();
    return rel.isEmpty() ? "." : rel;
  }

  private static String owner(Path p) throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return (Files.isSymbolicLink(p) ? "" : Modes.octal(mode) + " ")
        + Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)
        + ":"
        + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
  }

  private static String mtime(Path p) throws IOException {
    FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    return t.toInstant().toString();
  }
}
