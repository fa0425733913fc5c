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
import dev.ajar.report.PlanStepsWriter;
import dev.ajar.report.PlanWriter;
import dev.ajar.report.RemovalWriter;
import java.io.IOException;
import java.nio.file.Path;
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
      names = "--unlisted",
      description = "Close every port the policy (--policy) does not allow.")
  boolean unlisted;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy, for --unlisted.")
  Path policy;

  @Option(
      names = "--lock-binaries",
      description = "Also chmod 0 each service's program, as the seed advises.")
  boolean lockBinaries;

  @Option(
      names = "--strip-setid",
      description = "With --lock-binaries: only clear set-UID/set-GID bits, keep it runnable.")
  boolean stripSetid;

  @Option(
      names = "--superserver",
      description =
          "When the entries closed are the last active ones of inetd or xinetd, also"
              + " stop starting the super-server itself.")
  boolean superServer;

  @Option(
      names = "--remove-packages",
      description =
          "Then remove the services' packages (apt-get remove, never purge or autoremove);"
              + " refused when more would go than --also-remove allows.")
  boolean removePackages;

  @Option(
      names = "--also-remove",
      paramLabel = "PKG",
      split = ",",
      description =
          "With --remove-packages: packages that may go too (they depend on the services' ones).")
  java.util.Set<String> alsoRemove = java.util.Set.of();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ChangeOptions change;

  @Override
  public Integer call() throws IOException {
    Run run = parent.thisRun();
    Host host = run.host();
    CloseRequest request =
        CloseRequests.of(
            spec,
            what,
            unlisted,
            policy,
            superServer,
            stripSetid
                ? CloseRequest.Lock.SETID_BITS
                : lockBinaries ? CloseRequest.Lock.EVERY_BIT : CloseRequest.Lock.NONE,
            removePackages,
            alsoRemove);
    Closer closer = run.closer();
    Targets targets = closer.targets(request, run);
    CloseRequests.notes(targets, request, parent.err, "ajar close");
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
    if (!change.yes && !Confirmation.ask(parent.in, parent.out, "close")) {
      parent.err.println(
          "ajar close: not confirmed; nothing was changed (use --yes to skip the question)");
      return ExitCodes.BAD_INPUT;
    }
    String description =
        (unlisted ? "close --unlisted" : "close " + String.join(" ", what))
            + (targets.removals() == null ? "" : " --remove-packages");
    CloseReport report;
    try (Journal journal = Journal.open(host.root(), change.journal)) {
      report = closer.close(plan, targets.removals(), description, journal);
    }
    parent.out.println(
        (targets.removals() == null ? "Changed files" : "Changed files and packages")
            + ": change set "
            + report.changeSet()
            + " (undo with: ajar undo "
            + report.changeSet()
            + ")");
    for (String line : report.steps()) {
      parent.out.println("  " + line);
    }
    parent.out.flush();
    return ExitCodes.OK;
  }
}
