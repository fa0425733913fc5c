package dev.ajar.report;

import dev.ajar.change.FileChangeJson;
import dev.ajar.model.Owner;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.supervisors.DisablePlan;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * `ajar plan --format json`: the plan as `ajar apply` reads it back (schema "ajar.plan/1",
 * docs/JSON.md). Each change is written by {@link FileChangeJson}, the journal's form too; a file's
 * new content is text when it is valid UTF-8 (reviewable, diffable), base64 otherwise.
 */
public final class PlanJsonWriter {
  public static final String SCHEMA = "ajar.plan/1";

  private PlanJsonWriter() {}

  public static void write(ClosePlan plan, OutputStream out) {
    ObjectWriteContext pretty =
        new ObjectWriteContext.Base() {
          @Override
          public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter();
          }

          @Override
          public boolean hasPrettyPrinter() {
            return true;
          }
        };
    try (JsonGenerator g = new JsonFactory().createGenerator(pretty, out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeStringProperty("root", plan.root());
      g.writeArrayPropertyStart("targets");
      for (ClosePlan.Entry t : plan.targets()) {
        writeTarget(g, t);
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("changes");
      for (ClosePlan.Step s : plan.steps()) {
        writeStep(g, s);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    try {
      out.write('\n');
      out.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writeTarget(JsonGenerator g, ClosePlan.Entry t) {
    g.writeStartObject();
    Owner o = t.owner();
    g.writeObjectPropertyStart("owner");
    g.writeStringProperty("supervisor", o.supervisor().label());
    g.writeStringProperty("entry", o.entry());
    g.writeStringProperty("file", o.file());
    g.writeNumberProperty("line", o.line());
    g.writeStringProperty("program", o.program());
    g.writeEndObject();
    g.writeArrayPropertyStart("ports");
    for (int p : t.ports()) {
      g.writeNumber(p);
    }
    g.writeEndArray();
    g.writeStringProperty("why", t.why());
    g.writeArrayPropertyStart("runtime");
    for (DisablePlan.RuntimeStep r : t.runtime()) {
      g.writeStartObject();
      g.writeStringProperty("why", r.why());
      g.writeArrayPropertyStart("argv");
      for (String a : r.argv()) {
        g.writeString(a);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("notes");
    for (String n : t.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeStep(JsonGenerator g, ClosePlan.Step s) {
    g.writeStartObject();
    FileChangeJson.writeFields(g, s.change(), FileChangeJson.Content.INLINE);
    g.writeName("expect");
    FileChangeJson.write(g, s.expected());
    g.writeArrayPropertyStart("targets");
    for (int t : s.targets()) {
      g.writeNumber(t);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
