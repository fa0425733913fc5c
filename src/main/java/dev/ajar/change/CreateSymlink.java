package dev.ajar.change;

import java.util.Objects;

/**
 * Makes {@code path} a symbolic link to {@code target}, e.g. a systemd mask
 * (/etc/systemd/system/telnet.socket -> /dev/null). The link is created under a temporary name in
 * the same directory and renamed over the path, so an existing file or link there is replaced
 * atomically (and kept in the journal).
 */
public record CreateSymlink(String path, String target) implements FileChange {
  public CreateSymlink {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public String describe() {
    return "symlink " + path + " -> " + target;
  }
}
