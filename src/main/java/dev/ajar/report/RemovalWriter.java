package dev.ajar.report;

import dev.ajar.model.Text;
import dev.ajar.remedy.PackageRemoval;
import dev.ajar.remedy.journal.RemovePackage;
import java.io.PrintStream;

/** The package removal part of `ajar plan` and `ajar close --remove-packages`. */
public final class RemovalWriter {
  private RemovalWriter() {}

  public static void text(PackageRemoval.Plan plan, PrintStream out) {
    out.println("Remove packages (after the services are disabled and stopped)");
    int n = 1;
    for (RemovePackage r : plan.removals()) {
      out.println(
          "  "
              + n++
              + ". run: "
              + Text.forTerminal(String.join(" ", r.remove()))
              + "  ("
              + Text.forTerminal(r.version())
              + "; undo: "
              + Text.forTerminal(String.join(" ", r.reinstall()))
              + ")");
    }
    if (plan.offlineCommand() != null) {
      out.println(
          "  "
              + n
              + ". skipped offline: run inside the image: "
              + Text.forTerminal(String.join(" ", plan.offlineCommand())));
    }
    if (plan.removals().isEmpty() && plan.offlineCommand() == null) {
      out.println("  nothing is removed");
    }
    for (String note : plan.notes()) {
      out.println("  note: " + Text.forTerminal(note));
    }
  }
}
