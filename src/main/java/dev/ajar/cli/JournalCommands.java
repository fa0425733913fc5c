package dev.ajar.cli;

import dev.ajar.remedy.PlanApplier;
import dev.ajar.remedy.journal.ChangeSetInfo;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.remedy.journal.UndoReport;
import dev.ajar.supervisors.Supervisors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `ajar log` and `ajar undo`: the journal of changes, forwards and backwards. */
final class JournalCommands {
  private JournalCommands() {}

  /** `ajar log`. */
  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      header = "List the change sets ajar made, newest last.")
  static final class Log implements Callable<Integer> {
    @ParentCommand AjarCommand parent;

    @Option(names = "--journal", paramLabel = "DIR", hidden = true)
    Path journal;

    @Override
    public Integer call() throws IOException {
      try (Journal j = Journal.open(parent.host().root(), journal)) {
        var sets = j.list();
        if (sets.isEmpty()) {
          parent.out.println("No changes recorded.");
        }
        for (ChangeSetInfo s : sets) {
          if (s.state() == ChangeSetInfo.State.PARTIAL
              || s.state() == ChangeSetInfo.State.UNDO_INTERRUPTED) {
            parent.err.println(
                "ajar log: change set "
                    + s.id()
                    + " did not finish ("
                    + s.state().name().toLowerCase(java.util.Locale.ROOT)
                    + "): run 'ajar undo "
                    + s.id()
                    + "'");
          }
          parent.out.println(
              s.id()
                  + "  "
                  + s.created()
                  + "  "
                  + s.state().name().toLowerCase(java.util.Locale.ROOT)
                  + "  "
                  + s.changes()
                  + " changes  "
                  + s.description());
          for (String summary : s.summaries()) {
            parent.out.println("    " + summary);
          }
        }
      }
      parent.out.flush();
      return ExitCodes.OK;
    }
  }

  /** `ajar undo [ID]`. */
  @Command(
      name = "undo",
      mixinStandardHelpOptions = true,
      header = "Revert a change set (default: the latest).",
      description = {
        "Revert a change set (default: the latest), byte for byte. Refused, with the",
        "file named, where a file changed again after ajar changed it, unless --force."
      })
  static final class Undo implements Callable<Integer> {
    @ParentCommand AjarCommand parent;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "A change set id from 'ajar log'.")
    String id;

    @Option(names = "--force", description = "Restore even files changed since.")
    boolean force;

    @Option(names = "--journal", paramLabel = "DIR", hidden = true)
    Path journal;

    @Override
    public Integer call() throws IOException {
      try (Journal j = Journal.open(parent.host().root(), journal)) {
        var host = parent.host();
        UndoReport report =
            j.undo(id, force, host.isLive() ? dev.ajar.remedy.PackageRemoval.steps(host) : null);
        parent.out.println("Undid change set " + report.changeSetId() + ":");
        for (UndoReport.Step step : report.steps()) {
          parent.out.println(
              "  "
                  + step.outcome().name().toLowerCase(java.util.Locale.ROOT)
                  + ": "
                  + step.summary());
        }
        for (String note : report.notes()) {
          parent.out.println("  note: " + note);
        }
        List<String> restored = report.steps().stream().flatMap(s -> s.paths().stream()).toList();
        for (String line :
            new PlanApplier(host).runRuntime(Supervisors.reloadsAfterUndo(restored))) {
          parent.out.println("  " + line);
        }
        parent.out.println(
            "Services that were stopped are not started again: start the ones you"
                + " want running now.");
      }
      parent.out.flush();
      return ExitCodes.OK;
    }
  }
}
