package dev.ajar.report;

import dev.ajar.model.Owner;
import dev.ajar.model.Text;
import dev.ajar.supervisors.DisablePlan;

/** The lines the text forms of a plan share (`ajar plan`, `close` and `apply`), escaped. */
final class PlanText {
  private PlanText() {}

  /** "Disable inetd finger (/etc/inetd.conf:12)": the heading of one entry's steps. */
  static String disable(Owner o) {
    return "Disable "
        + o.supervisor().label()
        + " "
        + Text.forTerminal(String.valueOf(o.entry()))
        + (o.file() == null
            ? ""
            : " (" + Text.forTerminal(o.file()) + (o.line() > 0 ? ":" + o.line() : "") + ")");
  }

  /** " 3. run: systemctl stop telnet.socket (why)": a numbered command, skipped offline. */
  static String runtimeStep(int n, DisablePlan.RuntimeStep step, boolean live) {
    return "  "
        + n
        + ". "
        + (live ? "run: " : "skipped offline: ")
        + Text.forTerminal(String.join(" ", step.argv()))
        + "  ("
        + step.why()
        + ")";
  }
}
