package dev.ajar.report;

import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.Severity;
import dev.ajar.model.Text;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * `ajar audit --format sarif`: SARIF 2.1.0 for code-scanning dashboards, one rule per service, one
 * result per finding, located at the owner's file.
 */
public final class AuditSarifWriter {
  private AuditSarifWriter() {}

  public static void write(List<Finding> findings, String version, OutputStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      g.writeStringProperty("version", "2.1.0");
      g.writeArrayPropertyStart("runs");
      g.writeStartObject();
      g.writeObjectPropertyStart("tool");
      g.writeObjectPropertyStart("driver");
      g.writeStringProperty("name", "ajar");
      g.writeStringProperty("version", version);
      g.writeArrayPropertyStart("rules");
      Map<String, Finding> rules = new LinkedHashMap<>();
      for (Finding f : findings) {
        rules.putIfAbsent(ruleId(f), f);
      }
      for (var e : rules.entrySet()) {
        g.writeStartObject();
        g.writeStringProperty("id", e.getKey());
        g.writeObjectPropertyStart("shortDescription");
        g.writeStringProperty("text", "open port: " + e.getKey());
        g.writeEndObject();
        g.writeObjectPropertyStart("fullDescription");
        g.writeStringProperty("text", Text.forJson(e.getValue().why()));
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayPropertyStart("results");
      for (Finding f : findings) {
        result(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void result(JsonGenerator g, Finding f) {
    OpenSocket s = f.first();
    g.writeStartObject();
    g.writeStringProperty("ruleId", ruleId(f));
    g.writeStringProperty("level", level(f.severity()));
    g.writeObjectPropertyStart("message");
    g.writeStringProperty(
        "text",
        Text.forJson(
            AuditText.port(s) + " in " + s.netns().name() + ": " + f.why() + " Fix: " + f.fix()));
    g.writeEndObject();
    g.writeArrayPropertyStart("locations");
    g.writeStartObject();
    Owner o = s.owner();
    if (o != null && o.file() != null) {
      g.writeObjectPropertyStart("physicalLocation");
      g.writeObjectPropertyStart("artifactLocation");
      g.writeStringProperty("uri", "file://" + Text.forJson(o.file()));
      g.writeEndObject();
      if (o.line() > 0) {
        g.writeObjectPropertyStart("region");
        g.writeNumberProperty("startLine", o.line());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeArrayPropertyStart("logicalLocations");
    g.writeStartObject();
    g.writeStringProperty("name", AuditText.port(s));
    g.writeStringProperty("fullyQualifiedName", Text.forJson(f.id()));
    g.writeStringProperty("kind", "resource");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectPropertyStart("partialFingerprints");
    g.writeStringProperty("ajarFindingId/v1", Text.forJson(f.id()));
    g.writeEndObject();
    g.writeObjectPropertyStart("properties");
    g.writeStringProperty("severity", f.severity().label());
    g.writeStringProperty("rule", Text.forJson(f.rule()));
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String ruleId(Finding f) {
    return f.service() == null ? "unknown-service" : f.service();
  }

  private static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }
}
