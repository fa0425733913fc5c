package dev.ajar.discover;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the systemd unit and the container behind a process from /proc/PID/cgroup.
 *
 * <pre>
 * 0::/system.slice/ssh.service                                   (cgroup v2)
 * 0::/system.slice/docker-3f4e...a1.scope                        (docker, systemd driver)
 * 12:pids:/docker/3f4e...a1                                      (docker, cgroupfs driver, v1)
 * 0::/machine.slice/libpod-3f4e...a1.scope/container             (podman)
 * 0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1b2.slice/cri-containerd-3f4e.scope
 * 0::/lxc.payload.web1                                           (LXC: the name itself)
 * </pre>
 */
final class CgroupParser {
  /** What the cgroup path says. Any field may be null. */
  public record Cgroup(String path, String unit, String containerEngine, String containerId) {}

  private static final Pattern SCOPED_CONTAINER =
      Pattern.compile("^(docker|libpod|cri-containerd|crio|containerd)-([0-9a-f]{12,64})\\.scope$");
  private static final Pattern HEX_ID = Pattern.compile("^[0-9a-f]{64}$");
  private static final Pattern UNIT =
      Pattern.compile(".+\\.(service|scope|socket|mount|swap|target|timer|path)$");

  private CgroupParser() {}

  public static Cgroup parse(String text) {
    String path = pickPath(text);
    if (path == null) {
      return new Cgroup(null, null, null, null);
    }
    String[] parts = path.split("/");
    String unit = null;
    String engine = null;
    String id = null;
    for (int i = parts.length - 1; i >= 0; i--) {
      String part = parts[i];
      if (unit == null && UNIT.matcher(part).matches() && !part.equals("init.scope")) {
        unit = part;
      }
      if (engine != null) {
        continue;
      }
      Matcher m = SCOPED_CONTAINER.matcher(part);
      if (m.matches()) {
        engine = engineName(m.group(1));
        id = m.group(2);
      } else if (part.startsWith("lxc.payload.")) {
        engine = "lxc";
        id = part.substring("lxc.payload.".length());
      } else if (HEX_ID.matcher(part).matches() && i > 0) {
        engine = engineFromParent(parts, i);
        id = part;
      }
    }
    if (unit == null && path.equals("/init.scope")) {
      unit = "init.scope";
    }
    return new Cgroup(path, unit, engine, id);
  }

  /** The v2 line when there is one, else the systemd v1 hierarchy, else the first line. */
  private static String pickPath(String text) {
    String first = null;
    String systemd = null;
    for (String line : text.split("\n")) {
      int a = line.indexOf(':');
      int b = a < 0 ? -1 : line.indexOf(':', a + 1);
      if (b < 0) {
        continue;
      }
      String controllers = line.substring(a + 1, b);
      String path = line.substring(b + 1);
      if (line.startsWith("0::")) {
        return path;
      }
      if (controllers.equals("name=systemd")) {
        systemd = path;
      }
      if (first == null) {
        first = path;
      }
    }
    return systemd != null ? systemd : first;
  }

  private static String engineName(String prefix) {
    return switch (prefix) {
      case "libpod" -> "podman";
      case "cri-containerd", "containerd" -> "containerd";
      default -> prefix;
    };
  }

  private static String engineFromParent(String[] parts, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (parts[j].equals("docker")) {
        return "docker";
      }
      if (parts[j].startsWith("kubepods")) {
        return "kubernetes";
      }
      if (parts[j].equals("libpod_parent") || parts[j].startsWith("machine")) {
        return "podman";
      }
    }
    return "container";
  }
}
