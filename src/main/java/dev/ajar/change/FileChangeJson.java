package dev.ajar.change;

import dev.ajar.change.JsonTree.MalformedException;
import dev.ajar.change.JsonTree.Obj;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * The one JSON form of a {@link FileChange} (and of the {@link Precondition} a plan gives it), for
 * both documents that hold changes: the plan ({@code ajar.plan/1}, docs/JSON.md, read back by `ajar
 * apply`) and the journal's records ({@code ajar.journal.record/1}).
 *
 * <pre>
 * {"kind": "write-file", "path": "/etc/inetd.conf", "text": "...", "mode": null}
 * {"kind": "create-symlink", "path": "/etc/systemd/system/telnet.socket", "target": "/dev/null"}
 * {"kind": "remove", "path": "/etc/rc2.d/S20telnetd"}
 * {"kind": "rename", "path": "/etc/rc2.d/S20telnetd", "to": "/etc/rc2.d/K80telnetd"}
 * {"kind": "chmod", "path": "/usr/sbin/in.rlogind", "mode": "0755"}
 * </pre>
 *
 * A change's fields are written into an object its caller has started (a plan's step goes on with
 * "expect" and "targets"). A new content is "text" when it is valid UTF-8, else "base64"; the
 * journal keeps no second copy of it ({@link Content#DIGEST}): "size" and "sha256" instead.
 *
 * <p><b>Older spelling.</b> Records written by ajar before this codec named a rename's source
 * "from" (not "path"), had no "kind" inside the change (the record's own "kind" says it) and left
 * out a null "mode"; {@link #recordedPaths} reads both forms, so such journals can still be undone.
 * Plans were always written in this form.
 */
public final class FileChangeJson {
  private FileChangeJson() {}

  /** How a write-file's new content is written. */
  public enum Content {
    /** The bytes themselves, as "text" or "base64": a plan, to be applied later. */
    INLINE,
    /** Only "size" and "sha256": a journal record (the file holds the bytes). */
    DIGEST
  }

  /** The kind's name, as the plan and the journal (and `ajar log`) write it. */
  public static String kind(FileChange change) {
    return switch (change) {
      case WriteFile w -> "write-file";
      case CreateSymlink s -> "create-symlink";
      case RemovePath r -> "remove";
      case RenamePath r -> "rename";
      case ChangeMode m -> "chmod";
    };
  }

  /** Writes the change's fields (kind first) into the object {@code g} is in. */
  public static void writeFields(JsonGenerator g, FileChange change, Content content) {
    g.writeStringProperty("kind", kind(change));
    g.writeStringProperty("path", change.path());
    switch (change) {
      case WriteFile w -> {
        byte[] bytes = w.contentView();
        if (content == Content.DIGEST) {
          g.writeNumberProperty("size", bytes.length);
          g.writeStringProperty("sha256", Hashes.sha256(bytes));
        } else {
          String text = text(bytes);
          if (text != null) {
            g.writeStringProperty("text", text);
          } else {
            g.writeStringProperty("base64", Base64.getEncoder().encodeToString(bytes));
          }
        }
        g.writeStringProperty("mode", w.mode() == null ? null : Modes.octal(w.mode()));
      }
      case CreateSymlink s -> g.writeStringProperty("target", s.target());
      case RemovePath r -> {}
      case RenamePath r -> g.writeStringProperty("to", r.to());
      case ChangeMode m -> g.writeStringProperty("mode", Modes.octal(m.mode()));
    }
  }

  /**
   * Reads a change written with {@link Content#INLINE}, strictly: a field the kind does not have
   * (other than {@code alsoAllowed}, the caller's own), a missing one, a path that is not absolute
   * and normal, bad base64, a mode out of range is refused, naming the field.
   */
  public static FileChange read(Obj c, String... alsoAllowed) throws MalformedException {
    String kind = c.str("kind");
    return switch (kind) {
      case "write-file" -> {
        allowOnly(c, alsoAllowed, "kind", "path", "text", "base64", "mode");
        if (c.has("text") == c.has("base64")) {
          throw new MalformedException(c.where() + ": exactly one of text and base64 is needed");
        }
        byte[] content;
        if (c.has("text")) {
          String text = c.str("text");
          if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new MalformedException(
                "field " + c.where() + "text has an unpaired surrogate; use base64");
          }
          content = text.getBytes(StandardCharsets.UTF_8);
        } else {
          try {
            content = Base64.getDecoder().decode(c.str("base64"));
          } catch (IllegalArgumentException e) {
            throw new MalformedException(
                "field " + c.where() + "base64 is not base64 (" + e.getMessage() + ")");
          }
        }
        if (!c.has("mode")) {
          throw new MalformedException("missing field " + c.where() + "mode");
        }
        yield new WriteFile(
            c.path("path"), content, c.optStr("mode") == null ? null : mode(c, "mode"));
      }
      case "create-symlink" -> {
        allowOnly(c, alsoAllowed, "kind", "path", "target");
        String target = c.str("target");
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
          throw new MalformedException("field " + c.where() + "target is not a link target");
        }
        yield new CreateSymlink(c.path("path"), target);
      }
      case "remove" -> {
        allowOnly(c, alsoAllowed, "kind", "path");
        yield new RemovePath(c.path("path"));
      }
      case "rename" -> {
        allowOnly(c, alsoAllowed, "kind", "path", "to");
        yield new RenamePath(c.path("path"), c.path("to"));
      }
      case "chmod" -> {
        allowOnly(c, alsoAllowed, "kind", "path", "mode");
        yield new ChangeMode(c.path("path"), mode(c, "mode"));
      }
      default ->
          throw new MalformedException(
              "field "
                  + c.where()
                  + "kind is '"
                  + kind
                  + "' (write-file, create-symlink, remove, rename or chmod)");
    };
  }

  /**
   * The paths a journal record's change names, in the order of the record's "paths": its path, and
   * for a rename the destination. {@code kind} is the record's; a change that says another is
   * refused. Reads the older spelling too ("from" for a rename's source, no "kind").
   */
  public static List<String> recordedPaths(Obj c, String kind) throws MalformedException {
    if (c.has("kind") && !c.str("kind").equals(kind)) {
      throw new MalformedException(
          "field " + c.where() + "kind is '" + c.str("kind") + "', the record's is '" + kind + "'");
    }
    if (!kind.equals("rename")) {
      return List.of(c.str("path"));
    }
    return List.of(c.has("path") || !c.has("from") ? c.str("path") : c.str("from"), c.str("to"));
  }

  /**
   * The precondition as an object: {"state": "absent" | "file" (with "sha256") | "symlink" (with
   * "target")}.
   */
  public static void write(JsonGenerator g, Precondition p) {
    g.writeStartObject();
    switch (p) {
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
  }

  /** Reads what {@link #write(JsonGenerator, Precondition)} wrote, strictly. */
  public static Precondition readPrecondition(Obj e) throws MalformedException {
    String state = e.str("state");
    return switch (state) {
      case "absent" -> {
        e.allowOnly("state");
        yield Precondition.absent();
      }
      case "file" -> {
        e.allowOnly("state", "sha256");
        String sha = e.str("sha256");
        if (!sha.matches("[0-9a-f]{64}")) {
          throw new MalformedException(
              "field " + e.where() + "sha256 is not a lower-case SHA-256 hex digest");
        }
        yield Precondition.sha256(sha);
      }
      case "symlink" -> {
        e.allowOnly("state", "target");
        yield Precondition.symlinkTo(e.str("target"));
      }
      default ->
          throw new MalformedException(
              "field " + e.where() + "state is '" + state + "' (absent, file or symlink)");
    };
  }

  /** The content as a string when it is valid UTF-8 (a plan shows it as text), else null. */
  public static String text(byte[] content) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static void allowOnly(Obj c, String[] alsoAllowed, String... own)
      throws MalformedException {
    List<String> names = new ArrayList<>(List.of(own));
    names.addAll(List.of(alsoAllowed));
    c.allowOnly(names.toArray(String[]::new));
  }

  private static int mode(Obj o, String field) throws MalformedException {
    String m = o.str(field);
    if (!m.matches("0?[0-7]{1,4}")) {
      throw new MalformedException(
          "field " + o.where() + field + " is not an octal mode (0000 to 7777): " + m);
    }
    return Integer.parseInt(m, 8);
  }
}
