package dev.ajar.supervisors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.SupervisorKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the registry answers for all its supervisors at once. */
class SupervisorsTest {
  @Test
  void everyKindButManualHasOneSupervisor() {
    assertThat(Supervisors.all())
        .extracting(Supervisor::kind)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(
            Arrays.stream(SupervisorKind.values())
                .filter(k -> k != SupervisorKind.MANUAL)
                .toArray(SupervisorKind[]::new));
    assertThat(Supervisors.of(SupervisorKind.MANUAL)).isEmpty();
  }

  @Test
  void reloadsAfterUndoAreTheRestoredSupervisorsInOrder() {
    List<String> restored =
        List.of(
            "/etc/systemd/system/rpcbind.socket",
            "/etc/xinetd.d/finger",
            "/etc/inetd.conf",
            "/etc/rc2.d/S01ssh");
    assertThat(Supervisors.reloadsAfterUndo(restored))
        .containsExactly(
            new DisablePlan.RuntimeStep(
                "make inetd re-read its configuration", List.of("pkill", "-HUP", "-x", "inetd")),
            new DisablePlan.RuntimeStep(
                "make xinetd re-read its configuration", List.of("pkill", "-HUP", "-x", "xinetd")),
            new DisablePlan.RuntimeStep(
                "make systemd re-read its units", List.of("systemctl", "daemon-reload")));
  }

  @Test
  void nothingToReloadForScriptsOrUnrelatedPaths() {
    assertThat(
            Supervisors.reloadsAfterUndo(
                List.of(
                    "/etc/rc2.d/S01ssh",
                    "/etc/inetd.conf.bak",
                    "/etc/xinetd.dx",
                    "/etc/systemd/system")))
        .isEmpty();
    assertThat(Supervisors.reloadsAfterUndo(List.of("/etc/inetd.d/finger")))
        .extracting(DisablePlan.RuntimeStep::argv)
        .containsExactly(List.of("pkill", "-HUP", "-x", "inetd"));
  }
}
