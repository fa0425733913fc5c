package dev.ajar.remedy.journal;

import dev.ajar.change.FileChange;
import dev.ajar.change.FileChangeJson;
import dev.ajar.change.Fingerprint;
import dev.ajar.change.Hashes;
import dev.ajar.change.JsonTree;
import dev.ajar.change.JsonTree.MalformedException;
import dev.ajar.change.JsonTree.Obj;
import dev.ajar.change.Modes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;

/**
 * One numbered record of a change set: the change, and for every path it touches the state before
 * (with a copy of what the change destroys) and the state it leaves (to notice a later edit).
 * Written durably before the change is started.
 *
 * <pre>
 * {"format": "ajar.journal.record/1", "seq": 5, "kind": "rename", "summary": "rename A -> B",
 *  "change": {"kind": "rename", "path": "/etc/rc2.d/S20telnetd", "to": "/etc/rc2.d/K80telnetd"},
 *  "paths": [{"path": "/etc/rc2.d/S20telnetd", "temp": ".ajar.TAG.5.0",
 *             "before": {"type": "symlink", "target": "../init.d/telnetd", "uid": 0, ...},
 *             "after": {"type": "absent"}}, ...]}
 * </pre>
 *
 * The change is in {@link FileChangeJson}'s form, the plan's (a write-file's new content by "size"
 * and "sha256"); records of earlier builds, with a rename's source as "from", are read too. Its
 * paths must be those of "paths", which undo acts on.
 *
 * @param kind write-file, create-symlink, remove, rename, chmod or remove-package
 * @param removal for remove-package, the package and how to install it again (no paths then)
 */
record UndoRecord(
    int seq, String kind, String summary, List<Touched> touched, RemovePackage removal) {
  static final String FORMAT = "ajar.journal.record/1";
  static final String REMOVE_PACKAGE = "remove-package";

  UndoRecord {
    touched = List.copyOf(touched);
  }

  UndoRecord(int seq, String kind, String summary, List<Touched> touched) {
    this(seq, kind, summary, touched, null);
  }

  /** The record of a package removal, written before the manager runs. */
  static UndoRecord of(int seq, RemovePackage removal) {
    return new UndoRecord(seq, REMOVE_PACKAGE, removal.describe(), List.of(), removal);
  }

  /** A remove-package record as JSON: the package, both commands; no paths. */
  byte[] toJson() {
    return toJson(
        g -> {
          g.writeStringProperty("manager", removal.manager());
          g.writeStringProperty("package", removal.name());
          g.writeStringProperty("version", removal.version());
          writeStrings(g, "remove", removal.remove());
          writeStrings(g, "reinstall", removal.reinstall());
        });
  }

  private static void writeStrings(JsonGenerator g, String name, List<String> values) {
    g.writeArrayPropertyStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /**
   * @param temp the name, in the path's directory, of the temporary file or link the change creates
   *     before renaming it over the path (null when it creates none)
   */
  record Touched(String path, String temp, Node before, Fingerprint after) {}

  /**
   * The record of a file change, with the change's own fields (its new content by size and hash).
   */
  byte[] toJson(FileChange change) {
    return toJson(g -> FileChangeJson.writeFields(g, change, FileChangeJson.Content.DIGEST));
  }

  /** The record as JSON, the change's fields written by {@code changeFields}. */
  private byte[] toJson(Consumer<JsonGenerator> changeFields) {
    return JsonTree.write(
        g -> {
          g.writeStartObject();
          g.writeStringProperty("format", FORMAT);
          g.writeNumberProperty("seq", seq);
          g.writeStringProperty("kind", kind);
          g.writeStringProperty("summary", summary);
          g.writeObjectPropertyStart("change");
          changeFields.accept(g);
          g.writeEndObject();
          g.writeArrayPropertyStart("paths");
          for (Touched t : touched) {
            g.writeStartObject();
            g.writeStringProperty("path", t.path());
            if (t.temp() != null) {
              g.writeStringProperty("temp", t.temp());
            }
            g.writeName("before");
            writeNode(g, t.before());
            g.writeName("after");
            writeFingerprint(g, t.after());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void writeNode(JsonGenerator g, Node node) {
    g.writeStartObject();
    switch (node) {
      case Node.Absent a -> g.writeStringProperty("type", "absent");
      case Node.Regular f -> {
        g.writeStringProperty("type", "file");
        g.writeStringProperty("sha256", f.sha256());
        g.writeNumberProperty("size", f.size());
        g.writeStringProperty("mode", Modes.octal(f.mode()));
        g.writeNumberProperty("uid", f.uid());
        g.writeNumberProperty("gid", f.gid());
        g.writeStringProperty("mtime", f.mtime().toInstant().toString());
        g.writeStringProperty("atime", f.atime().toInstant().toString());
        g.writeNumberProperty("nlink", f.nlink());
        if (f.content() != null) {
          g.writeStringProperty("content", Base64.getEncoder().encodeToString(f.content()));
        }
      }
      case Node.Link l -> {
        g.writeStringProperty("type", "symlink");
        g.writeStringProperty("target", l.target());
        g.writeNumberProperty("uid", l.uid());
        g.writeNumberProperty("gid", l.gid());
        g.writeStringProperty("mtime", l.mtime().toInstant().toString());
        g.writeStringProperty("atime", l.atime().toInstant().toString());
      }
      case Node.Other o ->
          throw new IllegalArgumentException("a " + o.kind() + " is never journaled");
    }
    g.writeEndObject();
  }

  private static void writeFingerprint(JsonGenerator g, Fingerprint f) {
    g.writeStartObject();
    g.writeStringProperty("type", f.type());
    if (f.sha256() != null) {
      g.writeStringProperty("sha256", f.sha256());
    }
    if (f.mode() != null) {
      g.writeStringProperty("mode", Modes.octal(f.mode()));
    }
    if (f.target() != null) {
      g.writeStringProperty("target", f.target());
    }
    g.writeEndObject();
  }

  static UndoRecord fromJson(byte[] json) throws MalformedException {
    Obj o = JsonTree.read(json);
    if (!FORMAT.equals(o.str("format"))) {
      throw new MalformedException(
          "format "
              + o.str("format")
              + " is not "
              + FORMAT
              + " (written by another version of ajar?)");
    }
    String kind = o.str("kind");
    if (!List.of("write-file", "create-symlink", "remove", "rename", "chmod", REMOVE_PACKAGE)
        .contains(kind)) {
      throw new MalformedException("unknown kind " + kind);
    }
    if (kind.equals(REMOVE_PACKAGE)) {
      if (!o.objects("paths").isEmpty()) {
        throw new MalformedException("a remove-package record touches no paths");
      }
      Obj c = o.obj("change");
      List<String> remove = c.strings("remove");
      List<String> reinstall = c.strings("reinstall");
      if (remove.isEmpty() || reinstall.isEmpty()) {
        throw new MalformedException("remove-package without its commands");
      }
      return of(
          o.integer("seq"),
          new RemovePackage(
              c.str("manager"), c.str("package"), c.str("version"), remove, reinstall));
    }
    List<Touched> touched = new ArrayList<>();
    for (Obj t : o.objects("paths")) {
      String path = t.str("path");
      ConfinedTree.check(path);
      touched.add(
          new Touched(
              path, t.optStr("temp"), readNode(t.obj("before")), readFingerprint(t.obj("after"))));
    }
    if (touched.isEmpty() || touched.size() != (kind.equals("rename") ? 2 : 1)) {
      throw new MalformedException("wrong number of paths for " + kind);
    }
    List<String> named = FileChangeJson.recordedPaths(o.obj("change"), kind);
    if (!named.equals(touched.stream().map(Touched::path).toList())) {
      throw new MalformedException(
          "the change is about " + String.join(" and ", named) + ", its paths are not");
    }
    return new UndoRecord(o.integer("seq"), kind, o.str("summary"), touched);
  }

  private static Node readNode(Obj o) throws MalformedException {
    String type = o.str("type");
    return switch (type) {
      case "absent" -> Node.ABSENT;
      case "file" -> {
        String content = o.optStr("content");
        byte[] bytes;
        try {
          bytes = content == null ? null : Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
          throw new MalformedException("content is not base64: " + e.getMessage());
        }
        if (bytes != null && !Hashes.sha256(bytes).equals(o.str("sha256"))) {
          throw new MalformedException("content does not match its sha256");
        }
        yield new Node.Regular(
            o.str("sha256"),
            o.num("size"),
            mode(o),
            o.integer("uid"),
            o.integer("gid"),
            time(o, "mtime"),
            time(o, "atime"),
            o.integer("nlink"),
            bytes);
      }
      case "symlink" ->
          new Node.Link(
              o.str("target"),
              o.integer("uid"),
              o.integer("gid"),
              time(o, "mtime"),
              time(o, "atime"));
      default -> throw new MalformedException("unknown type " + type);
    };
  }

  private static Fingerprint readFingerprint(Obj o) throws MalformedException {
    String type = o.str("type");
    return switch (type) {
      case "absent" -> Fingerprint.ABSENT;
      case "file" -> Fingerprint.file(o.str("sha256"), mode(o));
      case "symlink" -> Fingerprint.symlink(o.str("target"));
      default -> throw new MalformedException("unknown type " + type);
    };
  }

  private static int mode(Obj o) throws MalformedException {
    try {
      return Modes.parse(o.str("mode"));
    } catch (IllegalArgumentException e) {
      throw new MalformedException("bad mode " + o.str("mode"));
    }
  }

  private static FileTime time(Obj o, String name) throws MalformedException {
    try {
      return FileTime.from(Instant.parse(o.str(name)));
    } catch (DateTimeParseException e) {
      throw new MalformedException("bad time in " + name + ": " + o.str(name));
    }
  }
}
