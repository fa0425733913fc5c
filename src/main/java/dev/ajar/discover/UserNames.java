package dev.ajar.discover;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;

/**
 * User names as each process's own root defines them: uid 101 is "systemd-resolve" on the host
 * and may be "postgres" in a container. A process root other than ours is opened as a confined
 * {@link Host} (/proc/PID/root), so a container's symlinks cannot point ajar at host files.
 */
final class UserNames {
  private final Host host;
  private final Diagnostics diagnostics;
  private final Map<String, Map<Integer, String>> byRoot = new HashMap<>();
  private String hostRootKey;

  UserNames(Host host, Diagnostics diagnostics) {
    this.host = host;
    this.diagnostics = diagnostics;
  }

  String nameOf(int pid, int uid) {
    String rootKey = rootKey("/proc/" + pid + "/root");
    if (rootKey == null) {
      return null;
    }
    Map<Integer, String> names = byRoot.computeIfAbsent(rootKey, k -> load(pid, k));
    return names.get(uid);
  }

  private Map<Integer, String> load(int pid, String rootKey) {
    try {
      if (rootKey.equals(hostRootKey())) {
        return PasswdParser.parse(host.readText("/etc/passwd"));
      }
      Host processRoot = host.within("/proc/" + pid + "/root");
      return PasswdParser.parse(processRoot.readText("/etc/passwd"));
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      diagnostics.add(
          Diagnostics.Kind.UNREADABLE, "/proc/" + pid + "/root/etc/passwd", Errors.describe(e));
      return Map.of();
    }
  }

  private String hostRootKey() {
    if (hostRootKey == null) {
      hostRootKey = rootKey("/");
    }
    return hostRootKey;
  }

  /** Device and inode of a directory: equal keys mean the same root. */
  private String rootKey(String dir) {
    try {
      var p = host.resolve(dir);
      return Files.getAttribute(p, "unix:dev") + ":" + Files.getAttribute(p, "unix:ino");
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
