package dev.ajar.remedy;

import java.util.ArrayList;
import java.util.List;

/** What `apt-get -s remove` says it would do, parsed (pure: text in, packages out). */
final class AptSimulation {
  private AptSimulation() {}

  /** One package apt would remove, in the order it would remove them (dependents first). */
  record Removed(String name, String version) {}

  /**
   * The "Remv" lines of apt-get -s output, e.g.
   *
   * <pre>
   * Remv fingerd [0.17-17]
   * Remv libwrap0 [7.6.q-32] [rpcbind:amd64 ]
   * </pre>
   *
   * (the second bracket lists packages whose dependency the removal breaks at that point).
   */
  static List<Removed> removed(String output) {
    List<Removed> removed = new ArrayList<>();
    for (String line : output.lines().toList()) {
      if (!line.startsWith("Remv ")) {
        continue;
      }
      String[] words = line.substring(5).strip().split("\\s+");
      if (words.length == 0 || words[0].isEmpty()) {
        continue;
      }
      String version =
          words.length > 1 && words[1].startsWith("[") && words[1].endsWith("]")
              ? words[1].substring(1, words[1].length() - 1)
              : "";
      removed.add(new Removed(words[0], version));
    }
    return removed;
  }
}
