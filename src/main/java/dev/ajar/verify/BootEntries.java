package dev.ajar.verify;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.InitSystem;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.systemd.SystemdSupervisor;
import dev.ajar.supervisors.sysv.SysvSupervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entries the root's init system starts at boot. Under systemd that is what default.target
 * pulls in plus the init scripts systemd-sysv-generator wraps (those with an rc2-5.d S link and
 * no native unit of their name); otherwise the boot starts of the init system's own supervisor.
 * Super-servers' entries are not here: they start only when their daemon does.
 */
final class BootEntries {
  private BootEntries() {}

  static List<BootStart> of(
      InitSystem init, Map<SupervisorKind, Supervisor> supervisors, Host root, Diagnostics diagnostics) {
    List<BootStart> starts = new ArrayList<>();
    switch (init) {
      case SYSTEMD -> {
        Supervisor systemd = supervisors.get(SupervisorKind.SYSTEMD);
        List<BootStart> unitStarts = systemd.bootStarts(root, diagnostics);
        starts.addAll(unitStarts);
        if (supervisors.get(SupervisorKind.SYSV) instanceof SysvSupervisor sysv
            && systemd instanceof SystemdSupervisor units) {
          for (BootStart s : sysv.generatedBootStarts(root, diagnostics)) {
            if (!units.hasUnit(root, s.entry().owner().entry() + ".service", diagnostics)) {
              starts.add(new BootStart(s.entry(),
                  s.reason() + " (systemd-sysv-generator)", false));
            }
          }
        }
      }
      case SYSV -> starts.addAll(supervisors.get(SupervisorKind.SYSV).bootStarts(root, diagnostics));
      case OPENRC -> starts.addAll(supervisors.get(SupervisorKind.OPENRC).bootStarts(root, diagnostics));
      case SLACKWARE -> starts.addAll(supervisors.get(SupervisorKind.SLACKWARE).bootStarts(root, diagnostics));
      case RUNIT -> starts.addAll(supervisors.get(SupervisorKind.RUNIT).bootStarts(root, diagnostics));
      case UNKNOWN -> diagnostics.add(Diagnostics.Kind.SKIPPED, "/sbin/init",
          "no init system ajar knows (systemd, SysV, OpenRC, Slackware, runit): nothing is"
              + " predicted to start at boot");
    }
    return List.copyOf(starts);
  }

  /** What the init system boots into, for the report. */
  static String target(
      InitSystem init, Map<SupervisorKind, Supervisor> supervisors, Host root, Diagnostics diagnostics) {
    return switch (init) {
      case SYSTEMD -> supervisors.get(SupervisorKind.SYSTEMD) instanceof SystemdSupervisor s
          ? s.defaultTarget(root, diagnostics) : null;
      case SYSV, SLACKWARE -> supervisors.get(SupervisorKind.SYSV) instanceof SysvSupervisor s
          && s.bootRunlevel(root) > 0 ? "runlevel " + s.bootRunlevel(root) : null;
      case OPENRC -> "runlevels boot, default";
      case RUNIT -> "the linked services";
      case UNKNOWN -> null;
    };
  }
}
