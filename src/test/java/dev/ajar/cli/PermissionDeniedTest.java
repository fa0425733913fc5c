package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.ProcessInfo;
import dev.ajar.supervisors.ProcessLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one line `ajar ports` prints on stderr about what it was not allowed to read. */
class PermissionDeniedTest {
  static ProcessInfo process(int pid, String name) {
    return new ProcessInfo(pid, 1, name, List.of(), null, 0, "root", null, null, null, "/");
  }

  static ProcessLookup lookup(ProcessInfo... processes) {
    Map<Integer, ProcessInfo> byPid = new java.util.HashMap<>();
    for (ProcessInfo p : processes) {
      byPid.put(p.pid(), p);
    }
    return byPid::get;
  }

  @Test
  void nothingHiddenSaysNothing() {
    assertThat(PortsCommand.permissionDenied(0, List.of(), lookup(), false)).isNull();
  }

  @Test
  void oneProcessIsNamedByPidAndProgram() {
    assertThat(PortsCommand.permissionDenied(0, List.of(1234), lookup(process(1234, "sshd")), true))
        .isEqualTo("permission denied to the open files of 1 process: 1234 (sshd)");
    assertThat(
            PortsCommand.permissionDenied(0, List.of(1234), lookup(process(1234, "sshd")), false))
        .isEqualTo(
            "permission denied to the open files of 1 process: 1234 (sshd); their sockets"
                + " are listed without owner; run as root to see them");
  }

  @Test
  void manyProcessesNameTheFirstFewAndCountTheRest() {
    ProcessLookup names =
        lookup(
            process(1, "systemd"), process(2, "kthreadd"), process(3, "rcu_gp"), process(4, "x"));
    assertThat(PortsCommand.permissionDenied(0, List.of(1, 2, 3), names, true))
        .isEqualTo(
            "permission denied to the open files of 3 processes: 1 (systemd), 2 (kthreadd),"
                + " 3 (rcu_gp)");
    assertThat(PortsCommand.permissionDenied(0, List.of(1, 2, 3, 4, 5, 6), names, true))
        .isEqualTo(
            "permission denied to the open files of 6 processes: 1 (systemd), 2 (kthreadd),"
                + " 3 (rcu_gp) and 3 more");
  }

  @Test
  void aProcessThatExitedSinceIsItsPidAlone() {
    assertThat(PortsCommand.permissionDenied(0, List.of(7, 8), lookup(process(8, "cron")), true))
        .isEqualTo("permission denied to the open files of 2 processes: 7, 8 (cron)");
  }

  @Test
  void aProcessChosenNameIsEscapedForTheTerminal() {
    String hostile = "evil\u001b]2;owned\u0007\n";
    assertThat(PortsCommand.permissionDenied(0, List.of(66), lookup(process(66, hostile)), true))
        .isEqualTo(
            "permission denied to the open files of 1 process: 66 (evil\\x1b]2;owned\\x07\\n)")
        .doesNotContain("\u001b");
  }

  @Test
  void namespacesComeFirstSoTheProcessListEndsTheLine() {
    assertThat(
            PortsCommand.permissionDenied(2, List.of(1234), lookup(process(1234, "sshd")), false))
        .isEqualTo(
            "permission denied to 2 network namespaces and to the open files of 1 process:"
                + " 1234 (sshd); their sockets are listed without owner; run as root to see them");
    assertThat(PortsCommand.permissionDenied(1, List.of(), lookup(), true))
        .isEqualTo("permission denied to 1 network namespace");
  }
}
