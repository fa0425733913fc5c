package dev.ajar.cli;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.remedy.CloseReport;
import dev.ajar.remedy.PlanApplier;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.report.CloseReportWriter;
import dev.ajar.report.PlanJsonReader;
import dev.ajar.report.PlanStepsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `ajar apply PLAN.json`: make a plan written by `ajar plan --format json`, exactly, journaled. */
@Command(
    name = "apply",
    header = "Make the changes of a plan from 'ajar plan'.",
    mixinStandardHelpOptions = true,
    description = {
      "Make the changes of a plan written by 'ajar plan --format json', exactly as planned,",
      "journaled like 'ajar close' ('ajar undo' reverts them). Refused, with the file named,",
      "when a file changed since the plan, and for a plan made for another root."
    })
final class ApplyCommand implements Callable<Integer> {
  /** A plan is a few configuration files; anything much larger is not one. */
  static final int MAX_PLAN_BYTES = 64 << 20;

  @ParentCommand AjarCommand parent;

  @Parameters(paramLabel = "PLAN.json", description = "The plan (ajar.plan/1).")
  Path planFile;

  @Mixin ChangeOptions change;

  @Override
  public Integer call() throws IOException {
    Host host = parent.host();
    ClosePlan plan = PlanJsonReader.read(planFile.toString(), read(planFile));
    PlanApplier applier = new PlanApplier(host);
    applier.check(plan, change.force, System.getenv("SSH_CONNECTION"));
    PlanStepsWriter.text(plan, host.isLive(), applier.currentContents(plan), parent.out);
    if (change.dryRun) {
      parent.out.println("Dry run: nothing was changed.");
      return ExitCodes.OK;
    }
    if (!change.confirmed(parent, "apply")) {
      return ExitCodes.BAD_INPUT;
    }
    CloseReport report;
    try (Journal journal = Journal.open(host.root(), change.journal)) {
      report = applier.apply(plan, "apply " + planFile.getFileName(), journal, null);
    }
    CloseReportWriter.text(report, false, parent.out);
    parent.out.flush();
    return ExitCodes.OK;
  }

  /** The plan file of the operator (not of the root): a regular file of bounded size. */
  private static byte[] read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(file + ": not a regular file");
      }
      byte[] data;
      try (InputStream in = Files.newInputStream(file)) {
        data = in.readNBytes(MAX_PLAN_BYTES + 1);
      }
      if (data.length > MAX_PLAN_BYTES) {
        throw new BadInputException(
            file + ": larger than " + (MAX_PLAN_BYTES >> 20) + " MiB, not a plan");
      }
      return data;
    } catch (IOException e) {
      throw new BadInputException(file + ": " + Errors.describe(e));
    }
  }
}
