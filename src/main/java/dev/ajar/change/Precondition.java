package dev.ajar.change;

import java.util.Objects;

/**
 * What a path looked like when the change was planned. The journal ({@code ChangeSet.apply})
 * refuses a change whose path is no longer in this state (someone edited the file between plan and
 * apply). For a rename it is the state of the source.
 */
public sealed interface Precondition {
  /** The path does not exist (not even as a dangling link). */
  record Absent() implements Precondition {}

  /** A regular file with these bytes (SHA-256, lower-case hex). Mode and owner are not compared. */
  record Content(String sha256) implements Precondition {
    public Content {
      Objects.requireNonNull(sha256, "sha256");
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("not a lower-case SHA-256 hex digest: " + sha256);
      }
    }
  }

  /** A symbolic link with this target, as written in the link. */
  record Symlink(String target) implements Precondition {
    public Symlink {
      Objects.requireNonNull(target, "target");
    }
  }

  static Precondition absent() {
    return new Absent();
  }

  /** A regular file holding exactly these bytes (as the planner read them). */
  static Precondition content(byte[] bytes) {
    return new Content(Hashes.sha256(bytes));
  }

  static Precondition sha256(String hex) {
    return new Content(hex);
  }

  static Precondition symlinkTo(String target) {
    return new Symlink(target);
  }

  /** Whether a path in {@code state} satisfies this precondition. */
  default boolean matches(Fingerprint state) {
    return switch (this) {
      case Absent a -> state.isAbsent();
      case Content c -> state.isFile() && c.sha256().equals(state.sha256());
      case Symlink s -> state.isSymlink() && s.target().equals(state.target());
    };
  }

  default String describe() {
    return switch (this) {
      case Absent a -> "absent";
      case Content c -> "a file with sha256 " + Hashes.shortHex(c.sha256());
      case Symlink s -> "a symbolic link to " + s.target();
    };
  }
}
