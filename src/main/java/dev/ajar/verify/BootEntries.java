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
 * pulls in plus the init scripts systemd-sysv-generator wraps (those with an rc2-5.d S link and no
 * native unit of their name); otherwise the boot starts of the init system's own supervisor.
 * Super-servers' entries are not here: they start only when their daemon does.
 */
final class BootEntries {
  private BootEntries() {}

  static List<BootStart> of(
      InitSystem init,
      Map<SupervisorKind, Supervisor> supervisors,
      Host root,
      Diagnostics diagnostics) {
    if (init.supervisor() == null) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          "/sbin/init",
          "no init system ajar knows (systemd, SysV, OpenRC, Slackware, runit): nothing is"
              + " predicted to start at boot");
      return List.of();
    }
    Supervisor own = supervisors.get(init.supervisor());
    List<BootStart> starts = new ArrayList<>(own.bootStarts(root, diagnostics));
    // The one boot that spans two supervisors: systemd runs the SysV scripts it has no unit for.
    if (init == InitSystem.SYSTEMD
        && supervisors.get(SupervisorKind.SYSV) instanceof SysvSupervisor sysv
        && own instanceof SystemdSupervisor units) {
      for (BootStart s : sysv.generatedBootStarts(root, diagnostics)) {
        if (!units.hasUnit(root, s.entry().owner().entry() + ".service", diagnostics)) {
          starts.add(new BootStart(s.entry(), s.reason() + " (systemd-sysv-generator)", false));
        }
      }
    }
    return List.copyOf(starts);
  }

  /** What the init system boots into, for the report (its supervisor says). */
  static String target(
      InitSystem init,
      Map<SupervisorKind, Supervisor> supervisors,
      Host root,
      Diagnostics diagnostics) {
    return init.supervisor() == null
        ? null
        : supervisors.get(init.supervisor()).bootTarget(root, diagnostics);
  }
}
