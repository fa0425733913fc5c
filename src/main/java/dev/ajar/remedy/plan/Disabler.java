package dev.ajar.remedy.plan;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import java.io.IOException;

/**
 * Plans the persistent form of "turn this off" for one kind of supervisor entry, the way the
 * distribution's own tool would (update-inetd, update-rc.d disable, chkconfig off, systemctl
 * mask, rc-update del, chmod -x), reading only through the root and changing nothing itself.
 */
public interface Disabler {
  /** The supervisor kind this plans for (Owner.supervisor). */
  SupervisorKind kind();

  DisablePlan plan(Host root, Owner owner) throws IOException;

  /** The planner for an owner's supervisor. */
  static Disabler forKind(SupervisorKind kind) {
    return switch (kind) {
      case INETD -> new InetdDisabler();
      case XINETD -> new XinetdDisabler();
      case SYSTEMD -> new SystemdDisabler();
      case SYSV -> new SysvDisabler();
      case OPENRC -> new OpenrcDisabler();
      case SLACKWARE -> new SlackwareDisabler();
      default -> throw new BadInputException(
          "nothing to disable for a '" + kind + "' owner: "
              + (kind == SupervisorKind.MANUAL ? "nothing starts it at boot; stop the process" : "not supported yet"));
    };
  }
}
