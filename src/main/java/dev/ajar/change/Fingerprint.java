package dev.ajar.change;

import java.util.Objects;

/**
 * The part of a path's state that tells whether it is still as someone left it: its type, and for a
 * regular file its content hash and permission bits, for a link its target. Owner and timestamps
 * are not part of it (restored by undo, but not compared).
 *
 * @param type "absent", "file", "symlink", or another kind ("directory", "fifo", ...)
 */
public record Fingerprint(String type, String sha256, Integer mode, String target) {
  public static final Fingerprint ABSENT = new Fingerprint("absent", null, null, null);

  public Fingerprint {
    Objects.requireNonNull(type, "type");
  }

  public static Fingerprint file(String sha256, int mode) {
    return new Fingerprint("file", sha256, mode & 07777, null);
  }

  public static Fingerprint symlink(String target) {
    return new Fingerprint("symlink", null, null, target);
  }

  public static Fingerprint other(String kind) {
    return new Fingerprint(kind, null, null, null);
  }

  public boolean isAbsent() {
    return type.equals("absent");
  }

  public boolean isFile() {
    return type.equals("file");
  }

  public boolean isSymlink() {
    return type.equals("symlink");
  }

  public String describe() {
    return switch (type) {
      case "file" ->
          "a file with sha256 " + Hashes.shortHex(sha256) + " and mode " + Modes.octal(mode);
      case "symlink" -> "a symbolic link to " + target;
      case "absent" -> "absent";
      default -> "a " + type;
    };
  }
}
