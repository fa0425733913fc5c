package dev.ajar.report;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.Severity;
import dev.ajar.model.Text;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * `ajar audit` in four formats: text for people, JSON (ajar.audit/1, keys fixed for scripts),
 * SARIF 2.1.0 for code-scanning dashboards, JUnit XML for CI.
 */
public final class AuditWriter {
  public static final String SCHEMA = "ajar.audit/1";

  private AuditWriter() {}

  public static void text(List<Finding> findings, int openPorts, PrintStream out) {
    if (findings.isEmpty()) {
      out.println("No findings: " + openPorts + " open ports, all as they should be.");
      return;
    }
    Map<Severity, List<Finding>> bySeverity = new LinkedHashMap<>();
    for (Finding f : findings) {
      bySeverity.computeIfAbsent(f.severity(), k -> new java.util.ArrayList<>()).add(f);
    }
    for (var e : bySeverity.entrySet()) {
      out.println(e.getKey().name() + " (" + e.getValue().size() + ")");
      for (Finding f : e.getValue()) {
        OpenSocket s = f.first();
        out.println("  " + s.socket().protocol().label() + "/" + s.socket().local().port() + " "
            + Text.forTerminal(f.service() == null ? "?" : f.service()) + " in "
            + Text.forTerminal(s.netns().name()) + ", " + exposure(f));
        String owner = ownerText(s.owner());
        out.println("    owner:   " + owner + (s.pkg() == null ? "" : ", package "
            + Text.forTerminal(s.pkg().name()) + " " + Text.forTerminal(s.pkg().version())));
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

  static String ownerText(Owner o) {
    if (o == null) {
      return "unknown";
    }
    StringBuilder sb = new StringBuilder(o.supervisor().label());
    if (o.entry() != null) {
      sb.append(' ').append(Text.forTerminal(o.entry()));
    }
    if (o.file() != null) {
      sb.append(" (").append(Text.forTerminal(o.file()));
      if (o.line() > 0) {
        sb.append(':').append(o.line());
      }
      sb.append(')');
    }
    if (o.program() != null) {
      sb.append(' ').append(Text.forTerminal(o.program()));
    }
    return sb.toString();
  }

  public static void json(List<Finding> findings, Diagnostics diagnostics, OutputStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeArrayPropertyStart("findings");
      for (Finding f : findings) {
        OpenSocket s = f.first();
        g.writeStartObject();
        g.writeStringProperty("id", Text.forJson(f.id()));
        g.writeStringProperty("severity", f.severity().label());
        g.writeStringProperty("protocol", s.socket().protocol().label());
        g.writeNumberProperty("port", s.socket().local().port());
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

  /** SARIF 2.1.0: one rule per service, one result per finding, located at the owner's file. */
  public static void sarif(List<Finding> findings, String version, OutputStream out) {
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
        OpenSocket s = f.first();
        g.writeStartObject();
        g.writeStringProperty("ruleId", ruleId(f));
        g.writeStringProperty("level", level(f.severity()));
        g.writeObjectPropertyStart("message");
        g.writeStringProperty("text", Text.forJson(s.socket().protocol().label() + "/"
            + s.socket().local().port() + " in " + s.netns().name() + ": " + f.why() + " Fix: "
            + f.fix()));
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
        g.writeStringProperty("name", s.socket().protocol().label() + "/" + s.socket().local().port());
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
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
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

  /** JUnit XML: one test case per finding; those at or above {@code failOn} fail. */
  public static void junit(List<Finding> findings, Severity failOn, OutputStream out) {
    try {
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
      long failures = findings.stream().filter(f -> f.severity().compareTo(failOn) >= 0).count();
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "ajar audit");
      x.writeAttribute("tests", Integer.toString(Math.max(1, findings.size())));
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", "0");
      if (findings.isEmpty()) {
        x.writeEmptyElement("testcase");
        x.writeAttribute("classname", "ajar.audit");
        x.writeAttribute("name", "no findings");
      }
      for (Finding f : findings) {
        OpenSocket s = f.first();
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "ajar.audit." + xml(s.netns().name()));
        x.writeAttribute("name", xml(s.socket().protocol().label() + "/" + s.socket().local().port()
            + " " + (f.service() == null ? "" : f.service())));
        String detail = "severity: " + f.severity().label() + "\nwhy: " + xml(f.why())
            + "\nfix: " + xml(f.fix()) + "\nrule: " + xml(f.rule()) + "\nowner: " + ownerText(s.owner());
        if (f.severity().compareTo(failOn) >= 0) {
          x.writeStartElement("failure");
          x.writeAttribute("type", f.severity().label());
          x.writeAttribute("message", xml(f.why()));
          x.writeCharacters(detail);
          x.writeEndElement();
        } else {
          x.writeStartElement("system-out");
          x.writeCharacters(detail);
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
      x.flush();
      out.write('\n');
      out.flush();
    } catch (XMLStreamException | java.io.IOException e) {
      throw new IllegalStateException("writing JUnit XML: " + e.getMessage(), e);
    }
  }

  /** XML 1.0 cannot carry most control characters at all, even escaped: show them as \xNN. */
  private static String xml(String s) {
    return Text.forTerminal(s);
  }
}
