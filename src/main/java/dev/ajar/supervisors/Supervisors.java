package dev.ajar.supervisors;

import dev.ajar.host.BadInputException;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.container.ContainerSupervisor;
import dev.ajar.supervisors.inetd.InetdSupervisor;
import dev.ajar.supervisors.openrc.OpenrcSupervisor;
import dev.ajar.supervisors.runit.RunitSupervisor;
import dev.ajar.supervisors.slackware.SlackwareSupervisor;
import dev.ajar.supervisors.systemd.SystemdSupervisor;
import dev.ajar.supervisors.sysv.SysvSupervisor;
import dev.ajar.supervisors.xinetd.XinetdSupervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every supervisor ajar knows, in the order attribution asks them (see Attributor): the one place
 * that lists them. Everything else finds a kind's reader or disabler here.
 */
public final class Supervisors {
  private Supervisors() {}

  public static List<Supervisor> all() {
    return List.of(
        new ContainerSupervisor(),
        new InetdSupervisor(),
        new XinetdSupervisor(),
        new SystemdSupervisor(),
        new RunitSupervisor(),
        new OpenrcSupervisor(),
        new SlackwareSupervisor(),
        new SysvSupervisor());
  }

  /**
   * After an undo on the live host, what makes the restored configuration take effect, asked of
   * every supervisor in order (see {@link Supervisor#reloadsAfterUndo}).
   */
  public static List<DisablePlan.RuntimeStep> reloadsAfterUndo(List<String> restoredPaths) {
    List<DisablePlan.RuntimeStep> steps = new ArrayList<>();
    for (Supervisor s : all()) {
      steps.addAll(s.reloadsAfterUndo(restoredPaths));
    }
    return steps;
  }

  /** The supervisor of that kind; empty for {@link SupervisorKind#MANUAL}, which has none. */
  public static Optional<Supervisor> of(SupervisorKind kind) {
    return all().stream().filter(s -> s.kind() == kind).findFirst();
  }

  /**
   * What disables an entry of this kind, or a one-line refusal: a manual owner has nothing that
   * starts it, and some kinds have no disabler yet.
   */
  public static Disabler disablerFor(SupervisorKind kind) {
    return of(kind)
        .flatMap(Supervisor::disabler)
        .orElseThrow(
            () ->
                new BadInputException(
                    "nothing to disable for a '"
                        + kind.label()
                        + "' owner: "
                        + (kind == SupervisorKind.MANUAL
                            ? "nothing starts it at boot; stop the process"
                            : "not supported yet")));
  }
}
