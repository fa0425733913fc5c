package dev.ajar.remedy.journal;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a journal path is on this machine: its parent directory resolved by {@link Host} inside the
 * root (".." stops at the root, absolute links are taken relative to it), its last component taken
 * as it is and never followed. A parent that leads out of the root, or into ajar's own journal, is
 * refused.
 */
final class ConfinedTree {
  private final Host host;
  private final Path journalDir;

  ConfinedTree(Host host, Path journalDir) {
    this.host = host;
    this.journalDir = journalDir;
  }

  Path root() {
    return host.root();
  }

  /** Refuses a path that is not absolute and normalised (the journal compares paths as text). */
  static void check(String path) {
    String problem = null;
    if (path.isEmpty() || path.charAt(0) != '/') {
      problem = "not an absolute path";
    } else if (path.equals("/")) {
      problem = "the root itself cannot be changed";
    } else if (path.endsWith("/") || path.contains("//")) {
      problem = "empty path component";
    } else if (path.indexOf('\0') >= 0) {
      problem = "NUL character in the path";
    } else {
      for (String part : path.substring(1).split("/")) {
        if (part.equals(".") || part.equals("..")) {
          problem = "'" + part + "' in the path";
          break;
        }
      }
    }
    if (problem != null) {
      throw new BadInputException(path + ": " + problem);
    }
  }

  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  static String nameOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The path on this machine for {@code path} of the root; see the class comment. */
  Path locate(String path) throws IOException {
    return locate(path, true);
  }

  /**
   * As {@link #locate(String)}, but null when the parent directory does not exist (so neither does
   * the path): undo asks what is there now, and "nothing" is an answer.
   */
  Path locateIfParentExists(String path) throws IOException {
    return locate(path, false);
  }

  private Path locate(String path, boolean parentRequired) throws IOException {
    check(path);
    String parent = parentOf(path);
    Path dir;
    try {
      dir = host.resolve(parent);
    } catch (IOException e) {
      throw new BadInputException(
          path + ": parent directory " + parent + ": " + Errors.describe(e));
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (!parentRequired && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      throw new BadInputException(
          path
              + ": parent directory "
              + parent
              + " does not exist inside "
              + where()
              + linkHint(parent));
    }
    // Host resolved every link itself, so the directory must be its own real path and lie under
    // the root. Anything else means the tree changed under us: refuse rather than guess.
    Path real = dir.toRealPath();
    if (!real.equals(dir) || !real.startsWith(host.root())) {
      throw new BadInputException(
          path
              + ": parent directory "
              + parent
              + " leads out of "
              + where()
              + " (to "
              + real
              + ")");
    }
    Path target = dir.resolve(nameOf(path));
    if (target.startsWith(journalDir) || journalDir.startsWith(target)) {
      throw new BadInputException(
          path + ": is ajar's journal (" + journalDir + "), not changed by a plan");
    }
    return target;
  }

  private String where() {
    return host.root().toString().equals("/") ? "the root" : "the root " + host.root();
  }

  /** Names the first link on the way to {@code parent}, the usual reason it is missing. */
  private String linkHint(String parent) {
    Path p = host.root();
    StringBuilder shown = new StringBuilder();
    for (String part : parent.substring(1).split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      p = p.resolve(part);
      shown.append('/').append(part);
      if (Files.isSymbolicLink(p)) {
        try {
          return " ("
              + shown
              + " is a symbolic link to "
              + Files.readSymbolicLink(p)
              + "; links are followed inside the root only)";
        } catch (IOException e) {
          return "";
        }
      }
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return "";
      }
    }
    return "";
  }
}
