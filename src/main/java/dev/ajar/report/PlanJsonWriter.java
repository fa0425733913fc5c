package dev.ajar.report;

import dev.ajar.model.Owner;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.remedy.journal.ChangeMode;
import dev.ajar.remedy.journal.CreateSymlink;
import dev.ajar.remedy.journal.FileChange;
import dev.ajar.remedy.journal.Precondition;
import dev.ajar.remedy.journal.RemovePath;
import dev.ajar.remedy.journal.RenamePath;
import dev.ajar.remedy.journal.WriteFile;
import dev.ajar.supervisors.DisablePlan;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * `ajar plan --format json`: the plan as `ajar apply` reads it back (schema "ajar.plan/1",
 * docs/JSON.md). A file's new content is written as text when it is valid UTF-8 (reviewable,
 * diffable), as base64 otherwise; exactly one of "text" and "base64" is present.
 */
public final class PlanJsonWriter {
  public static final String SCHEMA = "ajar.plan/1";

  private PlanJsonWriter() {}

  public static void write(ClosePlan plan, OutputStream out) {
    ObjectWriteContext pretty = new ObjectWriteContext.Base() {
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
      for (ClosePlan.Target t : plan.targets()) {
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

  private static void writeTarget(JsonGenerator g, ClosePlan.Target t) {
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
    g.writeStringProperty("kind", kind(s.change()));
    switch (s.change()) {
      case WriteFile w -> {
        g.writeStringProperty("path", w.path());
        String text = utf8(w.content());
        if (text != null) {
          g.writeStringProperty("text", text);
        } else {
          g.writeStringProperty("base64", Base64.getEncoder().encodeToString(w.content()));
        }
        g.writeStringProperty("mode", w.mode() == null ? null : octal(w.mode()));
      }
      case CreateSymlink l -> {
        g.writeStringProperty("path", l.path());
        g.writeStringProperty("target", l.target());
      }
      case RemovePath r -> g.writeStringProperty("path", r.path());
      case RenamePath r -> {
        g.writeStringProperty("path", r.from());
        g.writeStringProperty("to", r.to());
      }
      case ChangeMode m -> {
        g.writeStringProperty("path", m.path());
        g.writeStringProperty("mode", octal(m.mode()));
      }
    }
    g.writeObjectPropertyStart("expect");
    switch (s.expected()) {
      case Precondition.Absent a -> g.writeStringProperty("state", "absent");
      case Precondition.Content c -> {
        g.writeStringProperty("state", "file");
        g.writeStringProperty("sha256", c.sha256());
      }
      case Precondition.Symlink l -> {
        g.writeStringProperty("state", "symlink");
        g.writeStringProperty("target", l.target());
      }
    }
    g.writeEndObject();
    g.writeArrayPropertyStart("targets");
    for (int t : s.targets()) {
      g.writeNumber(t);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The journal's names for the kinds of change (as in `ajar log`'s records). */
  static String kind(FileChange c) {
    return switch (c) {
      case WriteFile w -> "write-file";
      case CreateSymlink l -> "create-symlink";
      case RemovePath r -> "remove";
      case RenamePath r -> "rename";
      case ChangeMode m -> "chmod";
    };
  }

  static String octal(int mode) {
    return String.format("%04o", mode);
  }

  /** The content as a string when it is valid UTF-8, else null. */
  static String utf8(byte[] content) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
