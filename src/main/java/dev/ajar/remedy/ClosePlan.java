package dev.ajar.remedy;

import dev.ajar.change.FileChange;
import dev.ajar.change.Precondition;
import dev.ajar.change.RenamePath;
import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything `ajar close` would do, fixed for later: `ajar plan --format json|ansible` writes it,
 * `ajar apply` reads it back and makes exactly these changes. The plans of all entries are composed
 * into one ordered list of file changes (see {@link PlanComposer}), each with the state its path
 * must be in just before it is made, so a file edited since the plan is refused.
 *
 * @param root the root the plan was made for: "/" for the running host, else the --root path
 */
public record ClosePlan(String root, List<Entry> targets, List<Step> steps) {
  public ClosePlan {
    Objects.requireNonNull(root, "root");
    targets = List.copyOf(targets);
    steps = List.copyOf(steps);
  }

  /** One entry to disable: what starts it, the ports it opens, why, and what to run afterwards. */
  public record Entry(
      Owner owner,
      List<Integer> ports,
      String why,
      List<DisablePlan.RuntimeStep> runtime,
      List<String> notes) {
    public Entry {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(why, "why");
      ports = List.copyOf(ports);
      runtime = List.copyOf(runtime);
      notes = List.copyOf(notes);
    }
  }

  /**
   * One file change, the state its path must be in just before it (for a rename: its source), and
   * the targets (indexes) it serves.
   */
  public record Step(FileChange change, Precondition expected, List<Integer> targets) {
    public Step {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(expected, "expected");
      targets = List.copyOf(targets);
    }
  }

  /** The runtime steps of all targets in order, each command once (inetd is HUPed once). */
  public List<DisablePlan.RuntimeStep> runtime() {
    Set<List<String>> seen = new LinkedHashSet<>();
    List<DisablePlan.RuntimeStep> steps = new ArrayList<>();
    for (Entry t : targets) {
      for (DisablePlan.RuntimeStep s : t.runtime()) {
        if (seen.add(s.argv())) {
          steps.add(s);
        }
      }
    }
    return steps;
  }

  /** Every path a change touches: its own, and a rename's destination. */
  public static List<String> paths(FileChange change) {
    return change instanceof RenamePath r ? List.of(r.from(), r.to()) : List.of(change.path());
  }

  /**
   * The steps whose path no earlier step touches, with the state each path must be in before
   * anything is changed: what `ajar apply` and the playbook check first. A rename's destination
   * must be absent.
   */
  public List<Check> initialChecks() {
    Set<String> touched = new java.util.HashSet<>();
    List<Check> checks = new ArrayList<>();
    for (Step s : steps) {
      if (touched.add(s.change().path())) {
        checks.add(new Check(s.change().path(), s.expected()));
      }
      if (s.change() instanceof RenamePath r && touched.add(r.to())) {
        checks.add(new Check(r.to(), Precondition.absent()));
      }
    }
    return checks;
  }

  /** A path and the state it must be in. */
  public record Check(String path, Precondition expected) {}
}
