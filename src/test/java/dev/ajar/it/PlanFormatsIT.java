package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three ways to carry out one plan leave the same tree, on copies of the real Debian root
 * (src/test/lab/debian-root.sh): `ajar close`; the playbook of `ajar plan --format ansible` run by
 * Debian's own ansible-playbook against the copy; `ajar plan --format json` then `ajar apply`,
 * which `ajar undo` reverts. And the playbook, like apply, stops before changing anything when a
 * file was edited after planning.
 */
class PlanFormatsIT {
  /**
   * finger, telnet and the r-services in inetd.conf; vsftpd (systemd and SysV); rpcbind (service
   * and socket).
   */
  static final List<String> CLOSE =
      List.of("finger", "telnet", "shell", "login", "vsftpd", "rpcbind");

  static Path root;
  final RootCopies copies = new RootCopies("ajar-formats-");

  @BeforeAll
  static void buildRoot() throws Exception {
    Integration.requireCommand("/usr/bin/ansible-playbook");
    root = RootLab.buildRoot("inetd");
  }

  @AfterEach
  void clean() throws IOException {
    copies.clean();
  }

  Path copy(String name) throws Exception {
    return copies.copy(root, name);
  }

  static Integration.Result ajar(Path tree, String command, List<String> args) {
    List<String> all = new ArrayList<>(List.of("--root", tree.toString(), command));
    all.addAll(args);
    return Integration.ajar(all.toArray(String[]::new));
  }

  static List<String> planArgs(String format) {
    List<String> args = new ArrayList<>();
    for (String word : CLOSE) {
      args.add("--close");
      args.add(word);
    }
    args.addAll(List.of("--format", format));
    return args;
  }

  Integration.Result playbook(Path tree, String name) throws Exception {
    var plan = ajar(tree, "plan", planArgs("ansible"));
    assertThat(plan.code()).as(plan.err()).isZero();
    Path pb = copies.work().resolve(name + ".yml");
    Files.writeString(pb, plan.out());
    return playbookRun(tree, pb);
  }

  static Integration.Result playbookRun(Path tree, Path pb) throws Exception {
    return Integration.exec(
        Duration.ofMinutes(10),
        "env",
        "ANSIBLE_NOCOLOR=1",
        "ANSIBLE_RETRY_FILES_ENABLED=0",
        "ansible-playbook",
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        "ajar_root=" + tree,
        pb.toString());
  }

  @Test
  void closeThePlaybookAndApplyLeaveTheSameTreeAndUndoRevertsApply() throws Exception {
    Path viaClose = copy("close");
    Path viaAnsible = copy("ansible");
    Path viaApply = copy("apply");
    SortedMap<String, String> original = DisableGoldenIT.snapshot(viaApply.resolve("etc"));

    List<String> closeArgs = new ArrayList<>(CLOSE);
    closeArgs.addAll(
        List.of("--yes", "--journal", copies.work().resolve("journal-close").toString()));
    var close = ajar(viaClose, "close", closeArgs);
    assertThat(close.code()).as(close.err()).isZero();
    SortedMap<String, String> closed = DisableGoldenIT.snapshot(viaClose.resolve("etc"));
    assertThat(closed).isNotEqualTo(original);
    assertThat(Files.readString(viaClose.resolve("etc/inetd.conf")))
        .contains("\n#finger\t")
        .contains("\n#telnet\t")
        .contains("\n#shell\t")
        .contains("\n#login\t");

    var ran = playbook(viaAnsible, "pb");
    assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
    assertThat(ran.out()).contains("failed=0");
    assertThat(DisableGoldenIT.snapshot(viaAnsible.resolve("etc"))).isEqualTo(closed);

    var plan = ajar(viaApply, "plan", planArgs("json"));
    assertThat(plan.code()).as(plan.err()).isZero();
    Path planFile = copies.work().resolve("plan.json");
    Files.writeString(planFile, plan.out());
    Path journal = copies.work().resolve("journal-apply");
    var apply =
        ajar(
            viaApply,
            "apply",
            List.of(planFile.toString(), "--yes", "--journal", journal.toString()));
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(DisableGoldenIT.snapshot(viaApply.resolve("etc"))).isEqualTo(closed);
    var undo = ajar(viaApply, "undo", List.of("--journal", journal.toString()));
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(DisableGoldenIT.snapshot(viaApply.resolve("etc"))).isEqualTo(original);
  }

  @Test
  void thePlaybookAndApplyRefuseAFileEditedAfterPlanningBeforeChangingAnything() throws Exception {
    Path tree = copy("stale");
    var plan = ajar(tree, "plan", planArgs("ansible"));
    var json = ajar(tree, "plan", planArgs("json"));
    assertThat(plan.code()).as(plan.err()).isZero();
    Path pb = copies.work().resolve("stale.yml");
    Files.writeString(pb, plan.out());
    Path planFile = copies.work().resolve("stale.json");
    Files.writeString(planFile, json.out());
    // The administrator edits inetd.conf while the plan waits for review.
    Files.writeString(
        tree.resolve("etc/inetd.conf"), "# added meanwhile\n", StandardOpenOption.APPEND);
    SortedMap<String, String> edited = DisableGoldenIT.snapshot(tree.resolve("etc"));

    var ran = playbookRun(tree, pb);
    assertThat(ran.code()).as(ran.out()).isNotZero();
    assertThat(ran.out())
        .contains("/etc/inetd.conf changed since the plan was made")
        .contains("changed=0");
    assertThat(DisableGoldenIT.snapshot(tree.resolve("etc"))).isEqualTo(edited);

    var apply =
        ajar(
            tree,
            "apply",
            List.of(
                planFile.toString(), "--yes", "--journal", copies.work().resolve("j").toString()));
    assertThat(apply.code()).isEqualTo(3);
    assertThat(apply.err()).contains("/etc/inetd.conf changed since the plan was made");
    assertThat(DisableGoldenIT.snapshot(tree.resolve("etc"))).isEqualTo(edited);
  }
}
