package dev.ajar.report;

import dev.ajar.discover.PortInventory;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Text;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * The `ajar ports --json` document, schema "ajar.ports/1" (docs/JSON.md). Keys are only ever added,
 * never renamed or removed, within a schema version. Process-chosen text is written with
 * undecodable bytes as the four characters \xNN; JSON escapes control characters itself.
 */
public final class PortsJsonWriter {
  public static final String SCHEMA = "ajar.ports/1";

  private PortsJsonWriter() {}

  public static void write(PortInventory inventory, OutputStream out) {
    JsonFactory factory = new JsonFactory();
    try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeArrayPropertyStart("sockets");
      Fragments fragments = new Fragments(factory);
      for (OpenSocket s : inventory.sockets()) {
        writeSocket(g, s, fragments);
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

  /**
   * The JSON of the values that thousands of sockets share (their processes, namespace, owner,
   * package, addresses), written once each and then copied raw: a loaded host has tens of thousands
   * of sockets held by a handful of processes.
   */
  private static final class Fragments {
    private final JsonFactory factory;
    // Kept as Jackson's SerializedString: its UTF-8 bytes are encoded once and then copied.
    private final Map<Object, SerializedString> byIdentity = new IdentityHashMap<>();
    private final Map<Object, SerializedString> byValue = new HashMap<>();
    private final Map<Object, String> addresses = new IdentityHashMap<>();

    Fragments(JsonFactory factory) {
      this.factory = factory;
    }

    SerializedString process(ProcessInfo p) {
      return byIdentity.computeIfAbsent(
          p, k -> new SerializedString(render(g -> writeProcess(g, p))));
    }

    SerializedString namespace(Namespace ns) {
      return byIdentity.computeIfAbsent(
          ns, k -> new SerializedString(render(g -> writeNamespace(g, ns))));
    }

    String address(Endpoint e) {
      return addresses.computeIfAbsent(e.address(), k -> e.addressText());
    }

    /** The "owner" and "package" properties together, as they follow each other. */
    SerializedString ownerAndPackage(OpenSocket o) {
      // By identity first: attribution hands out one owner and package object per program.
      if (o.owner() == lastOwner && o.pkg() == lastPackage && last != null) {
        return last;
      }
      last =
          byValue.computeIfAbsent(
              java.util.Arrays.asList(o.owner(), o.pkg()),
              k -> {
                String both =
                    render(
                        g -> {
                          g.writeStartObject();
                          writeOwner(g, o.owner());
                          writePackage(g, o.pkg());
                          g.writeEndObject();
                        });
                // The two properties without the braces, after a comma.
                return new SerializedString("," + both.substring(1, both.length() - 1));
              });
      lastOwner = o.owner();
      lastPackage = o.pkg();
      return last;
    }

    private Object lastOwner;
    private Object lastPackage;
    private SerializedString last;

    private String render(java.util.function.Consumer<JsonGenerator> what) {
      StringWriter text = new StringWriter();
      try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), text)) {
        what.accept(g);
      }
      return text.toString();
    }
  }

  private static void writeSocket(JsonGenerator g, OpenSocket o, Fragments f) {
    var s = o.socket();
    g.writeStartObject();
    g.writeStringProperty("protocol", s.protocol().label());
    g.writeStringProperty("family", s.family().label());
    g.writeStringProperty("state", s.state().name());
    writeEndpoint(g, "local", s.local(), f);
    writeEndpoint(g, "remote", s.remote(), f);
    g.writeName("netns");
    g.writeRawValue(f.namespace(o.netns()));
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
    g.writeRaw(f.ownerAndPackage(o));
    g.writeArrayPropertyStart("processes");
    for (ProcessInfo p : o.processes()) {
      g.writeRawValue(f.process(p));
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
    g.writeStringProperty("supervisor", owner.supervisor().label());
    g.writeStringProperty("entry", owner.entry() == null ? null : Text.forJson(owner.entry()));
    g.writeStringProperty("file", owner.file() == null ? null : Text.forJson(owner.file()));
    if (owner.line() > 0) {
      g.writeNumberProperty("line", owner.line());
    } else {
      g.writeNullProperty("line");
    }
    g.writeStringProperty(
        "program", owner.program() == null ? null : Text.forJson(owner.program()));
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

  private static void writeEndpoint(JsonGenerator g, String name, Endpoint e, Fragments f) {
    g.writeObjectPropertyStart(name);
    g.writeStringProperty("address", f.address(e));
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
