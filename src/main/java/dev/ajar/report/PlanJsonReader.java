package dev.ajar.report;

import dev.ajar.host.BadInputException;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.remedy.journal.ChangeMode;
import dev.ajar.remedy.journal.CreateSymlink;
import dev.ajar.remedy.journal.FileChange;
import dev.ajar.remedy.journal.JsonTree;
import dev.ajar.remedy.journal.JsonTree.MalformedException;
import dev.ajar.remedy.journal.JsonTree.Obj;
import dev.ajar.remedy.journal.Precondition;
import dev.ajar.remedy.journal.RemovePath;
import dev.ajar.remedy.journal.RenamePath;
import dev.ajar.remedy.journal.WriteFile;
import dev.ajar.supervisors.DisablePlan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads an `ajar.plan/1` document (docs/JSON.md) back into the plan {@link PlanJsonWriter} wrote,
 * strictly: a plan is about to change files, so an unknown schema or field, a missing field, a
 * path that is not absolute and normal, bad base64 or a mode out of range is refused with one
 * line naming the field. A pure function of the bytes; the caller reads the file.
 *
 * <pre>{"schema": "ajar.plan/1", "root": "/", "targets": [...], "changes": [{"kind": "write-file", ...}]}</pre>
 */
public final class PlanJsonReader {
  private PlanJsonReader() {}

  /** The plan in {@code json}; {@code source} names it in messages. */
  public static ClosePlan read(String source, byte[] json) {
    try {
      return plan(JsonTree.read(json));
    } catch (MalformedException | IllegalArgumentException e) {
      throw new BadInputException(source + ": not an " + PlanJsonWriter.SCHEMA + " plan: " + e.getMessage());
    }
  }

  private static ClosePlan plan(Obj doc) throws MalformedException {
    String schema = doc.str("schema");
    if (!schema.equals(PlanJsonWriter.SCHEMA)) {
      throw new MalformedException("field schema is '" + schema + "', this ajar reads " + PlanJsonWriter.SCHEMA);
    }
    doc.allowOnly("schema", "root", "targets", "changes");
    String root = path(doc, "root");
    List<ClosePlan.Target> targets = new ArrayList<>();
    for (Obj t : doc.objects("targets")) {
      targets.add(target(t));
    }
    List<ClosePlan.Step> steps = new ArrayList<>();
    for (Obj c : doc.objects("changes")) {
      steps.add(step(c, targets.size()));
    }
    return new ClosePlan(root, targets, steps);
  }

  private static ClosePlan.Target target(Obj t) throws MalformedException {
    t.allowOnly("owner", "ports", "why", "runtime", "notes");
    Obj o = t.obj("owner");
    o.allowOnly("supervisor", "entry", "file", "line", "program");
    String supervisor = o.str("supervisor");
    SupervisorKind kind = SupervisorKind.fromLabel(supervisor).orElseThrow(() -> new MalformedException(
        "field " + o.where() + "supervisor is '" + supervisor + "', not one of "
            + String.join(", ", SupervisorKind.labels())));
    Owner owner = new Owner(kind, o.optStr("entry"), o.optStr("file"), o.integer("line"),
        o.optStr("program"));
    List<DisablePlan.RuntimeStep> runtime = new ArrayList<>();
    for (Obj r : t.objects("runtime")) {
      r.allowOnly("why", "argv");
      List<String> argv = r.strings("argv");
      if (argv.isEmpty()) {
        throw new MalformedException("field " + r.where() + "argv is empty");
      }
      runtime.add(new DisablePlan.RuntimeStep(r.str("why"), argv));
    }
    for (int port : t.integers("ports")) {
      if (port < 0 || port > 65535) {
        throw new MalformedException("field " + t.where() + "ports has " + port + ", not a port");
      }
    }
    return new ClosePlan.Target(owner, t.integers("ports"), t.str("why"), runtime, t.strings("notes"));
  }

  private static ClosePlan.Step step(Obj c, int targets) throws MalformedException {
    String kind = c.str("kind");
    FileChange change = switch (kind) {
      case "write-file" -> {
        c.allowOnly("kind", "path", "text", "base64", "mode", "expect", "targets");
        if (c.has("text") == c.has("base64")) {
          throw new MalformedException(c.where() + ": exactly one of text and base64 is needed");
        }
        byte[] content;
        if (c.has("text")) {
          String text = c.str("text");
          if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new MalformedException("field " + c.where() + "text has an unpaired surrogate; use base64");
          }
          content = text.getBytes(StandardCharsets.UTF_8);
        } else {
          try {
            content = Base64.getDecoder().decode(c.str("base64"));
          } catch (IllegalArgumentException e) {
            throw new MalformedException("field " + c.where() + "base64 is not base64 (" + e.getMessage() + ")");
          }
        }
        String mode = c.optStr("mode");
        if (!c.has("mode")) {
          throw new MalformedException("missing field " + c.where() + "mode");
        }
        yield new WriteFile(path(c, "path"), content, mode == null ? null : mode(c, "mode"));
      }
      case "create-symlink" -> {
        c.allowOnly("kind", "path", "target", "expect", "targets");
        String target = c.str("target");
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
          throw new MalformedException("field " + c.where() + "target is not a link target");
        }
        yield new CreateSymlink(path(c, "path"), target);
      }
      case "remove" -> {
        c.allowOnly("kind", "path", "expect", "targets");
        yield new RemovePath(path(c, "path"));
      }
      case "rename" -> {
        c.allowOnly("kind", "path", "to", "expect", "targets");
        yield new RenamePath(path(c, "path"), path(c, "to"));
      }
      case "chmod" -> {
        c.allowOnly("kind", "path", "mode", "expect", "targets");
        yield new ChangeMode(path(c, "path"), mode(c, "mode"));
      }
      default -> throw new MalformedException("field " + c.where() + "kind is '" + kind
          + "' (write-file, create-symlink, remove, rename or chmod)");
    };
    List<Integer> serves = c.integers("targets");
    for (int t : serves) {
      if (t < 0 || t >= targets) {
        throw new MalformedException("field " + c.where() + "targets has " + t + ", not a target index");
      }
    }
    return new ClosePlan.Step(change, expect(c.obj("expect")), serves);
  }

  private static Precondition expect(Obj e) throws MalformedException {
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
          throw new MalformedException("field " + e.where() + "sha256 is not a lower-case SHA-256 hex digest");
        }
        yield Precondition.sha256(sha);
      }
      case "symlink" -> {
        e.allowOnly("state", "target");
        yield Precondition.symlinkTo(e.str("target"));
      }
      default -> throw new MalformedException("field " + e.where() + "state is '" + state
          + "' (absent, file or symlink)");
    };
  }

  /** An absolute, normal path: no ".", "..", empty component, trailing slash or NUL. */
  private static String path(Obj o, String field) throws MalformedException {
    String p = o.str(field);
    boolean normal = p.startsWith("/") && p.indexOf('\0') < 0
        && (p.equals("/") || !p.endsWith("/") && !p.contains("//")
            && java.util.Arrays.stream(p.substring(1).split("/")).noneMatch(c -> c.equals(".") || c.equals("..")));
    if (!normal) {
      throw new MalformedException("field " + o.where() + field + " is not an absolute normal path: " + p);
    }
    return p;
  }

  private static int mode(Obj o, String field) throws MalformedException {
    String m = o.str(field);
    if (!m.matches("0?[0-7]{1,4}")) {
      throw new MalformedException("field " + o.where() + field + " is not an octal mode (0000 to 7777): " + m);
    }
    return Integer.parseInt(m, 8);
  }
}
