package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.remedy.RootFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ajar plan --format json` then `ajar apply` on an offline root (the Debian 12 fixture roots,
 * src/test/resources/supervisors): the same tree as `ajar close`, undone by `ajar undo`; a stale
 * plan, another root's plan or a broken plan refused with one line; --dry-run changes nothing.
 */
class ApplyCommandTest {
  @TempDir Path dir;
  Path root;
  Path planFile;

  static final String[] CLOSE = {"finger", "shell", "rpcbind"};

  @BeforeEach
  void plan() throws Exception {
    root = RootFixture.make(dir.resolve("root"));
    CliTest.Run plan =
        CliTest.run(
            "--root",
            root.toString(),
            "plan",
            "--close",
            "finger",
            "--close",
            "shell",
            "--close",
            "rpcbind",
            "--format",
            "json");
    assertThat(plan.code()).as(plan.err()).isZero();
    planFile = dir.resolve("plan.json");
    Files.writeString(planFile, plan.out());
  }

  CliTest.Run apply(String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "--root";
    args[1] = root.toString();
    args[2] = "apply";
    args[3] = planFile.toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return CliTest.run(args);
  }

  @Test
  void applyMakesWhatCloseMakesAndUndoRevertsIt() throws Exception {
    var before = RootFixture.snapshot(root);
    Path other = RootFixture.make(dir.resolve("other"));
    CliTest.Run close =
        CliTest.run(
            "--root",
            other.toString(),
            "close",
            "finger",
            "shell",
            "rpcbind",
            "--yes",
            "--journal",
            dir.resolve("journal-other").toString());
    assertThat(close.code()).as(close.err()).isZero();

    CliTest.Run dry = apply("--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("Disable inetd finger (/etc/inetd.conf:")
        .contains("opens port 79")
        .contains("1. write /etc/inetd.conf")
        .contains("(for finger, shell)")
        .contains("-finger\t\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd\t/usr/sbin/in.fingerd")
        .contains("+#finger\t\tstream")
        .contains("+#shell\t\tstream")
        .contains(
            "rename /etc/systemd/system/rpcbind.service ->"
                + " /etc/systemd/system/rpcbind.service.ajar-disabled")
        .contains("skipped offline: pkill -HUP -x inetd")
        .contains("Dry run: nothing was changed.");
    assertThat(RootFixture.snapshot(root)).isEqualTo(before);

    CliTest.Run applied = apply("--yes", "--journal", dir.resolve("journal").toString());
    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("Changed files: change set ");
    assertThat(RootFixture.snapshot(root))
        .isEqualTo(RootFixture.snapshot(other))
        .isNotEqualTo(before);

    CliTest.Run log =
        CliTest.run(
            "--root", root.toString(), "log", "--journal", dir.resolve("journal").toString());
    assertThat(log.out()).contains("apply plan.json").contains("6 changes");
    CliTest.Run undo =
        CliTest.run(
            "--root", root.toString(), "undo", "--journal", dir.resolve("journal").toString());
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(RootFixture.snapshot(root)).isEqualTo(before);
  }

  @Test
  void aFileEditedAfterPlanningIsRefusedByNameAndNothingChanges() throws Exception {
    Files.writeString(
        root.resolve("etc/systemd/system/rpcbind.service"),
        "# edited\n",
        StandardOpenOption.APPEND);
    var edited = RootFixture.snapshot(root);
    CliTest.Run stale = apply("--yes", "--journal", dir.resolve("journal").toString());
    assertThat(stale.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stale.err().strip())
        .startsWith(
            "ajar apply: /etc/systemd/system/rpcbind.service changed since the plan"
                + " was made (expected a file with sha256 ")
        .endsWith("nothing was changed: plan again")
        .doesNotContain("\n");
    assertThat(RootFixture.snapshot(root)).isEqualTo(edited);
    assertThat(dir.resolve("journal")).doesNotExist();
    // A link put where the plan expects nothing is refused too.
    Files.createSymbolicLink(
        root.resolve("etc/systemd/system/rpcbind.socket"),
        Path.of("/lib/systemd/system/rpcbind.socket"));
    assertThat(apply("--dry-run").err()).contains("/etc/systemd/system/rpcbind.service changed");
  }

  @Test
  void aPlanForAnotherRootOrABrokenPlanIsRefusedInOneLine() throws Exception {
    Path other = RootFixture.make(dir.resolve("other"));
    CliTest.Run elsewhere =
        CliTest.run("--root", other.toString(), "apply", planFile.toString(), "--yes");
    assertThat(elsewhere.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(elsewhere.err())
        .isEqualTo(
            "ajar apply: the plan was made for the root "
                + root.toRealPath()
                + ", not for the root "
                + other.toRealPath()
                + "; use --root "
                + root.toRealPath()
                + "\n");

    Files.writeString(
        planFile,
        Files.readString(planFile).replace("\"/etc/inetd.conf\"", "\"/etc/../etc/inetd.conf\""));
    CliTest.Run hostile = apply("--yes");
    assertThat(hostile.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(hostile.err())
        .isEqualTo(
            "ajar apply: "
                + planFile
                + ": not an ajar.plan/1 plan: field changes[0].path"
                + " is not an absolute normal path: /etc/../etc/inetd.conf\n");

    Files.write(planFile, new byte[] {'{', (byte) 0xff});
    assertThat(apply("--yes").err())
        .startsWith("ajar apply: " + planFile + ": not an ajar.plan/1 plan: ")
        .doesNotContain("\tat ");
    CliTest.Run missing =
        CliTest.run("--root", root.toString(), "apply", dir.resolve("none.json").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("none.json");
  }

  @Test
  void withoutYesAndWithoutATerminalNothingChanges() throws Exception {
    var before = RootFixture.snapshot(root);
    CliTest.Run run = apply();
    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("ajar apply: apply: no terminal to confirm on; use --yes");
    assertThat(RootFixture.snapshot(root)).isEqualTo(before);
    assertThat(new String(Files.readAllBytes(planFile), StandardCharsets.UTF_8))
        .contains("\"schema\" : \"ajar.plan/1\"");
  }
}
