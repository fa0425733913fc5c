package dev.ajar.packages;

import dev.ajar.host.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Directories that are one and the same in a root, as merged-/usr makes them: on Debian 12 /bin,
 * /sbin and /lib* are links to /usr/bin, /usr/sbin and /usr/lib*, on Arch and Fedora /usr/sbin is
 * even /usr/bin. A package may list /sbin/rpcbind while the kernel names the running program
 * /usr/sbin/rpcbind, so a path is also looked up under each other name of its directory. Only
 * directories that really are the same in this root count: on a root without merged-/usr, /bin/x
 * and /usr/bin/x are different files and no alias is tried.
 */
final class PathAliases {
  /** The directories that merged-/usr links, as any distribution does it. */
  static final List<String> DIRECTORIES =
      List.of(
          "/bin",
          "/sbin",
          "/lib",
          "/lib32",
          "/lib64",
          "/libx32",
          "/libo32",
          "/usr/bin",
          "/usr/sbin",
          "/usr/lib",
          "/usr/lib32",
          "/usr/lib64",
          "/usr/libx32",
          "/usr/libo32");

  static final PathAliases NONE = new PathAliases(Map.of());

  /** Each directory that has another name → all its names (itself included), in order. */
  private final Map<String, List<String>> groups;

  private PathAliases(Map<String, List<String>> groups) {
    this.groups = groups;
  }

  static PathAliases of(Host root) {
    RootReader reader = new RootReader(root, new ParseLog());
    Map<String, List<String>> byReal = new LinkedHashMap<>();
    for (String dir : DIRECTORIES) {
      if (!reader.isDirectory(dir)) {
        continue;
      }
      String real = reader.realPath(dir);
      if (real != null) {
        byReal.computeIfAbsent(real, r -> new ArrayList<>()).add(dir);
      }
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (List<String> names : byReal.values()) {
      if (names.size() > 1) {
        for (String name : names) {
          groups.put(name, List.copyOf(names));
        }
      }
    }
    return new PathAliases(groups);
  }

  /** {@code path} first, then the same file under each other name of its directory. */
  List<String> candidates(String path) {
    List<String> result = new ArrayList<>(4);
    result.add(path);
    for (Map.Entry<String, List<String>> e : groups.entrySet()) {
      String dir = e.getKey();
      if (path.length() > dir.length() + 1
          && path.startsWith(dir)
          && path.charAt(dir.length()) == '/') {
        String rest = path.substring(dir.length());
        for (String other : e.getValue()) {
          String alias = other + rest;
          if (!result.contains(alias)) {
            result.add(alias);
          }
        }
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return groups.toString();
  }
}
