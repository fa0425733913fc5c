package dev.ajar.report;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Owner;
import dev.ajar.model.Text;
import dev.ajar.supervisors.BootStart;
import dev.ajar.verify.BootPrediction;
import dev.ajar.verify.PredictedPort;
import java.io.OutputStream;
import java.io.PrintStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** `ajar boot`: the predicted ports as a table, or the ajar.boot/1 JSON document. */
public final class BootWriter {
  public static final String SCHEMA = "ajar.boot/1";

  private BootWriter() {}

  public static void table(BootPrediction prediction, boolean wide, PrintStream out) {
    out.println("Init system: " + prediction.init().label()
        + (prediction.target() == null ? "" : ", booting into " + prediction.target()));
    if (prediction.ports().isEmpty()) {
      out.println("No port is predicted to open at boot.");
    } else {
      Table t = new Table("PROTO", "PORT", "ADDRESSES", "OWNER", "PACKAGE", "SOURCE", "FROM");
      for (PredictedPort p : prediction.ports()) {
        t.add(new String[] {
          p.protocol().label(),
          p.isDynamic() ? "dynamic" : Integer.toString(p.port()),
          Text.forTerminal(String.join(",", p.addresses())),
          Text.forTerminal(owner(p.owner())),
          p.pkg() == null ? "-" : Text.forTerminal(p.pkg().name()),
          p.source().label(),
          Text.forTerminal(where(p))
        });
      }
      t.print(out, wide ? Integer.MAX_VALUE : 80, 2, 3, 6);
    }
    if (!prediction.unknown().isEmpty()) {
      out.println();
      out.println(prediction.unknown().size() + " other entries start at boot with no port ajar"
          + " knows of (--json lists them).");
    }
  }

  public static void json(BootPrediction prediction, Diagnostics diagnostics, OutputStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeStringProperty("init", prediction.init().label());
      g.writeStringProperty("target", prediction.target());
      g.writeArrayPropertyStart("ports");
      for (PredictedPort p : prediction.ports()) {
        writePort(g, p);
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("unknown");
      for (BootStart s : prediction.unknown()) {
        g.writeStartObject();
        PortsJsonWriter.writeOwner(g, s.entry().owner());
        g.writeStringProperty("started_by", Text.forJson(s.reason()));
        g.writeEndObject();
      }
      g.writeEndArray();
      PortsJsonWriter.writeDiagnostics(g, diagnostics);
      g.writeEndObject();
    }
  }

  /** One predicted port as an object: the same fields in ajar.boot/1 and ajar.verify/1. */
  static void writePort(JsonGenerator g, PredictedPort p) {
    g.writeStartObject();
    g.writeStringProperty("protocol", p.protocol().label());
    g.writeNumberProperty("port", p.port());
    g.writeBooleanProperty("dynamic", p.isDynamic());
    g.writeArrayPropertyStart("addresses");
    for (String a : p.addresses()) {
      g.writeString(Text.forJson(a));
    }
    g.writeEndArray();
    PortsJsonWriter.writeOwner(g, p.owner());
    PortsJsonWriter.writePackage(g, p.pkg());
    g.writeStringProperty("source", p.source().label());
    g.writeStringProperty("file", p.file() == null ? null : Text.forJson(p.file()));
    g.writeNumberProperty("line", p.line());
    g.writeStringProperty("started_by", Text.forJson(p.startedBy()));
    g.writeEndObject();
  }

  private static String owner(Owner o) {
    return o.supervisor().label() + ":" + o.entry();
  }

  private static String where(PredictedPort p) {
    if (p.file() == null) {
      // No file says it: the knowledge base's usual port, or the daemon's own built-in default.
      return p.source() == PredictedPort.Source.DEFAULT ? "(knowledge base)" : "(built-in)";
    }
    return p.line() > 0 ? p.file() + ":" + p.line() : p.file();
  }
}
