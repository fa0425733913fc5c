package dev.ajar.remedy.journal;

import dev.ajar.change.Fingerprint;
import dev.ajar.change.Hashes;
import dev.ajar.change.Modes;
import dev.ajar.host.BadInputException;
import dev.ajar.host.CommandRunner;
import dev.ajar.remedy.journal.Journal.Loaded;
import dev.ajar.remedy.journal.UndoRecord.Touched;
import dev.ajar.remedy.journal.UndoReport.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One undo of one change set. First decides, for every record from the last to the first, what its
 * paths are now (as they would be once the later records are reverted): all as ajar left them,
 * revert; all as they were before, nothing to do (the change was never made, or an interrupted undo
 * already reverted it); anything else is a conflict. Conflicts refuse the whole undo before
 * anything is touched, unless forced. Then it acts, in the same order, each step atomic and synced,
 * so an undo killed in the middle is completed by running it again.
 */
final class Undo {
  private enum Action {
    REVERT,
    NOTHING,
    CONFLICT
  }

  private record Step(UndoRecord record, Action action) {}

  private final Journal journal;
  private final Loaded set;
  private final List<Loaded> later;
  private final boolean force;
  private final ConfinedTree tree;
  private final Checkpoint checkpoint;
  private final List<String> notes = new ArrayList<>();
  private final PackageSteps packages;

  Undo(Journal journal, Loaded set, List<Loaded> later, boolean force, PackageSteps packages) {
    this.packages = packages;
    this.journal = journal;
    this.set = set;
    this.later = later;
    this.force = force;
    this.tree = journal.tree();
    this.checkpoint = journal.checkpoint();
  }

  UndoReport run() throws IOException {
    notes.addAll(set.notes());
    if (!force) {
      refuseLaterChanges();
    }
    List<Step> steps = plan();
    journal.writeMarker(set.dir(), Journal.UNDO_STARTED, "force", Boolean.toString(force));
    checkpoint.reached("undo started");
    List<UndoReport.Step> done = new ArrayList<>();
    for (Step step : steps) {
      UndoRecord r = step.record();
      removeTemporaries(r);
      Outcome outcome =
          switch (step.action()) {
            case NOTHING -> Outcome.ALREADY_ORIGINAL;
            case REVERT -> {
              revert(r, false);
              yield Outcome.REVERTED;
            }
            case CONFLICT -> {
              revert(r, true);
              yield Outcome.FORCED;
            }
          };
      done.add(
          new UndoReport.Step(
              r.seq(),
              r.summary(),
              outcome,
              r.touched().stream().map(UndoRecord.Touched::path).toList()));
      checkpoint.reached("revert " + r.seq() + ": done");
    }
    journal.writeMarker(set.dir(), Journal.UNDONE, "force", Boolean.toString(force));
    checkpoint.reached("undone");
    return new UndoReport(set.id(), done, notes);
  }

  /** A later change set that touched the same paths must be undone first. */
  private void refuseLaterChanges() {
    Set<String> ours = new HashSet<>();
    for (UndoRecord r : set.records()) {
      for (Touched t : r.touched()) {
        ours.add(t.path());
      }
    }
    for (Loaded other : later) {
      for (UndoRecord r : other.records()) {
        for (Touched t : r.touched()) {
          if (ours.contains(t.path())) {
            throw new BadInputException(
                "undo of change set "
                    + set.id()
                    + " refused: "
                    + t.path()
                    + " was changed again by the later change set "
                    + other.id()
                    + " ("
                    + other.description()
                    + "); undo that one first, or use --force");
          }
        }
      }
    }
  }

  private List<Step> plan() throws IOException {
    Map<String, Fingerprint> now = new HashMap<>();
    List<Step> steps = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (UndoRecord r : set.records().reversed()) {
      if (r.removal() != null) {
        steps.add(new Step(r, packageAction(r.removal(), conflicts)));
        continue;
      }
      boolean allAfter = true;
      boolean allBefore = true;
      List<String> odd = new ArrayList<>();
      for (Touched t : r.touched()) {
        Fingerprint current = now.get(t.path());
        if (current == null) {
          Path located = tree.locateIfParentExists(t.path());
          current = located == null ? Fingerprint.ABSENT : Node.read(located, false).fingerprint();
          now.put(t.path(), current);
        }
        boolean isAfter = current.equals(t.after());
        boolean isBefore = current.equals(t.before().fingerprint());
        allAfter &= isAfter;
        allBefore &= isBefore;
        if (!isAfter && !isBefore) {
          odd.add(
              t.path()
                  + " (ajar left it "
                  + t.after().describe()
                  + ", now it is "
                  + current.describe()
                  + ")");
        }
      }
      Action action;
      if (allAfter) {
        action = Action.REVERT;
      } else if (allBefore) {
        action = Action.NOTHING;
      } else {
        action = Action.CONFLICT;
        if (odd.isEmpty()) {
          odd.add(
              String.join(" and ", r.touched().stream().map(Touched::path).toList())
                  + " (half as before, half as ajar left them)");
        }
        conflicts.addAll(odd);
      }
      if (action != Action.NOTHING) {
        for (Touched t : r.touched()) {
          now.put(t.path(), t.before().fingerprint());
        }
      }
      steps.add(new Step(r, action));
    }
    if (!conflicts.isEmpty() && !force) {
      throw new BadInputException(
          "undo of change set "
              + set.id()
              + " refused, nothing was"
              + " changed: "
              + (conflicts.size() == 1 ? "" : conflicts.size() + " files ")
              + "changed after ajar changed them: "
              + String.join("; ", conflicts)
              + ". Look at them, then undo with --force to restore the originals anyway (a copy of"
              + " each file it overwrites is kept in the journal)");
    }
    return steps;
  }

  /**
   * A removed package: gone now, reinstall it; installed in its version, nothing was removed (the
   * removal failed, or an interrupted undo reinstalled it); another version, someone installed that
   * since: a conflict, and even --force leaves it (ajar never downgrades).
   */
  private Action packageAction(RemovePackage removal, List<String> conflicts) throws IOException {
    if (packages == null) {
      throw new BadInputException(
          "undo of change set "
              + set.id()
              + " refused, nothing was"
              + " changed: it removed the package "
              + removal.name()
              + ", which only an undo on the"
              + " running host can install again (not on an offline root)");
    }
    String now = packages.installedVersion(removal.manager(), removal.name());
    if (now == null) {
      return Action.REVERT;
    }
    if (now.equals(removal.version())) {
      return Action.NOTHING;
    }
    conflicts.add(
        "package "
            + removal.name()
            + " (ajar removed "
            + removal.version()
            + ", now "
            + now
            + " is installed)");
    return Action.CONFLICT;
  }

  private void reinstall(UndoRecord r, boolean conflict) throws IOException {
    RemovePackage removal = r.removal();
    if (conflict) {
      notes.add(
          "package "
              + removal.name()
              + ": another version was installed after ajar removed "
              + removal.version()
              + "; left as it is (ajar never downgrades)");
      return;
    }
    CommandRunner.Result result;
    try {
      result = packages.run(removal.reinstall());
    } catch (IOException e) {
      result = new CommandRunner.Result(-1, "", e.getMessage());
    }
    String now = packages.installedVersion(removal.manager(), removal.name());
    if (!removal.version().equals(now)) {
      String why =
          result.ok()
              ? "it is " + (now == null ? "still not installed" : "now " + now)
              : "exit " + result.exitCode() + ": " + lastLine(result.stderr());
      throw new BadInputException(
          "undo of change set "
              + set.id()
              + " stopped: installing "
              + removal.name()
              + " "
              + removal.version()
              + " again failed ("
              + String.join(" ", removal.reinstall())
              + ": "
              + why
              + "); nothing after it was restored yet: fix"
              + " that, then run ajar undo "
              + set.id()
              + " again");
    }
    notes.add(
        "package "
            + removal.name()
            + " "
            + removal.version()
            + " installed again (its"
            + " configuration files had stayed)");
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty() ? "no message" : lines.getLast();
  }

  /** Temporary files of the change (cut before its rename) or of an earlier, interrupted undo. */
  private void removeTemporaries(UndoRecord r) throws IOException {
    for (Touched t : r.touched()) {
      Path target = tree.locateIfParentExists(t.path());
      if (target == null) {
        continue;
      }
      for (String name : List.of(t.temp(), t.temp() + ".undo")) {
        Path tmp = target.resolveSibling(name);
        if (Durable.deleteLeftover(tmp)) {
          Durable.syncDirectory(target.getParent());
          notes.add(
              "removed the temporary file "
                  + ConfinedTree.parentOf(t.path())
                  + (ConfinedTree.parentOf(t.path()).equals("/") ? "" : "/")
                  + name
                  + " left by an interrupted run");
        }
      }
    }
  }

  private void revert(UndoRecord r, boolean conflict) throws IOException {
    if (r.removal() != null) {
      reinstall(r, conflict);
      return;
    }
    if (conflict) {
      notes.add(
          "change "
              + r.seq()
              + " ("
              + r.summary()
              + "): changed by someone else after ajar;"
              + " original restored because of --force");
    }
    switch (r.kind()) {
      case "rename" -> revertRename(r, conflict);
      case "chmod" -> revertMode(r, conflict);
      default -> restore(r, r.touched().getFirst(), conflict);
    }
  }

  /** Puts back the recorded state of one path, from the copy in the record. */
  private void restore(UndoRecord r, Touched t, boolean conflict) throws IOException {
    Path target = tree.locate(t.path());
    Node current = Node.read(target, conflict);
    if (conflict) {
      displace(r, t, current);
    }
    String label = "revert " + r.seq();
    String temp = t.temp() + ".undo";
    switch (t.before()) {
      case Node.Absent a -> {
        switch (current) {
          case Node.Absent none -> {}
          case Node.Other o ->
              throw new BadInputException(
                  t.path() + ": is now a " + o.kind() + "; ajar will not remove it");
          default -> Durable.delete(target);
        }
      }
      case Node.Regular b -> {
        if (current instanceof Node.Regular c && c.sha256().equals(b.sha256())) {
          restoreMetadata(target, b);
        } else {
          if (b.content() == null) {
            throw new BadInputException(
                t.path() + ": cannot be restored, the journal kept no copy");
          }
          refuseDirectory(t.path(), current);
          Durable.replaceWithFile(
              target,
              temp,
              b.content(),
              b.uid(),
              b.gid(),
              b.mode(),
              b.mtime(),
              b.atime(),
              checkpoint,
              label);
        }
      }
      case Node.Link b -> {
        if (current instanceof Node.Link c && c.target().equals(b.target())) {
          Durable.setOwner(target, b.uid(), b.gid());
          Durable.setTimes(target, b.mtime(), b.atime());
          Durable.syncDirectory(target.getParent());
        } else {
          refuseDirectory(t.path(), current);
          Durable.replaceWithLink(
              target, temp, b.target(), b.uid(), b.gid(), b.mtime(), b.atime(), checkpoint, label);
        }
      }
      case Node.Other o -> throw new IllegalStateException("a " + o.kind() + " is never recorded");
    }
  }

  private static void refuseDirectory(String path, Node current) {
    if (current instanceof Node.Other o) {
      throw new BadInputException(path + ": is now a " + o.kind() + "; ajar will not replace it");
    }
  }

  /** Owner, then times, then mode last (chown clears set-UID; the mode makes the state whole). */
  private static void restoreMetadata(Path target, Node.Regular b) throws IOException {
    Durable.setOwner(target, b.uid(), b.gid());
    Durable.setTimes(target, b.mtime(), b.atime());
    Durable.changeModeDurably(target, b.mode());
  }

  private void revertRename(UndoRecord r, boolean conflict) throws IOException {
    Touched from = r.touched().get(0);
    Touched to = r.touched().get(1);
    Path source = tree.locate(from.path());
    Path moved = tree.locate(to.path());
    Node atSource = Node.read(source, conflict);
    Node atDestination = Node.read(moved, conflict);
    boolean ours = atDestination.fingerprint().equals(to.after());
    if (ours && atSource instanceof Node.Absent) {
      Durable.rename(moved, source);
      return;
    }
    // Forced from here on.
    if (ours) {
      displace(r, from, atSource);
      refuseDirectory(from.path(), atSource);
      Durable.rename(moved, source);
      return;
    }
    if (from.before() instanceof Node.Link link) {
      restore(r, from, true);
      notes.add(from.path() + ": made again from the journal (link to " + link.target() + ")");
    } else if (!atSource.fingerprint().equals(from.before().fingerprint())) {
      notes.add(
          from.path()
              + ": NOT restored: the renamed file is no longer at "
              + to.path()
              + " and ajar keeps no copy of files it only renames");
    }
    if (!(atDestination instanceof Node.Absent)) {
      restore(r, to, true);
    }
  }

  private void revertMode(UndoRecord r, boolean conflict) throws IOException {
    Touched t = r.touched().getFirst();
    Node.Regular b = (Node.Regular) t.before();
    Path target = tree.locate(t.path());
    Node current = Node.read(target, false);
    if (current instanceof Node.Regular c) {
      if (c.sha256().equals(b.sha256())) {
        restoreMetadata(target, b);
      } else {
        // Someone replaced the content (a package upgrade?): give the new file the old owner and
        // mode, never the old content, which ajar did not touch and did not keep.
        Durable.setOwner(target, b.uid(), b.gid());
        Durable.changeModeDurably(target, b.mode());
        notes.add(
            t.path()
                + ": its content changed after ajar changed its mode; only owner and"
                + " mode "
                + Modes.octal(b.mode())
                + " were restored");
      }
    } else if (conflict) {
      notes.add(t.path() + ": NOT restored: it is now " + current.fingerprint().describe());
    }
  }

  /** Before --force overwrites a file someone else changed, keeps a copy in the journal. */
  private void displace(UndoRecord r, Touched t, Node current) throws IOException {
    if (!(current instanceof Node.Regular c)
        || current.fingerprint().equals(t.after())
        || current.fingerprint().equals(t.before().fingerprint())) {
      return;
    }
    Path displaced = set.dir().resolve("displaced");
    if (!Files.isDirectory(displaced, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(displaced);
      Durable.syncDirectory(set.dir());
    }
    String name = r.seq() + "-" + t.path().substring(1).replace('/', '_');
    if (name.length() > 200) {
      name =
          r.seq()
              + "-"
              + Hashes.sha256(t.path().getBytes(StandardCharsets.UTF_8)).substring(0, 16)
              + "-"
              + ConfinedTree.nameOf(t.path());
      name = name.substring(0, Math.min(name.length(), 200));
    }
    Path copy = displaced.resolve(name);
    byte[] bytes = c.content();
    if (bytes == null) {
      bytes = Files.readAllBytes(tree.locate(t.path()));
    }
    Files.deleteIfExists(copy);
    try (FileChannel out = Durable.createOwnerOnly(copy)) {
      Durable.writeFully(out, ByteBuffer.wrap(bytes));
      out.force(true);
    }
    Durable.syncDirectory(displaced);
    notes.add(t.path() + ": the version found before --force overwrote it is kept in " + copy);
  }
}
