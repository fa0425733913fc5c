package dev.ajar.remedy.journal;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChange;
import dev.ajar.change.FileChangeJson;
import dev.ajar.change.Fingerprint;
import dev.ajar.change.Hashes;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.remedy.journal.UndoRecord.Touched;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The changes of one `ajar close` or `ajar apply`, made one at a time, each recorded durably before
 * it is made. Not thread-safe: one thread applies, then commits, then closes.
 */
public final class ChangeSet implements AutoCloseable {
  private final Journal journal;
  private final String id;
  private final Path dir;
  private final String tag;
  private int recorded;
  private boolean committed;
  private boolean closed;
  private String failure;

  ChangeSet(Journal journal, String id, Path dir, String tag) {
    this.journal = journal;
    this.id = id;
    this.dir = dir;
    this.tag = tag;
  }

  public String id() {
    return id;
  }

  /** The number of changes recorded so far. */
  public int size() {
    return recorded;
  }

  @FunctionalInterface
  private interface Action {
    void run() throws IOException;
  }

  /**
   * Refuses a change to a set that cannot take one: the journal closed, the set closed or
   * committed, or stopped by an earlier failure (then only undo is left).
   */
  private void requireOpenToChanges() {
    journal.ensureOpen();
    if (closed || committed) {
      throw new IllegalStateException(
          "change set " + id + " is " + (closed ? "closed" : "committed"));
    }
    if (failure != null) {
      throw new BadInputException(
          "change set "
              + id
              + " stopped after a failure ("
              + failure
              + "); undo it with ajar undo "
              + id);
    }
  }

  /**
   * Makes one change. First reads the state of every path it touches and refuses (a {@link
   * BadInputException} naming the file, nothing changed) when the path is no longer as {@code
   * expected} says, or cannot be changed and undone exactly (a directory, a file too large to keep
   * a copy of, a parent outside the root). Then writes the undo record durably (file and directory
   * fsync'ed), and only then makes the change atomically: a temporary file or link in the same
   * directory, synced, renamed over the path; or one unlink, rename or chmod, then the directory or
   * file synced.
   */
  public void apply(FileChange change, Precondition expected) throws IOException {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(expected, "expected");
    requireOpenToChanges();
    ConfinedTree tree = journal.tree();
    Checkpoint checkpoint = journal.checkpoint();
    int seq = recorded + 1;
    String temp = ".ajar." + tag + "." + seq + ".";
    String label = "change " + seq;
    List<Touched> touched;
    Action action;
    switch (change) {
      case WriteFile w -> {
        Path target = tree.locate(w.path());
        Node before = Node.read(target, true);
        require(w.path(), before, expected);
        replaceable(w.path(), before);
        int mode = w.mode() != null ? w.mode() : before instanceof Node.Regular r ? r.mode() : 0644;
        // A file replaced keeps its owner; a new one (or one replacing a link) gets ajar's.
        Integer uid = before instanceof Node.Regular r ? r.uid() : null;
        Integer gid = before instanceof Node.Regular r ? r.gid() : null;
        byte[] content = w.content();
        Fingerprint after = Fingerprint.file(Hashes.sha256(content), mode);
        touched = List.of(new Touched(w.path(), temp + "0", before, after));
        action =
            () ->
                Durable.replaceWithFile(
                    target, temp + "0", content, uid, gid, mode, null, null, checkpoint, label);
      }
      case CreateSymlink s -> {
        Path target = tree.locate(s.path());
        checkLinkTarget(s.path(), s.target());
        Node before = Node.read(target, true);
        require(s.path(), before, expected);
        replaceable(s.path(), before);
        touched =
            List.of(new Touched(s.path(), temp + "0", before, Fingerprint.symlink(s.target())));
        action =
            () ->
                Durable.replaceWithLink(
                    target, temp + "0", s.target(), null, null, null, null, checkpoint, label);
      }
      case RemovePath r -> {
        Path target = tree.locate(r.path());
        Node before = Node.read(target, true);
        require(r.path(), before, expected);
        if (before instanceof Node.Absent) {
          throw new BadInputException(r.path() + ": does not exist, nothing to remove");
        }
        replaceable(r.path(), before);
        touched = List.of(new Touched(r.path(), temp + "0", before, Fingerprint.ABSENT));
        action = () -> Durable.delete(target);
      }
      case RenamePath r -> {
        if (r.from().equals(r.to())) {
          throw new BadInputException(r.from() + ": renamed to itself");
        }
        Path from = tree.locate(r.from());
        Path to = tree.locate(r.to());
        Node before = Node.read(from, false);
        require(r.from(), before, expected);
        switch (before) {
          case Node.Absent a ->
              throw new BadInputException(r.from() + ": does not exist, nothing to rename");
          case Node.Other o ->
              throw new BadInputException(
                  r.from()
                      + ": is a "
                      + o.kind()
                      + "; ajar renames only regular files and symbolic links");
          default -> {}
        }
        Node existing = Node.read(to, false);
        if (!(existing instanceof Node.Absent)) {
          throw new BadInputException(
              r.to()
                  + ": exists already ("
                  + existing.fingerprint().describe()
                  + "); ajar will not rename "
                  + r.from()
                  + " over it");
        }
        touched =
            List.of(
                new Touched(r.from(), temp + "0", before, Fingerprint.ABSENT),
                new Touched(r.to(), temp + "1", Node.ABSENT, before.fingerprint()));
        action = () -> Durable.rename(from, to);
      }
      case ChangeMode m -> {
        Path target = tree.locate(m.path());
        Node before = Node.read(target, false);
        require(m.path(), before, expected);
        if (!(before instanceof Node.Regular file)) {
          throw new BadInputException(
              m.path()
                  + ": is "
                  + before.fingerprint().describe()
                  + "; ajar changes the mode of regular files only"
                  + (before instanceof Node.Link ? " (name the file the link points to)" : ""));
        }
        touched =
            List.of(
                new Touched(
                    m.path(), temp + "0", before, Fingerprint.file(file.sha256(), m.mode())));
        action = () -> Durable.changeModeDurably(target, m.mode());
      }
    }

    UndoRecord record =
        new UndoRecord(seq, FileChangeJson.kind(change), change.describe(), touched);
    try {
      Frames.write(
          dir, String.format("%06d.rec", seq), record.toJson(change), checkpoint, "record " + seq);
    } catch (IOException | RuntimeException e) {
      failure = "writing the record of " + change.describe() + ": " + e.getMessage();
      throw e;
    }
    recorded = seq;
    checkpoint.reached("record " + seq + ": durable");
    try {
      action.run();
    } catch (IOException | RuntimeException e) {
      failure = change.describe() + ": " + e.getMessage();
      throw e;
    }
    checkpoint.reached(label + ": done");
  }

  /**
   * Removes a package, journaled like a file change: refuses (nothing done) unless exactly {@code
   * removal.version()} is installed now, writes the record durably, and only then runs the manager.
   * What the manager did is not recorded: undo reads it back from the package database (not
   * installed any more: reinstall; still installed: nothing was done). A failed removal is
   * returned, not thrown: the change set goes on (the service is disabled in any case).
   */
  public dev.ajar.host.CommandRunner.Result removePackage(RemovePackage removal, PackageSteps steps)
      throws IOException {
    Objects.requireNonNull(removal, "removal");
    Objects.requireNonNull(steps, "steps");
    requireOpenToChanges();
    String now = steps.installedVersion(removal.manager(), removal.name());
    if (!removal.version().equals(now)) {
      throw new BadInputException(
          removal.name()
              + ": "
              + (now == null ? "not installed" : "version " + now + " is installed")
              + ", not "
              + removal.version()
              + " as planned; it was not removed, plan again");
    }
    Checkpoint checkpoint = journal.checkpoint();
    int seq = recorded + 1;
    try {
      Frames.write(
          dir,
          String.format("%06d.rec", seq),
          UndoRecord.of(seq, removal).toJson(),
          checkpoint,
          "record " + seq);
    } catch (IOException | RuntimeException e) {
      failure = "writing the record of " + removal.describe() + ": " + e.getMessage();
      throw e;
    }
    recorded = seq;
    checkpoint.reached("record " + seq + ": durable");
    dev.ajar.host.CommandRunner.Result result;
    try {
      result = steps.run(removal.remove());
    } catch (IOException e) {
      result = new dev.ajar.host.CommandRunner.Result(-1, "", e.getMessage());
    }
    checkpoint.reached("change " + seq + ": done");
    return result;
  }

  private static void require(String path, Node before, Precondition expected) {
    if (!expected.matches(before.fingerprint())) {
      throw new BadInputException(
          path
              + ": changed since the plan was made (expected "
              + expected.describe()
              + ", found "
              + before.fingerprint().describe()
              + "); this change was not made, plan again");
    }
  }

  /** Whether the journal can give back exactly what this change replaces or removes. */
  private static void replaceable(String path, Node before) {
    switch (before) {
      case Node.Other o ->
          throw new BadInputException(
              path
                  + ": is a "
                  + o.kind()
                  + "; ajar replaces or removes only regular files and symbolic links");
      case Node.Regular r when r.content() == null ->
          throw new BadInputException(
              path
                  + ": is larger than "
                  + (Node.CONTENT_LIMIT >> 20)
                  + " MiB; ajar keeps a copy of every"
                  + " file it overwrites or removes and will not keep one this large");
      case Node.Link l -> checkLinkTarget(path, l.target());
      default -> {}
    }
  }

  /**
   * A link target Java would rewrite (double or trailing slashes) could not be made again exactly.
   */
  private static void checkLinkTarget(String path, String target) {
    if (target.isEmpty()
        || target.indexOf('\0') >= 0
        || !Path.of(target).toString().equals(target)) {
      throw new BadInputException(
          path + ": symbolic link target '" + target + "' cannot be recorded exactly");
    }
  }

  /** Marks the set complete: every change was made. */
  public void commit() throws IOException {
    journal.ensureOpen();
    if (closed) {
      throw new IllegalStateException("change set " + id + " is closed");
    }
    if (failure != null) {
      throw new BadInputException(
          "change set "
              + id
              + " cannot be committed after a failure ("
              + failure
              + "); undo it with ajar undo "
              + id);
    }
    if (committed) {
      return;
    }
    journal.writeMarker(dir, Journal.COMMIT, "changes", Integer.toString(recorded));
    committed = true;
    journal.checkpoint().reached("committed");
  }

  /**
   * Ends the set. Not committed, it stays in the journal as partial (undo reverses what was made);
   * with no change recorded at all it is removed, since nothing happened.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    journal.closed(this);
    if (!committed && recorded == 0 && Files.isDirectory(dir)) {
      Journal.deleteTree(dir);
      Durable.syncDirectory(dir.getParent());
    }
  }
}
