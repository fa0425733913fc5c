package dev.ajar.report;

import dev.ajar.change.WriteFile;
import dev.ajar.model.Text;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.remedy.LineDiff;
import dev.ajar.supervisors.DisablePlan;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A composed plan (`ajar apply`) as text: the entries and why, then each file change in order with
 * the entries it serves and, when the current contents are given, the unified diff of each
 * rewritten file; then the commands.
 */
public final class PlanStepsWriter {
  private PlanStepsWriter() {}

  /**
   * @param before the current content of rewritten files, by path; a file missing from it is shown
   *     without a diff
   */
  public static void text(
      ClosePlan plan, boolean live, Map<String, byte[]> before, PrintStream out) {
    for (ClosePlan.Entry t : plan.targets()) {
      out.println(PlanText.disable(t.owner()) + ": " + Text.forTerminal(t.why()));
      for (String note : t.notes()) {
        out.println("  note: " + Text.forTerminal(note));
      }
    }
    int n = 1;
    for (ClosePlan.Step s : plan.steps()) {
      out.println(
          "  "
              + n++
              + ". "
              + Text.forTerminal(s.change().describe())
              + "  (for "
              + String.join(
                  ", ",
                  s.targets().stream()
                      .map(
                          i ->
                              Text.forTerminal(
                                  String.valueOf(plan.targets().get(i).owner().entry())))
                      .toList())
              + ")");
      diff(s, before, out);
    }
    for (DisablePlan.RuntimeStep step : plan.runtime()) {
      out.println(PlanText.runtimeStep(n++, step, live));
    }
  }

  /** The unified diffs of the files a plan rewrites (`ajar close --dry-run`). */
  public static void diffs(ClosePlan plan, Map<String, byte[]> before, PrintStream out) {
    for (ClosePlan.Step s : plan.steps()) {
      diff(s, before, out);
    }
  }

  private static void diff(ClosePlan.Step s, Map<String, byte[]> before, PrintStream out) {
    if (s.change() instanceof WriteFile w && before.containsKey(w.path())) {
      for (String line : LineDiff.unified(w.path(), before.get(w.path()), w.content())) {
        out.println("       " + diffLine(line));
      }
    }
  }

  /** A diff line for the terminal: control characters escaped, but tabs kept as tabs. */
  private static String diffLine(String line) {
    String text = Text.decode(line.getBytes(StandardCharsets.ISO_8859_1));
    return String.join(
        "\t", java.util.Arrays.stream(text.split("\t", -1)).map(Text::forTerminal).toList());
  }
}
