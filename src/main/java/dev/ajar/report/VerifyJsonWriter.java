package dev.ajar.report;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Text;
import dev.ajar.verify.Drift;
import dev.ajar.verify.PredictedPort;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** `ajar verify --json`: the ajar.verify/1 document (docs/JSON.md). */
public final class VerifyJsonWriter {
  public static final String SCHEMA = "ajar.verify/1";

  private VerifyJsonWriter() {}

  public static void write(Drift drift, Diagnostics diagnostics, OutputStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeBooleanProperty("clean", drift.isClean());
      g.writeArrayPropertyStart("open_not_at_boot");
      for (OpenSocket s : drift.openNotAtBoot()) {
        g.writeStartObject();
        g.writeStringProperty("protocol", s.socket().protocol().label());
        g.writeStringProperty("address", s.socket().local().addressText());
        g.writeNumberProperty("port", s.socket().local().port());
        g.writeArrayPropertyStart("pids");
        for (ProcessInfo p : s.processes()) {
          g.writeNumber(p.pid());
        }
        g.writeEndArray();
        PortsJsonWriter.writeOwner(g, s.owner());
        PortsJsonWriter.writePackage(g, s.pkg());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("closed_but_will_open");
      for (PredictedPort p : drift.closedButWillOpen()) {
        BootJsonWriter.writePort(g, p);
      }
      g.writeEndArray();
      writeFindings(g, "forbidden_now", drift.forbiddenNow());
      writeFindings(g, "forbidden_at_boot", drift.forbiddenAtBoot());
      PortsJsonWriter.writeDiagnostics(g, diagnostics);
      g.writeEndObject();
    }
  }

  private static void writeFindings(JsonGenerator g, String name, List<Finding> findings) {
    g.writeArrayPropertyStart(name);
    for (Finding f : findings) {
      g.writeStartObject();
      AuditJsonWriter.writeFindingKey(g, f);
      PortsJsonWriter.writeOwner(g, f.first().owner());
      g.writeStringProperty("rule", Text.forJson(f.rule()));
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
