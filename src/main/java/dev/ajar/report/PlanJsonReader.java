package dev.ajar.report;

import dev.ajar.change.FileChange;
import dev.ajar.change.FileChangeJson;
import dev.ajar.change.JsonTree;
import dev.ajar.change.JsonTree.MalformedException;
import dev.ajar.change.JsonTree.Obj;
import dev.ajar.host.BadInputException;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.supervisors.DisablePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an `ajar.plan/1` document (docs/JSON.md) back into the plan {@link PlanJsonWriter} wrote,
 * strictly: a plan is about to change files, so an unknown schema or field, a missing field, a path
 * that is not absolute and normal, bad base64 or a mode out of range is refused with one line
 * naming the field. A pure function of the bytes; the caller reads the file.
 *
 * <pre>
 * {"schema": "ajar.plan/1", "root": "/", "targets": [...], "changes": [{"kind": "write-file", ...}]}
 * </pre>
 */
public final class PlanJsonReader {
  private PlanJsonReader() {}

  /** The plan in {@code json}; {@code source} names it in messages. */
  public static ClosePlan read(String source, byte[] json) {
    try {
      return plan(JsonTree.read(json));
    } catch (MalformedException | IllegalArgumentException e) {
      throw new BadInputException(
          source + ": not an " + PlanJsonWriter.SCHEMA + " plan: " + e.getMessage());
    }
  }

  private static ClosePlan plan(Obj doc) throws MalformedException {
    String schema = doc.str("schema");
    if (!schema.equals(PlanJsonWriter.SCHEMA)) {
      throw new MalformedException(
          "field schema is '" + schema + "', this ajar reads " + PlanJsonWriter.SCHEMA);
    }
    doc.allowOnly("schema", "root", "targets", "changes");
    String root = doc.path("root");
    List<ClosePlan.Entry> targets = new ArrayList<>();
    for (Obj t : doc.objects("targets")) {
      targets.add(target(t));
    }
    List<ClosePlan.Step> steps = new ArrayList<>();
    for (Obj c : doc.objects("changes")) {
      steps.add(step(c, targets.size()));
    }
    return new ClosePlan(root, targets, steps);
  }

  private static ClosePlan.Entry target(Obj t) throws MalformedException {
    t.allowOnly("owner", "ports", "why", "runtime", "notes");
    Obj o = t.obj("owner");
    o.allowOnly("supervisor", "entry", "file", "line", "program");
    String supervisor = o.str("supervisor");
    SupervisorKind kind =
        SupervisorKind.fromLabel(supervisor)
            .orElseThrow(
                () ->
                    new MalformedException(
                        "field "
                            + o.where()
                            + "supervisor is '"
                            + supervisor
                            + "', not one of "
                            + String.join(", ", SupervisorKind.labels())));
    Owner owner =
        new Owner(
            kind, o.optStr("entry"), o.optStr("file"), o.integer("line"), o.optStr("program"));
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
    return new ClosePlan.Entry(
        owner, t.integers("ports"), t.str("why"), runtime, t.strings("notes"));
  }

  private static ClosePlan.Step step(Obj c, int targets) throws MalformedException {
    FileChange change = FileChangeJson.read(c, "expect", "targets");
    List<Integer> serves = c.integers("targets");
    for (int t : serves) {
      if (t < 0 || t >= targets) {
        throw new MalformedException(
            "field " + c.where() + "targets has " + t + ", not a target index");
      }
    }
    return new ClosePlan.Step(change, FileChangeJson.readPrecondition(c.obj("expect")), serves);
  }
}
