package dev.ajar.report;

import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Text;
import dev.ajar.verify.Drift;
import dev.ajar.verify.PredictedPort;
import java.io.PrintStream;
import java.util.List;

/** `ajar verify` as text: drift between now and the next boot, by kind. */
public final class VerifyTextWriter {
  private VerifyTextWriter() {}

  public static void write(Drift drift, PrintStream out) {
    if (drift.isClean()) {
      out.println(
          "No drift: what listens now is what the next boot will open"
              + ", and the policy forbids nothing in either.");
      return;
    }
    if (!drift.openNotAtBoot().isEmpty()) {
      out.println("Open now, but nothing starts it at boot (started by hand, or an intruder's):");
      Table t = new Table("PROTO", "ADDRESS", "PORT", "PROCESS", "OWNER");
      for (OpenSocket s : drift.openNotAtBoot()) {
        t.add(
            new String[] {
              s.socket().protocol().label(),
              s.socket().local().addressText(),
              Integer.toString(s.socket().local().port()),
              Text.forTerminal(process(s.processes())),
              Text.forTerminal(BootTableWriter.owner(s.owner()))
            });
      }
      t.print(out, 80, 3, 4);
      out.println();
    }
    if (!drift.closedButWillOpen().isEmpty()) {
      out.println("Closed now, but will open at the next boot (disabled at runtime only?):");
      Table t = new Table("PROTO", "PORT", "ADDRESSES", "OWNER", "SOURCE");
      for (PredictedPort p : drift.closedButWillOpen()) {
        t.add(BootTableWriter.row(p, p.source().label()));
      }
      t.print(out, 80, 2, 3);
      out.println();
    }
    findings("Forbidden by the policy now:", drift.forbiddenNow(), out);
    findings("Forbidden by the policy at the next boot:", drift.forbiddenAtBoot(), out);
  }

  private static void findings(String title, List<Finding> findings, PrintStream out) {
    if (findings.isEmpty()) {
      return;
    }
    out.println(title);
    for (Finding f : findings) {
      OpenSocket s = f.first();
      out.println(
          "  "
              + f.severity().label()
              + "  "
              + s.socket().protocol().label()
              + "/"
              + s.socket().local().port()
              + "  "
              + Text.forTerminal(BootTableWriter.owner(s.owner()))
              + "  "
              + Text.forTerminal(f.rule()));
    }
    out.println();
  }

  private static String process(List<ProcessInfo> processes) {
    if (processes.isEmpty()) {
      return "-";
    }
    ProcessInfo p = processes.getFirst();
    return p.name() + "[" + p.pid() + "]";
  }
}
