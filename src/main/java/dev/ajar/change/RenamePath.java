package dev.ajar.change;

import java.util.Objects;

/**
 * Renames a regular file or symbolic link, e.g. a SysV rc link S20telnetd -> K80telnetd. The
 * destination must not exist. Undo renames it back (same inode, same timestamps).
 */
public record RenamePath(String from, String to) implements FileChange {
  public RenamePath {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String path() {
    return from;
  }

  @Override
  public String describe() {
    return "rename " + from + " -> " + to;
  }
}
