package dev.ajar.report;

import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Severity;
import dev.ajar.model.Text;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `ajar audit` as text for people: the findings by severity, each with owner, why and fix. */
public final class AuditTextWriter {
  private AuditTextWriter() {}

  public static void write(List<Finding> findings, int openPorts, PrintStream out) {
    if (findings.isEmpty()) {
      out.println("No findings: " + openPorts + " open ports, all as they should be.");
      return;
    }
    Map<Severity, List<Finding>> bySeverity = new LinkedHashMap<>();
    for (Finding f : findings) {
      bySeverity.computeIfAbsent(f.severity(), k -> new ArrayList<>()).add(f);
    }
    for (var e : bySeverity.entrySet()) {
      out.println(e.getKey().name() + " (" + e.getValue().size() + ")");
      for (Finding f : e.getValue()) {
        OpenSocket s = f.first();
        out.println(
            "  "
                + AuditText.port(s)
                + " "
                + Text.forTerminal(f.service() == null ? "?" : f.service())
                + " in "
                + Text.forTerminal(s.netns().name())
                + ", "
                + exposure(f));
        String owner = AuditText.owner(s.owner());
        out.println(
            "    owner:   "
                + owner
                + (s.pkg() == null
                    ? ""
                    : ", package "
                        + Text.forTerminal(s.pkg().name())
                        + " "
                        + Text.forTerminal(s.pkg().version())));
        out.println("    why:     " + Text.forTerminal(f.why()));
        if (!f.posture().isEmpty()) {
          out.println("    posture: " + Text.forTerminal(String.join(", ", f.posture())));
        }
        out.println("    fix:     " + Text.forTerminal(f.fix()));
        out.println("    rule:    " + Text.forTerminal(f.rule()));
      }
      out.println();
    }
    out.println(findings.size() + " findings on " + openPorts + " open ports.");
  }

  private static String exposure(Finding f) {
    return f.sockets().stream()
        .map(s -> s.exposure().scope().label())
        .distinct()
        .reduce((a, b) -> a + "," + b)
        .orElse("");
  }
}
