package dev.ajar.supervisors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the registry answers for all its supervisors at once. */
class SupervisorsTest {
  @Test
  void reloadsAfterUndoAreTheRestoredSupervisorsInOrder() {
    List<String> restored = List.of("/etc/systemd/system/rpcbind.socket", "/etc/xinetd.d/finger",
        "/etc/inetd.conf", "/etc/rc2.d/S01ssh");
    assertThat(Supervisors.reloadsAfterUndo(restored)).containsExactly(
        new DisablePlan.RuntimeStep("make inetd re-read its configuration",
            List.of("pkill", "-HUP", "-x", "inetd")),
        new DisablePlan.RuntimeStep("make xinetd re-read its configuration",
            List.of("pkill", "-HUP", "-x", "xinetd")),
        new DisablePlan.RuntimeStep("make systemd re-read its units",
            List.of("systemctl", "daemon-reload")));
  }

  @Test
  void nothingToReloadForScriptsOrUnrelatedPaths() {
    assertThat(Supervisors.reloadsAfterUndo(
            List.of("/etc/rc2.d/S01ssh", "/etc/inetd.conf.bak", "/etc/xinetd.dx", "/etc/systemd/system")))
        .isEmpty();
    assertThat(Supervisors.reloadsAfterUndo(List.of("/etc/inetd.d/finger")))
        .extracting(DisablePlan.RuntimeStep::argv)
        .containsExactly(List.of("pkill", "-HUP", "-x", "inetd"));
  }
}
