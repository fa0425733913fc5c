package dev.ajar.remedy.plan;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import java.io.IOException;

/**
 * Plans the persistent form of "turn this off" for one kind of supervisor entry, the way the
 * distribution's own tool would (update-inetd, update-rc.d disable, chkconfig off, systemctl
 * mask, rc-update del, chmod -x), reading only through the root and changing nothing itself.
 */
public interface Disabler {
  /** The supervisor kind this plans for (Owner.supervisor). */
  String kind();

  DisablePlan plan(Host root, Owner owner) throws IOException;

  /** The planner for an owner's supervisor. */
  static Disabler forKind(String kind) {
    return switch (kind) {
      case "inetd" -> new InetdDisabler();
      case "xinetd" -> new XinetdDisabler();
      case "systemd" -> new SystemdDisabler();
      case "sysv" -> new SysvDisabler();
      case "openrc" -> new OpenrcDisabler();
      case "slackware" -> new SlackwareDisabler();
      default -> throw new BadInputException(
          "nothing to disable for a '" + kind + "' owner: "
              + (kind.equals("manual") ? "nothing starts it at boot; stop the process" : "not supported yet"));
    };
  }
}
