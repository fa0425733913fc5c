package dev.ajar.supervisors;

import dev.ajar.supervisors.inetd.InetdSupervisor;
import dev.ajar.supervisors.openrc.OpenrcSupervisor;
import dev.ajar.supervisors.runit.RunitSupervisor;
import dev.ajar.supervisors.slackware.SlackwareSupervisor;
import dev.ajar.supervisors.systemd.SystemdSupervisor;
import dev.ajar.supervisors.sysv.SysvSupervisor;
import dev.ajar.supervisors.xinetd.XinetdSupervisor;
import java.util.List;

/** Every supervisor ajar knows, in the order attribution asks them (see Attributor). */
public final class Supervisors {
  private Supervisors() {}

  public static List<Supervisor> all() {
    return List.of(
        new InetdSupervisor(),
        new XinetdSupervisor(),
        new SystemdSupervisor(),
        new RunitSupervisor(),
        new OpenrcSupervisor(),
        new SlackwareSupervisor(),
        new SysvSupervisor());
  }
}
