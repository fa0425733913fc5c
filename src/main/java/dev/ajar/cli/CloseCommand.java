package dev.ajar.cli;

import dev.ajar.host.Host;
import dev.ajar.pipeline.Run;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.remedy.CloseReport;
import dev.ajar.remedy.CloseRequest;
import dev.ajar.remedy.Closer;
import dev.ajar.remedy.PlanApplier;
import dev.ajar.remedy.Targets;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.report.CloseReportWriter;
import dev.ajar.report.PlanStepsWriter;
import dev.ajar.report.PlanWriter;
import dev.ajar.report.RemovalWriter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `ajar close PORT|SERVICE...`: disable what opens it, persistently, journaled and undoable. */
@Command(
    name = "close",
    header = "Disable what opens ports or services, journaled.",
    mixinStandardHelpOptions = true,
    description = {
      "Disable, where it is started, whatever opens these ports or services: comment the inetd",
      "line, disable the xinetd service, mask the systemd service and its socket, turn start",
      "links into stop links... Every change is journaled first; 'ajar undo' reverts it.",
      "Live, the daemons are stopped too; on --root DIR only files change."
    })
final class CloseCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Parameters(paramLabel = "PORT|SERVICE", arity = "0..*", description = "e.g. finger, 79, rpcbind")
  List<String> what = List.of();

  @Option(
      names = "--lock-binaries",
      description = "Also chmod 0 each service's program, as the seed advises.")
  boolean lockBinaries;

  @Option(
      names = "--strip-setid",
      description = "With --lock-binaries: only clear set-UID/set-GID bits, keep it runnable.")
  boolean stripSetid;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CloseOptions options;

  @Mixin ChangeOptions change;

  @Override
  public Integer call() throws IOException {
    Run run = parent.thisRun();
    Host host = run.host();
    CloseRequest request =
        options.request(
            spec,
            what,
            stripSetid
                ? CloseRequest.Lock.SETID_BITS
                : lockBinaries ? CloseRequest.Lock.EVERY_BIT : CloseRequest.Lock.NONE);
    Closer closer = run.closer();
    Targets targets = closer.targets(request, run);
    CloseOptions.notes(targets, request, parent.err, "ajar close");
    if (targets.list().isEmpty()) {
      parent.out.println("Nothing to close.");
      return ExitCodes.OK;
    }
    ClosePlan plan = closer.plan(targets);
    PlanApplier applier = new PlanApplier(host);
    applier.check(plan, change.force, System.getenv("SSH_CONNECTION"));
    PlanWriter.text(targets.list(), host.isLive(), parent.out);
    if (targets.removals() != null) {
      RemovalWriter.text(targets.removals(), parent.out);
    }
    if (change.dryRun) {
      PlanStepsWriter.diffs(plan, applier.currentContents(plan), parent.out);
      parent.out.println("Dry run: nothing was changed.");
      return ExitCodes.OK;
    }
    if (!change.confirmed(parent, "close")) {
      return ExitCodes.BAD_INPUT;
    }
    String description =
        (options.unlisted ? "close --unlisted" : "close " + String.join(" ", what))
            + (targets.removals() == null ? "" : " --remove-packages");
    CloseReport report;
    try (Journal journal = Journal.open(host.root(), change.journal)) {
      report = closer.close(plan, targets.removals(), description, journal);
    }
    CloseReportWriter.text(report, targets.removals() != null, parent.out);
    parent.out.flush();
    return ExitCodes.OK;
  }
}
