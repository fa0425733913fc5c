package dev.ajar.discover;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;

/**
 * User names as each process's own root defines them: uid 101 is "systemd-resolve" on the host and
 * may be "postgres" in a container. A process root other than ours is opened as a confined {@link
 * Host} (/proc/PID/root), so a container's symlinks cannot point ajar at host files.
 */
final class UserNames {
  private final Host host;
  private final Diagnostics diagnostics;
  private final Map<Host.Identity, Map<Integer, String>> byRoot = new HashMap<>();

  UserNames(Host host, Diagnostics diagnostics) {
    this.host = host;
    this.diagnostics = diagnostics;
  }

  String nameOf(int pid, int uid) {
    Host.Identity rootKey = host.identityOf("/proc/" + pid + "/root");
    if (rootKey == null) {
      return null;
    }
    Map<Integer, String> names = byRoot.computeIfAbsent(rootKey, k -> load(pid, k));
    return names.get(uid);
  }

  private Map<Integer, String> load(int pid, Host.Identity rootKey) {
    try {
      if (rootKey.equals(host.identity())) {
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
}
