package dev.ajar.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves an absolute path inside a root directory the way chroot(2) would: ".." stops at the root
 * and a symlink's absolute target is taken relative to the root. The result never lies outside the
 * root, whatever the links in the tree say.
 */
final class RootedPaths {
  /** As the kernel's MAXSYMLINKS: a loop of links ends with an error, not a hang. */
  static final int MAX_LINKS = 40;

  private RootedPaths() {}

  static Path resolve(Path root, String absolute) throws IOException {
    Deque<String> pending = new ArrayDeque<>();
    pushComponents(pending, absolute);
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      Path candidate = join(root, done).resolve(part);
      // One lstat answers all three questions: a link? there at all? a directory?
      BasicFileAttributes attributes = lstat(candidate);
      if (attributes != null && attributes.isSymbolicLink()) {
        if (++links > MAX_LINKS) {
          throw new IOException(absolute + ": too many levels of symbolic links");
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        pushComponents(pending, target);
        continue;
      }
      done.addLast(part);
      if (!pending.isEmpty() && attributes != null && !attributes.isDirectory()) {
        throw new IOException(absolute + ": not a directory: " + candidate);
      }
    }
    return join(root, done);
  }

  /** The path's own attributes (a link not followed), or null when it cannot be seen. */
  private static BasicFileAttributes lstat(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  /** Pushes the components of {@code path} so that the first one is popped first. */
  private static void pushComponents(Deque<String> pending, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      pending.push(parts[i]);
    }
  }

  private static Path join(Path root, Deque<String> parts) {
    Path p = root;
    for (String part : parts) {
      p = p.resolve(part);
    }
    return p;
  }
}
