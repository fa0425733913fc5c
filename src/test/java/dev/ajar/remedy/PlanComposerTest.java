package dev.ajar.remedy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.CreateSymlink;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.DisablePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plans of several entries become one list of changes, each with the state it expects. */
class PlanComposerTest {
  @TempDir Path dir;

  @Test
  void twoEntriesOfOneInetdConfMergeAndAServiceAndItsSocketMaskOnce() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    Host host = Host.offline(root);
    byte[] conf = Files.readAllBytes(root.resolve("etc/inetd.conf"));
    var targets = Closing.named(host, List.of("finger", "shell", "rpcbind")).list();
    assertThat(targets)
        .extracting(t -> t.owner().entry())
        .containsExactly("finger", "shell", "rpcbind.socket", "rpcbind.service");

    ClosePlan plan = new PlanComposer(host).compose(targets);
    assertThat(plan.root()).isEqualTo(root.toRealPath().toString());
    String unit = "/etc/systemd/system/rpcbind.service";
    assertThat(plan.steps())
        .extracting(ClosePlan.Step::change)
        .containsExactly(
            new WriteFile(
                "/etc/inetd.conf",
                new String(conf, StandardCharsets.UTF_8)
                    .replace("\nfinger\t", "\n#finger\t")
                    .replace("\nshell\t", "\n#shell\t")
                    .getBytes(StandardCharsets.UTF_8)),
            new RemovePath("/etc/systemd/system/multi-user.target.wants/rpcbind.service"),
            new RenamePath(unit, unit + ".ajar-disabled"),
            new CreateSymlink(unit, "/dev/null"),
            new RemovePath("/etc/systemd/system/sockets.target.wants/rpcbind.socket"),
            new CreateSymlink("/etc/systemd/system/rpcbind.socket", "/dev/null"));
    // Each step expects what the one before it left: the unit is moved aside, then masked.
    assertThat(plan.steps())
        .extracting(ClosePlan.Step::expected)
        .containsExactly(
            Precondition.content(conf),
            Precondition.symlinkTo("/lib/systemd/system/rpcbind.service"),
            Precondition.content(
                Files.readAllBytes(root.resolve("etc/systemd/system/rpcbind.service"))),
            Precondition.absent(),
            Precondition.symlinkTo("/lib/systemd/system/rpcbind.socket"),
            Precondition.absent());
    assertThat(plan.steps())
        .extracting(ClosePlan.Step::targets)
        .containsExactly(
            List.of(0, 1),
            List.of(2, 3),
            List.of(2, 3),
            List.of(2, 3),
            List.of(2, 3),
            List.of(2, 3));
    // Checked before anything changes: each path once, the rename's destination absent.
    assertThat(plan.initialChecks())
        .extracting(ClosePlan.Check::path)
        .containsExactly(
            "/etc/inetd.conf",
            "/etc/systemd/system/multi-user.target.wants/rpcbind.service",
            unit,
            unit + ".ajar-disabled",
            "/etc/systemd/system/sockets.target.wants/rpcbind.socket",
            "/etc/systemd/system/rpcbind.socket");
    assertThat(plan.runtime())
        .extracting(DisablePlan.RuntimeStep::argv)
        .containsExactly(
            List.of("pkill", "-HUP", "-x", "inetd"),
            List.of("systemctl", "stop", "rpcbind.service", "rpcbind.socket"),
            List.of("systemctl", "daemon-reload"));
  }

  @Test
  void closeAppliesTheComposedPlanAndUndoGivesTheTreeBack() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    var before = RootFixture.snapshot(root);
    Host host = Host.offline(root);
    var targets = Closing.named(host, List.of("finger", "shell", "rpcbind")).list();
    String id = Closing.close(host, targets, "close", dir.resolve("journal"));
    assertThat(Files.readString(root.resolve("etc/inetd.conf")))
        .contains("\n#finger\t")
        .contains("\n#shell\t")
        .contains("\ntalk\t");
    assertThat(Files.readSymbolicLink(root.resolve("etc/systemd/system/rpcbind.service")))
        .hasToString("/dev/null");
    assertThat(root.resolve("etc/systemd/system/rpcbind.service.ajar-disabled")).isRegularFile();
    try (var journal = dev.ajar.remedy.journal.Journal.open(root, dir.resolve("journal"))) {
      assertThat(journal.undo(id, false).changeSetId()).isEqualTo(id);
    }
    assertThat(RootFixture.snapshot(root)).isEqualTo(before);
  }

  @Test
  void twoEntriesChangingOnePathDifferentlyAreRefused() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    Host host = Host.offline(root);
    Owner a = new Owner(SupervisorKind.SYSTEMD, "a.service", null, 0, null);
    Owner b = new Owner(SupervisorKind.SYSTEMD, "b.service", null, 0, null);
    var clash =
        List.of(
            new Target(
                a,
                List.of(),
                List.of(),
                new DisablePlan(
                    List.of(new CreateSymlink("/etc/x", "/dev/null")), List.of(), List.of())),
            new Target(
                b,
                List.of(),
                List.of(),
                new DisablePlan(
                    List.of(new CreateSymlink("/etc/x", "/dev/zero")), List.of(), List.of())));
    assertThatThrownBy(() -> new PlanComposer(host).compose(clash))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "/etc/x: changed differently for systemd a.service and systemd b.service; close them"
                + " one at a time");
    Files.writeString(root.resolve("etc/y"), "one\n");
    var lines =
        List.of(
            new Target(
                a,
                List.of(),
                List.of(),
                new DisablePlan(
                    List.of(new WriteFile("/etc/y", "#one\n".getBytes(StandardCharsets.UTF_8))),
                    List.of(),
                    List.of())),
            new Target(
                b,
                List.of(),
                List.of(),
                new DisablePlan(
                    List.of(new WriteFile("/etc/y", "# one\n".getBytes(StandardCharsets.UTF_8))),
                    List.of(),
                    List.of())));
    assertThatThrownBy(() -> new PlanComposer(host).compose(lines))
        .hasMessageStartingWith("/etc/y: changed differently");
  }
}
