package dev.ajar.supervisors;

import dev.ajar.host.Host;
import dev.ajar.model.SupervisorKind;
import java.io.IOException;
import java.util.List;

/**
 * The init system a root boots with, read from what /sbin/init is: a link to systemd, openrc-init
 * or runit-init, or a real file (sysvinit, busybox) whose companions say which scripts it runs
 * (Slackware's rc.M, OpenRC's /sbin/openrc, else SysV rc links). The rules are one ordered
 * decision, not one per supervisor: several layouts can be present in one root. What boots is then
 * the business of the supervisor each names ({@link Supervisor#bootStarts}, {@link
 * Supervisor#bootTarget}).
 */
public enum InitSystem {
  SYSTEMD(SupervisorKind.SYSTEMD),
  SYSV(SupervisorKind.SYSV),
  OPENRC(SupervisorKind.OPENRC),
  SLACKWARE(SupervisorKind.SLACKWARE),
  RUNIT(SupervisorKind.RUNIT),
  UNKNOWN(null);

  private static final List<String> INIT_PATHS = List.of("/sbin/init", "/usr/sbin/init");

  private final SupervisorKind supervisor;

  InitSystem(SupervisorKind supervisor) {
    this.supervisor = supervisor;
  }

  /** "systemd", "sysv", ..., "unknown": the supervisor's label. */
  public String label() {
    return supervisor == null ? "unknown" : supervisor.label();
  }

  /** The supervisor whose entries start at boot; null when the init system is unknown. */
  public SupervisorKind supervisor() {
    return supervisor;
  }

  public static InitSystem detect(Host root) {
    for (String path : INIT_PATHS) {
      if (!root.isSymbolicLink(path)) {
        continue;
      }
      try {
        String target = root.readLink(path);
        String base = target.substring(target.lastIndexOf('/') + 1);
        switch (base) {
          case "systemd" -> {
            return SYSTEMD;
          }
          case "openrc-init" -> {
            return OPENRC;
          }
          case "runit-init" -> {
            return RUNIT;
          }
          default -> {
            // busybox and others: decided by the scripts below
          }
        }
      } catch (IOException e) {
        // an unreadable link: decided by the scripts below
      }
    }
    boolean initIsAFile = INIT_PATHS.stream().anyMatch(root::isRegularFile);
    boolean systemdInstalled =
        root.isRegularFile("/lib/systemd/systemd")
            || root.isRegularFile("/usr/lib/systemd/systemd");
    // No /sbin/init at all (a container image, a partial copy): systemd if it is installed.
    if (!initIsAFile && systemdInstalled) {
      return SYSTEMD;
    }
    if (root.isRegularFile("/etc/rc.d/rc.M")) {
      return SLACKWARE;
    }
    // Alpine: busybox init runs openrc from inittab; openrc-run is what its scripts start with.
    if (root.isDirectory("/etc/runlevels")
        && (root.isRegularFile("/sbin/openrc") || root.isRegularFile("/sbin/openrc-run"))) {
      return OPENRC;
    }
    if (root.isDirectory("/etc/rc2.d") || root.isDirectory("/etc/rc.d/rc3.d")) {
      return SYSV;
    }
    if (root.isDirectory("/etc/runit") || root.isDirectory("/etc/sv")) {
      return RUNIT;
    }
    return UNKNOWN;
  }
}
