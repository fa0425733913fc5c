package dev.ajar.remedy;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChange;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the plans of several entries, each made on the files as they are now, into one ordered list
 * of changes that makes all of them: the same change planned twice (a service and its socket mask
 * each other) is made once; two rewrites of one file (finger and telnet in one inetd.conf) are
 * merged line by line against the original, as diff3 would. Anything else that touches one path for
 * two entries is refused: plan them one at a time.
 *
 * <p>Each step carries the state its path must be in just before it: the state now for the first
 * change of a path, the state the previous change leaves for the next (a unit moved aside, then
 * masked by a link).
 */
final class PlanComposer {
  private final Host host;

  public PlanComposer(Host host) {
    this.host = host;
  }

  /** The plan for {@code targets}, made for this host's root. */
  public ClosePlan compose(List<Target> targets) throws IOException {
    List<ClosePlan.Entry> planned = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    Map<String, Precondition> state = new HashMap<>();
    Map<String, Integer> lastTarget = new HashMap<>();
    for (int ti = 0; ti < targets.size(); ti++) {
      Target t = targets.get(ti);
      planned.add(
          new ClosePlan.Entry(t.owner(), t.ports(), why(t), t.plan().runtime(), t.plan().notes()));
      for (FileChange c : t.plan().changes()) {
        Step same = steps.stream().filter(s -> s.change.equals(c)).findFirst().orElse(null);
        if (same != null) {
          if (!same.targets.contains(ti)) {
            same.targets.add(ti);
          }
          continue;
        }
        Integer earlier = null;
        for (String p : paths(c)) {
          Integer last = lastTarget.get(p);
          if (last != null && last != ti) {
            earlier = last;
          }
        }
        if (earlier != null) {
          if (c instanceof WriteFile w && mergeInto(steps, w, ti)) {
            continue;
          }
          throw new BadInputException(
              c.path()
                  + ": changed differently for "
                  + name(targets.get(earlier))
                  + " and "
                  + name(t)
                  + "; close them one at a time");
        }
        Precondition expected = state(state, c.path());
        if (c instanceof RenamePath r) {
          state.put(r.to(), expected);
        }
        state.put(c.path(), after(c, expected));
        for (String p : paths(c)) {
          lastTarget.put(p, ti);
        }
        steps.add(new Step(c, expected, ti));
      }
    }
    return new ClosePlan(
        host.root().toString(),
        planned,
        steps.stream().map(s -> new ClosePlan.Step(s.change, s.expected, s.targets)).toList());
  }

  /** A mutable step while composing. */
  private static final class Step {
    FileChange change;
    final Precondition expected;
    final List<Integer> targets = new ArrayList<>();

    Step(FileChange change, Precondition expected, int target) {
      this.change = change;
      this.expected = expected;
      targets.add(target);
    }
  }

  /**
   * Merges a rewrite of a file into the earlier rewrite of it, when that was the file's first
   * change (so both were planned on the same original) and their lines do not collide.
   */
  private boolean mergeInto(List<Step> steps, WriteFile w, int target) throws IOException {
    for (Step s : steps) {
      if (s.change.path().equals(w.path())) {
        if (!(s.change instanceof WriteFile first)
            || !(s.expected instanceof Precondition.Content)
            || !Objects.equals(first.mode(), w.mode())
                && first.mode() != null
                && w.mode() != null) {
          return false;
        }
        byte[] original = host.read(w.path());
        if (!s.expected.equals(Precondition.content(original))) {
          return false;
        }
        Optional<byte[]> merged = LineDiff.merge(original, first.content(), w.content());
        if (merged.isEmpty()) {
          return false;
        }
        s.change =
            new WriteFile(w.path(), merged.get(), first.mode() != null ? first.mode() : w.mode());
        s.targets.add(target);
        return true;
      }
    }
    return false;
  }

  private Precondition state(Map<String, Precondition> known, String path) throws IOException {
    Precondition p = known.get(path);
    return p != null ? p : stateNow(path);
  }

  /** What the path is now, in the journal's terms (the last component not followed). */
  public Precondition stateNow(String path) throws IOException {
    if (host.isSymbolicLink(path)) {
      return Precondition.symlinkTo(host.readLink(path));
    }
    if (!host.exists(path)) {
      return Precondition.absent();
    }
    if (!host.isRegularFile(path)) {
      throw new BadInputException(
          path + ": is not a regular file or symbolic link; ajar changes only those");
    }
    return Precondition.content(host.read(path));
  }

  private static Precondition after(FileChange c, Precondition before) {
    return switch (c) {
      case WriteFile w -> Precondition.content(w.content());
      case CreateSymlink l -> Precondition.symlinkTo(l.target());
      case RemovePath r -> Precondition.absent();
      case RenamePath r -> Precondition.absent();
      case ChangeMode m -> before;
    };
  }

  private static List<String> paths(FileChange c) {
    return ClosePlan.paths(c);
  }

  private static String name(Target t) {
    return t.owner().supervisor().label() + " " + t.owner().entry();
  }

  /**
   * "opens port 79", or why an entry with no known port is closed; then how the words found it when
   * that was not a socket open now ("matched 'ftp': tcp/21, predicted from ... (config)").
   */
  static String why(Target t) {
    List<Integer> ports = t.ports();
    String why =
        ports.isEmpty()
            ? "enabled at boot"
            : (ports.size() == 1 ? "opens port " : "opens ports ")
                + String.join(
                    ", ", ports.stream().map(p -> p == 0 ? "dynamic" : String.valueOf(p)).toList());
    List<String> predicted = t.matched().stream().filter(m -> !m.endsWith(", open now")).toList();
    return predicted.isEmpty() ? why : why + "; matched " + String.join("; ", predicted);
  }
}
