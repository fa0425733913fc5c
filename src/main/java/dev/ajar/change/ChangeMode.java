package dev.ajar.change;

import java.util.Objects;

/**
 * Sets the permission bits of a regular file in place (same inode, so hard links keep sharing it),
 * e.g. 0 to disable a binary or 0755 to strip set-UID from 04755. Symbolic links are refused: name
 * the file itself.
 *
 * @param mode the new bits, 0 to 07777 (set-UID, set-GID and sticky included)
 */
public record ChangeMode(String path, int mode) implements FileChange {
  public ChangeMode {
    Objects.requireNonNull(path, "path");
    checkMode(mode);
  }

  static void checkMode(int mode) {
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
    }
  }

  @Override
  public String describe() {
    return "chmod " + Modes.octal(mode) + " " + path;
  }
}
