package dev.ajar.report;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Text;
import dev.ajar.supervisors.BootStart;
import dev.ajar.verify.BootPrediction;
import dev.ajar.verify.PredictedPort;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** `ajar boot --json`: the ajar.boot/1 document (docs/JSON.md). */
public final class BootJsonWriter {
  public static final String SCHEMA = "ajar.boot/1";

  private BootJsonWriter() {}

  public static void write(BootPrediction prediction, Diagnostics diagnostics, OutputStream out) {
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
}
