package dev.ajar.report;

import dev.ajar.discover.PortInventory;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Text;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The `ajar ports --json` document, schema "ajar.ports/1" (docs/JSON.md). Keys are only ever
 * added, never renamed or removed, within a schema version. Process-chosen text is written with
 * undecodable bytes as the four characters \xNN; JSON escapes control characters itself.
 */
public final class PortsJsonWriter {
  public static final String SCHEMA = "ajar.ports/1";

  private PortsJsonWriter() {}

  public static void write(PortInventory inventory, OutputStream out) {
    try (JsonGenerator g =
        new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeArrayPropertyStart("sockets");
      for (OpenSocket s : inventory.sockets()) {
        writeSocket(g, s);
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("namespaces");
      for (Namespace ns : inventory.namespaces()) {
        writeNamespace(g, ns);
      }
      g.writeEndArray();
      writeDiagnostics(g, inventory.diagnostics());
      g.writeEndObject();
    }
  }

  private static void writeSocket(JsonGenerator g, OpenSocket o) {
    var s = o.socket();
    g.writeStartObject();
    g.writeStringProperty("protocol", s.protocol().label());
    g.writeStringProperty("family", s.family().label());
    g.writeStringProperty("state", s.state().name());
    writeEndpoint(g, "local", s.local());
    writeEndpoint(g, "remote", s.remote());
    g.writeName("netns");
    writeNamespace(g, o.netns());
    g.writeStringProperty("service", o.service());
    g.writeStringProperty("exposure", o.exposure().scope().label());
    if (o.exposure().v6Only() != null) {
      g.writeBooleanProperty("v6only", o.exposure().v6Only());
    } else {
      g.writeNullProperty("v6only");
    }
    g.writeStringProperty("interface", o.exposure().interfaceName());
    g.writeNumberProperty("uid", Integer.toUnsignedLong(s.uid()));
    g.writeNumberProperty("inode", s.inode());
    g.writeBooleanProperty("socketActivated", o.socketActivated());
    writeOwner(g, o.owner());
    writePackage(g, o.pkg());
    g.writeArrayPropertyStart("processes");
    for (ProcessInfo p : o.processes()) {
      writeProcess(g, p);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void writeDiagnostics(JsonGenerator g, Diagnostics diagnostics) {
    g.writeArrayPropertyStart("diagnostics");
    for (Diagnostics.Diagnostic d : diagnostics.all()) {
      g.writeStartObject();
      g.writeStringProperty("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringProperty("subject", Text.forJson(d.subject()));
      g.writeStringProperty("message", Text.forJson(d.message()));
      g.writeNumberProperty("count", d.count());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void writeOwner(JsonGenerator g, dev.ajar.model.Owner owner) {
    if (owner == null) {
      g.writeNullProperty("owner");
      return;
    }
    g.writeObjectPropertyStart("owner");
    g.writeStringProperty("supervisor", owner.supervisor());
    g.writeStringProperty("entry", owner.entry() == null ? null : Text.forJson(owner.entry()));
    g.writeStringProperty("file", owner.file() == null ? null : Text.forJson(owner.file()));
    if (owner.line() > 0) {
      g.writeNumberProperty("line", owner.line());
    } else {
      g.writeNullProperty("line");
    }
    g.writeStringProperty("program", owner.program() == null ? null : Text.forJson(owner.program()));
    g.writeEndObject();
  }

  static void writePackage(JsonGenerator g, dev.ajar.model.PackageRef pkg) {
    if (pkg == null) {
      g.writeNullProperty("package");
      return;
    }
    g.writeObjectPropertyStart("package");
    g.writeStringProperty("manager", pkg.manager());
    g.writeStringProperty("name", Text.forJson(pkg.name()));
    g.writeStringProperty("version", Text.forJson(pkg.version()));
    g.writeEndObject();
  }

  private static void writeEndpoint(JsonGenerator g, String name, Endpoint e) {
    g.writeObjectPropertyStart(name);
    g.writeStringProperty("address", e.addressText());
    g.writeNumberProperty("port", e.port());
    g.writeEndObject();
  }

  private static void writeNamespace(JsonGenerator g, Namespace ns) {
    g.writeStartObject();
    g.writeNumberProperty("inode", ns.inode());
    g.writeStringProperty("name", Text.forJson(ns.name()));
    g.writeStringProperty("kind", ns.kind().name().toLowerCase(java.util.Locale.ROOT));
    g.writeEndObject();
  }

  private static void writeProcess(JsonGenerator g, ProcessInfo p) {
    g.writeStartObject();
    g.writeNumberProperty("pid", p.pid());
    g.writeNumberProperty("ppid", p.ppid());
    g.writeStringProperty("name", Text.forJson(p.name()));
    g.writeStringProperty("user", p.user() == null ? null : Text.forJson(p.user()));
    g.writeNumberProperty("uid", Integer.toUnsignedLong(p.uid()));
    g.writeStringProperty("exe", p.exe() == null ? null : Text.forJson(p.exe()));
    g.writeArrayPropertyStart("cmdline");
    for (String arg : p.cmdline()) {
      g.writeString(Text.forJson(arg));
    }
    g.writeEndArray();
    g.writeStringProperty("startTime", p.startTime() == null ? null : p.startTime().toString());
    g.writeStringProperty("unit", p.unit());
    g.writeStringProperty("container", p.containerId());
    g.writeStringProperty("root", p.root() == null ? null : Text.forJson(p.root()));
    g.writeEndObject();
  }
}
