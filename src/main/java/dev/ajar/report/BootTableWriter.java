package dev.ajar.report;

import dev.ajar.model.Owner;
import dev.ajar.model.Text;
import dev.ajar.verify.BootPrediction;
import dev.ajar.verify.PredictedPort;
import java.io.PrintStream;

/** `ajar boot` as a table: the predicted ports, with where each prediction comes from. */
public final class BootTableWriter {
  private BootTableWriter() {}

  public static void write(BootPrediction prediction, boolean wide, PrintStream out) {
    out.println(
        "Init system: "
            + prediction.init().label()
            + (prediction.target() == null ? "" : ", booting into " + prediction.target()));
    if (prediction.ports().isEmpty()) {
      out.println("No port is predicted to open at boot.");
    } else {
      Table t = new Table("PROTO", "PORT", "ADDRESSES", "OWNER", "PACKAGE", "SOURCE", "FROM");
      for (PredictedPort p : prediction.ports()) {
        t.add(
            row(
                p,
                p.pkg() == null ? "-" : Text.forTerminal(p.pkg().name()),
                p.source().label(),
                Text.forTerminal(where(p))));
      }
      t.print(out, wide ? Integer.MAX_VALUE : 80, 2, 3, 6);
    }
    if (!prediction.unknown().isEmpty()) {
      out.println();
      out.println(
          prediction.unknown().size()
              + " other entries start at boot with no port ajar"
              + " knows of (--json lists them).");
    }
  }

  /**
   * A predicted port's row as `ajar boot` and `ajar verify` show it: PROTO, PORT, ADDRESSES and
   * OWNER, then {@code more}.
   */
  static String[] row(PredictedPort p, String... more) {
    String[] row = new String[4 + more.length];
    row[0] = p.protocol().label();
    row[1] = p.isDynamic() ? "dynamic" : Integer.toString(p.port());
    row[2] = Text.forTerminal(String.join(",", p.addresses()));
    row[3] = Text.forTerminal(owner(p.owner()));
    System.arraycopy(more, 0, row, 4, more.length);
    return row;
  }

  /** "inetd:finger", or "-" for none. */
  static String owner(Owner o) {
    return o == null ? "-" : o.supervisor().label() + ":" + o.entry();
  }

  private static String where(PredictedPort p) {
    if (p.file() == null) {
      // No file says it: the knowledge base's usual port, or the daemon's own built-in default.
      return p.source() == PredictedPort.Source.DEFAULT ? "(knowledge base)" : "(built-in)";
    }
    return p.line() > 0 ? p.file() + ":" + p.line() : p.file();
  }
}
