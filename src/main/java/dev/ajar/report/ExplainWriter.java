package dev.ajar.report;

import dev.ajar.knowledge.ServiceKnowledge;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Text;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** `ajar explain`: the knowledge base's entry, then what is open on this host and the verdict. */
public final class ExplainWriter {
  private ExplainWriter() {}

  public static void write(
      String query,
      List<ServiceKnowledge> known,
      List<OpenSocket> here,
      List<Finding> findings,
      boolean live,
      PrintStream out) {
    for (ServiceKnowledge k : known) {
      out.println(k.name() + " [" + k.id() + "]");
      out.println(
          "  ports:     "
              + k.ports().stream()
                  .map(p -> p.protocol().label() + "/" + p.port())
                  .collect(Collectors.joining(", ")));
      if (!k.aliases().isEmpty()) {
        out.println("  also:      " + String.join(", ", k.aliases()));
      }
      if (!k.programs().isEmpty()) {
        out.println("  programs:  " + String.join(", ", k.programs()));
      }
      for (Map.Entry<String, List<String>> e : k.packages().entrySet()) {
        out.println("  packages:  " + e.getKey() + ": " + String.join(", ", e.getValue()));
      }
      out.println(
          "  severity:  "
              + k.severity().label()
              + (k.loopbackOk() ? " (fine on loopback only)" : ""));
      if (!k.risks().isEmpty()) {
        out.println("  risks:     " + String.join(", ", k.risks()));
      }
      out.println("  why:       " + k.why());
      out.println("  instead:   " + k.instead());
      for (ServiceKnowledge.Reference r : k.references()) {
        out.println(
            "  see:       "
                + r.kind()
                + " "
                + r.id()
                + (r.title() == null ? "" : ": " + r.title()));
      }
      out.println();
    }
    if (!live) {
      return;
    }
    if (here.isEmpty()) {
      out.println("On this host: nothing listens on " + Text.forTerminal(query) + ".");
      return;
    }
    out.println("On this host:");
    for (OpenSocket s : here) {
      out.println(
          "  "
              + s.socket().protocol().label()
              + " "
              + s.socket().local()
              + " in "
              + Text.forTerminal(s.netns().name())
              + " ("
              + s.exposure().scope().label()
              + "), "
              + AuditText.owner(s.owner())
              + (s.pkg() == null ? "" : ", " + Text.forTerminal(s.pkg().name())));
    }
    if (findings.isEmpty()) {
      out.println("Verdict: fine as it is (bound to loopback, or not a risk by itself).");
    }
    for (Finding f : findings) {
      out.println("Verdict: " + f.severity().label() + ". " + Text.forTerminal(f.why()));
      out.println("ajar would: " + Text.forTerminal(f.fix()));
    }
  }
}
