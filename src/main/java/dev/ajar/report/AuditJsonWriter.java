package dev.ajar.report;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Text;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** `ajar audit --format json`: the ajar.audit/1 document, keys fixed for scripts (docs/JSON.md). */
public final class AuditJsonWriter {
  public static final String SCHEMA = "ajar.audit/1";

  private AuditJsonWriter() {}

  public static void write(List<Finding> findings, Diagnostics diagnostics, OutputStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeArrayPropertyStart("findings");
      for (Finding f : findings) {
        OpenSocket s = f.first();
        g.writeStartObject();
        writeFindingKey(g, f);
        g.writeStringProperty("service", f.service() == null ? null : Text.forJson(f.service()));
        g.writeObjectPropertyStart("netns");
        g.writeNumberProperty("inode", s.netns().inode());
        g.writeStringProperty("name", Text.forJson(s.netns().name()));
        g.writeEndObject();
        PortsJsonWriter.writeOwner(g, s.owner());
        PortsJsonWriter.writePackage(g, s.pkg());
        g.writeStringProperty("why", Text.forJson(f.why()));
        g.writeStringProperty("fix", Text.forJson(f.fix()));
        g.writeStringProperty("rule", Text.forJson(f.rule()));
        g.writeArrayPropertyStart("exposure");
        for (OpenSocket x : f.sockets()) {
          g.writeStartObject();
          g.writeStringProperty("family", x.socket().family().label());
          g.writeStringProperty("address", x.socket().local().addressText());
          g.writeStringProperty("scope", x.exposure().scope().label());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("posture");
        for (String p : f.posture()) {
          g.writeString(Text.forJson(p));
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      PortsJsonWriter.writeDiagnostics(g, diagnostics);
      g.writeEndObject();
    }
  }

  /**
   * The first fields of a finding, which say what it is: id, severity, protocol and port (of its
   * first socket); the same in ajar.audit/1 and ajar.verify/1.
   */
  static void writeFindingKey(JsonGenerator g, Finding f) {
    OpenSocket s = f.first();
    g.writeStringProperty("id", Text.forJson(f.id()));
    g.writeStringProperty("severity", f.severity().label());
    g.writeStringProperty("protocol", s.socket().protocol().label());
    g.writeNumberProperty("port", s.socket().local().port());
  }
}
