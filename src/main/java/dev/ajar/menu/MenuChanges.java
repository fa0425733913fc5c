package dev.ajar.menu;

import dev.ajar.discover.PortQuery;
import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.Text;
import dev.ajar.pipeline.Run;
import dev.ajar.policy.Policy;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.remedy.CloseReport;
import dev.ajar.remedy.Closer;
import dev.ajar.remedy.PackageRemoval;
import dev.ajar.remedy.PlanApplier;
import dev.ajar.remedy.Targets;
import dev.ajar.remedy.journal.ChangeSetInfo;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.remedy.journal.UndoReport;
import dev.ajar.report.CloseReportWriter;
import dev.ajar.report.PlanWriter;
import dev.ajar.supervisors.SuperServer;
import dev.ajar.supervisors.Supervisors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the menu reads and changes, through the same parts as the commands: its rows from the run's
 * judgeable sockets (live: what listens now; offline: the next boot's prediction) and the audit's
 * findings; its plan through {@link Closer} and {@link PlanWriter} (the text `ajar plan` prints);
 * its changes through {@link PlanApplier#check} and {@link Closer#close} in the root's journal, as
 * `ajar close` makes them; its undo as `ajar undo` does it. After a change the root is read again
 * by a fresh {@link Run}: a run keeps what it read.
 */
final class MenuChanges {
  private final Supplier<Run> fresh;
  private final Policy policy;
  private final String sshConnection;
  private Run run;

  /**
   * @param run the command's run (read first)
   * @param fresh a new run of the same root, for after a change
   * @param policy the policy the risk is judged by, or null for the knowledge base
   * @param sshConnection $SSH_CONNECTION, or null: its port is never closed from the menu
   */
  MenuChanges(Run run, Supplier<Run> fresh, Policy policy, String sshConnection) {
    this.run = run;
    this.fresh = fresh;
    this.policy = policy;
    this.sshConnection = sshConnection;
  }

  Host host() {
    return run.host();
  }

  /** What the rows are: "this host (/): listening now", "ROOT: its next boot". */
  String title() {
    Host host = host();
    return host.isLive()
        ? "this host: listening now"
        : Text.forTerminal(host.root().toString()) + ": its next boot";
  }

  /** The rows, read now (the cached run's, or a fresh one's after a change). */
  List<MenuRow> rows() {
    List<OpenSocket> sockets = run.judgeable(PortQuery.listening());
    return MenuRows.of(sockets, run.auditor(policy).audit(sockets));
  }

  /**
   * A close planned for the chosen rows: its targets, its composed plan, the text `ajar plan`
   * prints for it, and the journal's description of the change.
   */
  record Planned(Targets targets, ClosePlan plan, List<String> text, String description) {}

  Planned plan(List<MenuRow> chosen) throws IOException {
    Map<Owner, List<Integer>> owners = new LinkedHashMap<>();
    for (MenuRow r : chosen) {
      owners.computeIfAbsent(r.owner(), k -> new ArrayList<>()).addAll(r.portNumbers());
    }
    Closer closer = run.closer();
    Targets targets = closer.targets(owners);
    ClosePlan plan = closer.plan(targets);
    List<String> text =
        lines(out -> PlanWriter.text(targets.list(), host().isLive(), out), new ArrayList<>());
    List<Owner> idle = targets.idleSuperServers();
    if (!idle.isEmpty()) {
      text.add(
          "note: no active "
              + SuperServer.kindStartedBy(idle.getFirst()).label()
              + " entry would remain; 'ajar close --superserver' also stops starting it ("
              + String.join(
                  ", ",
                  idle.stream()
                      .map(o -> o.supervisor().label() + " " + Text.forTerminal(o.entry()))
                      .toList())
              + ")");
    }
    String description =
        "menu: close "
            + String.join(
                ", ",
                targets.list().stream()
                    .map(t -> t.owner().supervisor().label() + " " + t.owner().entry())
                    .toList());
    return new Planned(targets, plan, text, description);
  }

  /**
   * Every guard of `ajar close` before the question: the plan's root, the port of the SSH
   * connection the menu runs through (never closed from the menu), a file changed since the plan.
   */
  void check(Planned planned) throws IOException {
    new PlanApplier(host()).check(planned.plan(), false, sshConnection);
  }

  /** What a close did: its change set, and the lines `ajar close` prints after the plan. */
  record Applied(String changeSet, List<String> report) {}

  /** Makes the plan in one change set of the root's journal. */
  Applied apply(Planned planned) throws IOException {
    try {
      CloseReport report;
      try (Journal journal = Journal.open(host().root(), null)) {
        report = run.closer().close(planned.plan(), null, planned.description(), journal);
      }
      // the runtime steps' outcomes hold what the commands said on stderr
      List<String> lines =
          lines(out -> CloseReportWriter.text(report, false, out), new ArrayList<>()).stream()
              .map(Text::forTerminal)
              .toList();
      return new Applied(report.changeSet(), lines);
    } finally {
      run = fresh.get();
    }
  }

  /** The change set `u` undoes: the latest not undone yet, or null (no journal, or none left). */
  ChangeSetInfo lastChange() throws IOException {
    if (!host().isDirectory(Journal.DEFAULT_DIRECTORY)) {
      return null;
    }
    try (Journal journal = Journal.open(host().root(), null)) {
      for (ChangeSetInfo info : journal.list().reversed()) {
        if (info.state() != ChangeSetInfo.State.UNDONE) {
          return info;
        }
      }
    }
    return null;
  }

  /**
   * Undoes one change set as `ajar undo ID` does, with the reloads that make restored files take
   * effect on the live host; what it did.
   */
  List<String> undo(String id) throws IOException {
    Host host = host();
    List<String> lines = new ArrayList<>();
    try (Journal journal = Journal.open(host.root(), null)) {
      UndoReport report =
          journal.undo(id, false, host.isLive() ? PackageRemoval.steps(host) : null);
      lines.add("Undid change set " + report.changeSetId() + ":");
      for (UndoReport.Step step : report.steps()) {
        lines.add(
            "  "
                + step.outcome().name().toLowerCase(Locale.ROOT)
                + ": "
                + Text.forTerminal(step.summary()));
      }
      for (String note : report.notes()) {
        lines.add("  note: " + Text.forTerminal(note));
      }
      List<String> restored = report.steps().stream().flatMap(s -> s.paths().stream()).toList();
      for (String line : new PlanApplier(host).runRuntime(Supervisors.reloadsAfterUndo(restored))) {
        lines.add("  " + Text.forTerminal(line));
      }
      if (host.isLive()) {
        lines.add(
            "Services that were stopped are not started again: start the ones you want running"
                + " now.");
      }
    } finally {
      run = fresh.get();
    }
    return lines;
  }

  /** What a writer prints, as lines. */
  private static List<String> lines(
      java.util.function.Consumer<PrintStream> writer, List<String> into) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    writer.accept(out);
    out.flush();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      into.add(line);
    }
    if (!into.isEmpty() && into.getLast().isEmpty()) {
      into.removeLast();
    }
    return into;
  }
}
