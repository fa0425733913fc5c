package dev.ajar.report;

import dev.ajar.change.FileChange;
import dev.ajar.model.Text;
import dev.ajar.remedy.Target;
import dev.ajar.supervisors.DisablePlan;
import java.io.PrintStream;
import java.util.List;

/** The steps of `ajar plan` and `ajar close`, in the order they are taken. */
public final class PlanWriter {
  private PlanWriter() {}

  public static void text(List<Target> targets, boolean live, PrintStream out) {
    int n = 1;
    for (Target t : targets) {
      out.println(
          PlanText.disable(t.owner())
              + (t.ports().isEmpty()
                  ? ""
                  : ", which opens port "
                      + t.ports().stream()
                          .map(p -> p == 0 ? "dynamic" : String.valueOf(p))
                          .distinct()
                          .reduce((a, b) -> a + ", " + b)
                          .orElse("")));
      if (!live) {
        // Offline, how sure the match is: an exact socket unit, a daemon's configuration, a
        // default.
        for (String m : t.matched()) {
          out.println("  matched " + Text.forTerminal(m));
        }
      }
      for (FileChange c : t.plan().changes()) {
        out.println("  " + n++ + ". " + Text.forTerminal(c.describe()));
      }
      for (DisablePlan.RuntimeStep step : t.plan().runtime()) {
        out.println(PlanText.runtimeStep(n++, step, live));
      }
      for (String note : t.plan().notes()) {
        out.println("  note: " + Text.forTerminal(note));
      }
    }
  }
}
