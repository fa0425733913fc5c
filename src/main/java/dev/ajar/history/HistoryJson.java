package dev.ajar.history;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON of the history (docs/JSON.md): {@code ajar history --json}, schema "ajar.history/1", and
 * one change as a hook reads it on stdin, "ajar.change/1". Both write a change the same way. Keys
 * are only ever added within a schema version.
 */
public final class HistoryJson {
  public static final String SCHEMA = "ajar.history/1";
  public static final String CHANGE_SCHEMA = "ajar.change/1";

  private static final JsonFactory FACTORY = new JsonFactory();

  private HistoryJson() {}

  /** The {@code ajar history --json} document. */
  public static void write(List<Event> events, Path database, OutputStream out) {
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeStringProperty("database", database.toString());
      g.writeArrayPropertyStart("events");
      for (Event e : events) {
        g.writeStartObject();
        g.writeNumberProperty("id", e.id());
        g.writeNumberProperty("run", e.run());
        fields(g, e.change());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** One change as one line of JSON (a hook's stdin), naming the host it happened on. */
  public static byte[] change(Change c, String hostName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", CHANGE_SCHEMA);
      g.writeStringProperty("host", hostName);
      fields(g, c);
      Verdict v = c.port().verdict();
      if (v != null && v.why() != null) {
        g.writeStringProperty("why", v.why());
      }
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void fields(JsonGenerator g, Change c) {
    PortState s = c.port();
    PortKey k = s.key();
    g.writeStringProperty("event", c.kind().label());
    g.writeStringProperty("how", c.how().label());
    g.writeStringProperty("time", c.time().toString());
    time(g, "since", c.since());
    g.writeStringProperty("netns", k.netns());
    g.writeStringProperty("protocol", k.protocol());
    g.writeStringProperty("address", k.address());
    g.writeNumberProperty("port", k.port());
    g.writeStringProperty("service", s.service());
    g.writeStringProperty("exposure", s.exposure());
    if (k.hasOwner()) {
      g.writeObjectPropertyStart("owner");
      g.writeStringProperty("supervisor", k.supervisor());
      g.writeStringProperty("entry", entry(k));
      g.writeStringProperty("file", s.ownerFile());
      if (s.ownerLine() > 0) {
        g.writeNumberProperty("line", s.ownerLine());
      } else {
        g.writeNullProperty("line");
      }
      g.writeStringProperty("program", s.program());
      g.writeEndObject();
    } else {
      g.writeNullProperty("owner");
    }
    if (s.pkg() != null) {
      g.writeObjectPropertyStart("package");
      g.writeStringProperty("manager", s.pkg().manager());
      g.writeStringProperty("name", s.pkg().name());
      g.writeStringProperty("version", s.pkg().version());
      g.writeEndObject();
    } else {
      g.writeNullProperty("package");
    }
    g.writeObjectPropertyStart("process");
    if (s.pid() >= 0) {
      g.writeNumberProperty("pid", s.pid());
    } else {
      g.writeNullProperty("pid");
    }
    g.writeStringProperty("name", s.process());
    g.writeStringProperty("user", s.user());
    g.writeNumberProperty("uid", s.uid());
    g.writeEndObject();
    Verdict v = s.verdict();
    if (v != null) {
      g.writeObjectPropertyStart("finding");
      g.writeStringProperty("id", v.id());
      g.writeStringProperty("severity", v.severity().label());
      g.writeStringProperty("rule", v.rule());
      g.writeEndObject();
    } else {
      g.writeNullProperty("finding");
    }
  }

  /**
   * The owner's entry as the other formats write it: null for a manual owner, whose key names its
   * program instead (there is no entry to disable).
   */
  static String entry(PortKey k) {
    return k.supervisor().equals("manual") ? null : k.entry();
  }

  private static void time(JsonGenerator g, String name, Instant t) {
    if (t == null) {
      g.writeNullProperty(name);
    } else {
      g.writeStringProperty(name, t.toString());
    }
  }
}
