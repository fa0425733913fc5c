package dev.ajar.report;

import dev.ajar.remedy.CloseReport;
import java.io.PrintStream;

/** What `close` and `apply` did: the change set to undo it with, then each step's outcome. */
public final class CloseReportWriter {
  private CloseReportWriter() {}

  public static void text(CloseReport report, boolean packages, PrintStream out) {
    out.println(
        (packages ? "Changed files and packages" : "Changed files")
            + ": change set "
            + report.changeSet()
            + " (undo with: ajar undo "
            + report.changeSet()
            + ")");
    for (String line : report.steps()) {
      out.println("  " + line);
    }
  }
}
