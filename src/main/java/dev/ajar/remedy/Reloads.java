package dev.ajar.remedy;

import dev.ajar.supervisors.DisablePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * After an undo on the live host, what makes the restored configuration take effect: the
 * super-servers re-read theirs (inetd and xinetd on SIGHUP, which reopens a port an entry came
 * back for), systemd re-reads its units. Services that were stopped are not started again: that
 * is for the administrator to decide, and undo says so.
 */
public final class Reloads {
  private Reloads() {}

  public static List<DisablePlan.RuntimeStep> after(List<String> restoredPaths) {
    boolean inetd = false;
    boolean xinetd = false;
    boolean systemd = false;
    for (String p : restoredPaths) {
      inetd |= p.equals("/etc/inetd.conf") || p.startsWith("/etc/inetd.d/");
      xinetd |= p.equals("/etc/xinetd.conf") || p.startsWith("/etc/xinetd.d/");
      systemd |= p.startsWith("/etc/systemd/system/");
    }
    List<DisablePlan.RuntimeStep> steps = new ArrayList<>();
    if (inetd) {
      steps.add(new DisablePlan.RuntimeStep("make inetd re-read its configuration",
          List.of("pkill", "-HUP", "-x", "inetd")));
    }
    if (xinetd) {
      steps.add(new DisablePlan.RuntimeStep("make xinetd re-read its configuration",
          List.of("pkill", "-HUP", "-x", "xinetd")));
    }
    if (systemd) {
      steps.add(new DisablePlan.RuntimeStep("make systemd re-read its units",
          List.of("systemctl", "daemon-reload")));
    }
    return steps;
  }
}
