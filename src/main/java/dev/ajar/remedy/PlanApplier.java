package dev.ajar.remedy;

import dev.ajar.change.Precondition;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.CommandRunner;
import dev.ajar.host.Host;
import dev.ajar.remedy.journal.ChangeSet;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.supervisors.DisablePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a {@link ClosePlan} through the journal: the one way `ajar close` and `ajar apply` change
 * files. Every path is checked against the plan before the first change (a file edited since the
 * plan is refused by name, nothing changed), then each change is journaled and made in order, the
 * journal checking its path once more just before.
 */
public final class PlanApplier {
  private final Host host;

  public PlanApplier(Host host) {
    this.host = host;
  }

  /**
   * Every guard, before anything is shown as about to happen and again before it does: a plan made
   * for another root, one that closes the port of the SSH connection ajar runs through (live,
   * unless {@code force}), one whose files changed since it was made.
   *
   * @param sshConnection $SSH_CONNECTION ("client-ip client-port server-ip server-port"), or null
   */
  public void check(ClosePlan plan, boolean force, String sshConnection) throws IOException {
    refuseOtherRoot(plan);
    if (!force && host.isLive()) {
      refuseSshPort(
          plan.targets().stream().flatMap(t -> t.ports().stream()).toList(), sshConnection);
    }
    refuseChangedSincePlanned(plan);
  }

  /** A plan made for another root would edit the wrong system. */
  private void refuseOtherRoot(ClosePlan plan) {
    Path planned = Path.of(plan.root());
    try {
      planned = planned.toRealPath();
    } catch (IOException e) {
      // compared as written: it does not exist here, so it cannot be this root
    }
    if (!planned.equals(host.root())) {
      throw new BadInputException(
          "the plan was made for "
              + describe(plan.root())
              + ", not for "
              + describe(host.root().toString())
              + (plan.root().equals("/") ? "" : "; use --root " + plan.root()));
    }
  }

  private static String describe(String root) {
    return root.equals("/") ? "the running host (/)" : "the root " + root;
  }

  /** More steps of the same change set, after the file changes and before the commit. */
  @FunctionalInterface
  public interface InSameSet {
    /** Returns what each step did, for the report. */
    List<String> run(ChangeSet set) throws IOException;
  }

  /**
   * Makes every step of the plan through one change set, in a journal of this root that the caller
   * opened (and holds the lock of), refusing first a file changed since the plan; then the runtime
   * steps (live host only). With {@code then} (a package removal), the runtime steps and then
   * {@code then} run inside the change set, before its commit: the daemons are stopped before their
   * packages go, and undo reinstalls what went.
   */
  public CloseReport apply(ClosePlan plan, String description, Journal journal, InSameSet then)
      throws IOException {
    if (!journal.root().equals(host.root())) {
      throw new IllegalArgumentException(
          "journal of " + journal.root() + ", not of " + host.root());
    }
    refuseChangedSincePlanned(plan);
    List<String> report = new ArrayList<>();
    String id;
    try (ChangeSet set = journal.begin(description)) {
      for (ClosePlan.Step step : plan.steps()) {
        set.apply(step.change(), step.expected());
      }
      if (then != null) {
        report.addAll(runRuntime(plan.runtime()));
        report.addAll(then.run(set));
      }
      set.commit();
      id = set.id();
    }
    if (then == null) {
      report.addAll(runRuntime(plan.runtime()));
    }
    return new CloseReport(id, report);
  }

  /**
   * Refuses, naming the first file that is no longer as planned, before anything is changed (the
   * journal checks each path once more just before its change).
   */
  private void refuseChangedSincePlanned(ClosePlan plan) throws IOException {
    PlanComposer states = new PlanComposer(host);
    for (ClosePlan.Check check : plan.initialChecks()) {
      Precondition now = states.stateNow(check.path());
      if (!now.equals(check.expected())) {
        throw new BadInputException(
            check.path()
                + " changed since the plan was made (expected "
                + check.expected().describe()
                + ", found "
                + now.describe()
                + "); nothing was changed: plan again");
      }
    }
  }

  /**
   * The files the plan rewrites, as they are now (empty for one it creates), for the diffs an
   * administrator reviews. Call after {@link #check}.
   */
  public Map<String, byte[]> currentContents(ClosePlan plan) throws IOException {
    Map<String, byte[]> before = new LinkedHashMap<>();
    for (ClosePlan.Check c : plan.initialChecks()) {
      if (c.expected() instanceof Precondition.Content) {
        before.put(c.path(), host.read(c.path()));
      }
    }
    for (ClosePlan.Step s : plan.steps()) {
      if (s.change() instanceof WriteFile w && !(s.expected() instanceof Precondition.Content)) {
        before.putIfAbsent(w.path(), new byte[0]);
      }
    }
    return before;
  }

  /**
   * Never cut the branch ajar sits on: refuses a plan that closes the server port of
   * $SSH_CONNECTION ("client-ip client-port server-ip server-port").
   */
  static void refuseSshPort(Collection<Integer> ports, String sshConnection) {
    if (sshConnection == null) {
      return;
    }
    String[] f = sshConnection.trim().split("\\s+");
    if (f.length < 4 || !f[3].matches("\\d{1,5}")) {
      return;
    }
    int port = Integer.parseInt(f[3]);
    if (ports.contains(port)) {
      throw new BadInputException(
          "close: port "
              + port
              + " carries the SSH connection this runs"
              + " through (from "
              + f[0]
              + "); closing it would lock you out. Use --force if you mean it");
    }
  }

  /** Runs the steps on the live host only, in order; each failure is reported, not thrown. */
  public List<String> runRuntime(List<DisablePlan.RuntimeStep> steps) {
    List<String> report = new ArrayList<>();
    if (!host.isLive()) {
      for (DisablePlan.RuntimeStep step : steps) {
        report.add("skipped (offline root): " + String.join(" ", step.argv()));
      }
      return report;
    }
    CommandRunner runner = host.runner();
    for (DisablePlan.RuntimeStep step : steps) {
      try {
        CommandRunner.Result r = runner.run(step.argv(), Duration.ofSeconds(60));
        if (!r.ok() && r.exitCode() == 1 && step.argv().getFirst().equals("pkill")) {
          // pkill's "no process matched": nothing runs that needs telling.
          report.add(
              "nothing to signal, no "
                  + step.argv().getLast()
                  + " runs: "
                  + String.join(" ", step.argv()));
          continue;
        }
        report.add(
            (r.ok() ? "ran: " : "failed (exit " + r.exitCode() + "): ")
                + String.join(" ", step.argv())
                + (r.ok() ? "" : ": " + r.stderr().strip()));
      } catch (IOException e) {
        report.add("failed: " + String.join(" ", step.argv()) + ": " + e.getMessage());
      }
    }
    return report;
  }
}
