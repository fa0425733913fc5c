package dev.ajar.remedy;

import dev.ajar.policy.Policy;
import java.util.List;
import java.util.Set;

/**
 * What `close` and `plan` are asked: the words naming what to close, or a policy whose unlisted
 * ports to close, and what else to do to each entry.
 *
 * @param unlisted the policy for --unlisted (then no words), or null
 * @param superServer also stop starting inetd or xinetd when its last active entries close
 * @param alsoRemove with a package removal, the packages that may go too; null: no removal
 */
public record CloseRequest(
    List<String> words, Policy unlisted, boolean superServer, Lock lock, Set<String> alsoRemove) {

  /** What happens to each entry's program (the seed's "chmod them to 0"). */
  public enum Lock {
    NONE,
    /** chmod 0. */
    EVERY_BIT,
    /** Only the set-UID and set-GID bits: it still runs. */
    SETID_BITS
  }

  public CloseRequest {
    words = List.copyOf(words);
    alsoRemove = alsoRemove == null ? null : Set.copyOf(alsoRemove);
    if (words.isEmpty() == (unlisted == null)) {
      throw new IllegalArgumentException("words or a policy, not both nor neither");
    }
  }

  public boolean removesPackages() {
    return alsoRemove != null;
  }
}
