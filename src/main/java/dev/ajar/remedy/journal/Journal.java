package dev.ajar.remedy.journal;

import dev.ajar.change.JsonTree;
import dev.ajar.change.JsonTree.MalformedException;
import dev.ajar.change.JsonTree.Obj;
import dev.ajar.change.Precondition;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.remedy.journal.ChangeSetInfo.State;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * ajar's record of every change it made to a host, with what is needed to undo each one exactly.
 *
 * <p>On disk (default {@code <root>/var/lib/ajar}, mode 0700: it holds copies of the files ajar
 * overwrote):
 *
 * <pre>
 * lock                          flock'ed (fcntl) while a journal is open; holds the owner's pid
 * changes/ID/                   one change set, ID = UTC time + random (sortable)
 *         set                   header: id, time, description, root
 *         000001.rec ...        one undo record per change, written before the change
 *         commit                present once every change was made
 *         undo-started, undone  markers of an undo
 *         displaced/            copies of files that an undo --force overwrote
 * </pre>
 *
 * Every file is framed ({@link Frames}: length and SHA-256 in a header line), written under a
 * temporary name, synced, renamed, and its directory synced. See the package documentation for what
 * that guarantees.
 */
public final class Journal implements AutoCloseable {
  /** Where the journal lives inside the root unless told otherwise. */
  public static final String DEFAULT_DIRECTORY = "/var/lib/ajar";

  static final String CHANGES = "changes";
  static final String HEADER = "set";
  static final String COMMIT = "commit";
  static final String UNDO_STARTED = "undo-started";
  static final String UNDONE = "undone";
  static final String FORMAT = "ajar.journal/1";
  private static final Pattern RECORD = Pattern.compile("\\d{6}\\.rec");
  private static final Pattern ID = Pattern.compile("(\\d{8}T\\d{6}\\.\\d{3}Z)-([0-9a-f]{6})");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Journals open in this JVM, by directory identity. fcntl locks belong to the process: a second
   * open in the same JVM would succeed at the kernel level, and closing its file descriptor would
   * silently drop the first one's lock. So the JVM keeps its own list; this is the one piece of
   * static state, mirroring a per-process resource.
   */
  private static final Set<Object> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Host host;
  private final Path dir;
  private final Path changes;
  private final ConfinedTree tree;
  private final FileChannel lockChannel;
  private final Object lockKey;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private Checkpoint checkpoint = Checkpoint.NONE;
  private ChangeSet openSet;
  private boolean closed;

  private Journal(Host host, Path dir, FileChannel lockChannel, Object lockKey, Clock clock) {
    this.host = host;
    this.dir = dir;
    this.changes = dir.resolve(CHANGES);
    this.tree = new ConfinedTree(host, dir);
    this.lockChannel = lockChannel;
    this.lockKey = lockKey;
    this.clock = clock;
  }

  /** Opens the journal of {@code root} in its default place, {@value #DEFAULT_DIRECTORY}. */
  public static Journal open(Path root) throws IOException {
    return open(root, null);
  }

  /**
   * Opens (creating it if needed) the journal in {@code journalDir}, a directory of this machine,
   * for changes to files under {@code root}; null means {@value #DEFAULT_DIRECTORY} inside the
   * root. Only one process may have a journal open: a second open fails at once with a {@link
   * BadInputException} naming the holder's pid.
   */
  public static Journal open(Path root, Path journalDir) throws IOException {
    return open(root, journalDir, Clock.systemUTC());
  }

  static Journal open(Path root, Path journalDir, Clock clock) throws IOException {
    Host host = Host.offline(root);
    Path dir = journalDir == null ? host.resolve(DEFAULT_DIRECTORY) : journalDir.toAbsolutePath();
    createDirectories(dir);
    dir = dir.toRealPath();
    Object key = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    if (key == null) {
      key = dir.toString();
    }
    if (!OPEN_IN_THIS_JVM.add(key)) {
      throw new BadInputException("journal " + dir + " is already open in this process");
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve("lock"),
              Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = holderOf(channel);
        throw new BadInputException(
            "journal "
                + dir
                + " is in use by another ajar ("
                + (holder == null ? "pid unknown" : "pid " + holder)
                + "); wait for it to finish, then try again");
      }
      channel.truncate(0);
      Durable.writeFully(
          channel,
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
      Journal journal = new Journal(host, dir, channel, key, clock);
      journal.prepare();
      return journal;
    } catch (IOException | RuntimeException | Error e) {
      if (channel != null) {
        channel.close();
      }
      OPEN_IN_THIS_JVM.remove(key);
      throw e;
    }
  }

  private static String holderOf(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String text =
          new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
      return text.matches("\\d+") ? text : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Creates the journal directory (0700: it holds copies of the files ajar overwrote) and any
   * missing parent (0755), syncing each parent that got a new entry.
   */
  private static void createDirectories(Path dir) throws IOException {
    createDirectories(dir, "rwx------");
  }

  private static void createDirectories(Path dir, String permissions) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent == null) {
      throw new IOException(dir + ": cannot create the root directory");
    }
    createDirectories(parent, "rwxr-xr-x");
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException("journal directory " + dir + ": exists and is not a directory");
      }
      return;
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
    Durable.syncDirectory(parent);
  }

  /** Creates changes/ and removes the temporary directory of a change set whose begin was cut. */
  private void prepare() throws IOException {
    if (!Files.isDirectory(changes, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(changes);
      Durable.syncDirectory(dir);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(changes)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp")) {
          deleteTree(entry);
        }
      }
    }
    Durable.syncDirectory(changes);
  }

  /** Deletes a directory of the journal's own (regular files only, one level). */
  static void deleteTree(Path setDir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(setDir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(entry);
        } else {
          Files.delete(entry);
        }
      }
    }
    Files.delete(setDir);
  }

  /** For crash tests: called at every named point of apply and undo. */
  void checkpoints(Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  Checkpoint checkpoint() {
    return checkpoint;
  }

  ConfinedTree tree() {
    return tree;
  }

  Path changesDir() {
    return changes;
  }

  Instant now() {
    return clock.instant();
  }

  /** The root whose files this journal changes. */
  public Path root() {
    return host.root();
  }

  /** The journal directory (its real path). */
  public Path directory() {
    return dir;
  }

  /**
   * The state of {@code path} now, as a precondition: what the planner saw. Never follows the last
   * component.
   */
  public Precondition capture(String path) throws IOException {
    ensureOpen();
    Node node = Node.read(tree.locate(path), false);
    return switch (node) {
      case Node.Absent a -> Precondition.absent();
      case Node.Regular r -> Precondition.sha256(r.sha256());
      case Node.Link l -> Precondition.symlinkTo(l.target());
      case Node.Other o ->
          throw new BadInputException(
              path + ": is a " + o.kind() + "; ajar changes only regular files and symbolic links");
    };
  }

  /**
   * Starts a change set (one `ajar close` or `ajar apply`). Only one may be open at a time; close
   * it (after {@link ChangeSet#commit}, or without, to leave it partial) before the next.
   */
  public ChangeSet begin(String description) throws IOException {
    ensureOpen();
    if (openSet != null) {
      throw new IllegalStateException("change set " + openSet.id() + " is still open");
    }
    String id = newId();
    Path tmp = changes.resolve("." + id + ".tmp");
    Files.createDirectory(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    byte[] header =
        JsonTree.write(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("format", FORMAT);
              g.writeStringProperty("id", id);
              g.writeStringProperty("created", now().toString());
              g.writeStringProperty("description", description == null ? "" : description);
              g.writeStringProperty("root", host.root().toString());
              g.writeEndObject();
            });
    Frames.write(tmp, HEADER, header, checkpoint, "set header");
    Path setDir = changes.resolve(id);
    Files.move(tmp, setDir, StandardCopyOption.ATOMIC_MOVE);
    Durable.syncDirectory(changes);
    checkpoint.reached("set created");
    openSet = new ChangeSet(this, id, setDir, ID.matcher(id).replaceAll("$2"));
    return openSet;
  }

  void closed(ChangeSet set) {
    if (openSet == set) {
      openSet = null;
    }
  }

  /** UTC time to the millisecond and 6 random hex digits, later than every existing id. */
  private String newId() throws IOException {
    String stamp = ID_TIME.format(now());
    List<String> ids = ids();
    if (!ids.isEmpty()) {
      var last = ID.matcher(ids.getLast());
      if (last.matches() && stamp.compareTo(last.group(1)) <= 0) {
        // The clock went back, or two sets in one millisecond: one millisecond after the last.
        Instant previous =
            java.time.LocalDateTime.parse(last.group(1), ID_TIME).toInstant(ZoneOffset.UTC);
        stamp = ID_TIME.format(previous.plusMillis(1));
      }
    }
    byte[] bytes = new byte[3];
    random.nextBytes(bytes);
    return stamp + "-" + HexFormat.of().formatHex(bytes);
  }

  /** Change set ids, oldest first. */
  private List<String> ids() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(changes)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (ID.matcher(name).matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          ids.add(name);
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /** Every change set, oldest first. */
  public List<ChangeSetInfo> list() throws IOException {
    ensureOpen();
    List<ChangeSetInfo> infos = new ArrayList<>();
    for (String id : ids()) {
      infos.add(load(id, false).info());
    }
    return infos;
  }

  /**
   * Undoes a change set ({@code null}: the latest one not undone yet), every change in reverse
   * order, restoring each path byte for byte: content, mode, owner, link target, timestamps.
   *
   * <p>Refuses, naming the files, before touching anything, when a path was changed again after
   * ajar changed it (by someone else, or by a later change set): unless {@code force}, which
   * restores the original anyway and keeps a copy of a file it overwrites. A partial change set
   * (the process was killed in the middle) is undone the same way: a change found in its original
   * state was never made and is left alone.
   */
  public UndoReport undo(String changeSetId, boolean force) throws IOException {
    return undo(changeSetId, force, null);
  }

  /**
   * As {@link #undo(String, boolean)}; a package the change set removed is installed again, in the
   * version it had, through {@code packages} (null: such a change set is refused).
   */
  public UndoReport undo(String changeSetId, boolean force, PackageSteps packages)
      throws IOException {
    ensureOpen();
    if (openSet != null) {
      throw new IllegalStateException("change set " + openSet.id() + " is still open");
    }
    List<String> ids = ids();
    String id = changeSetId;
    if (id == null) {
      for (String candidate : ids.reversed()) {
        if (load(candidate, false).state() != State.UNDONE) {
          id = candidate;
          break;
        }
      }
      if (id == null) {
        throw new BadInputException(
            "nothing to undo: the journal "
                + dir
                + " has no change set"
                + (ids.isEmpty() ? "" : " that is not undone already"));
      }
    } else if (!ids.contains(id)) {
      throw new BadInputException(
          "no change set " + id + " in the journal " + dir + " (see ajar log)");
    }
    Loaded target = load(id, true);
    if (target.state() == State.UNDONE) {
      throw new BadInputException("change set " + id + " is undone already");
    }
    List<Loaded> later = new ArrayList<>();
    for (String other : ids.subList(ids.indexOf(id) + 1, ids.size())) {
      Loaded loaded = load(other, false);
      if (loaded.state() != State.UNDONE) {
        later.add(loaded);
      }
    }
    return new Undo(this, target, later, force, packages).run();
  }

  /** A change set as read from disk. */
  record Loaded(
      String id,
      Path dir,
      Instant created,
      String description,
      State state,
      List<UndoRecord> records,
      List<String> notes) {
    ChangeSetInfo info() {
      List<String> summaries = new ArrayList<>();
      for (UndoRecord r : records) {
        summaries.add(r.summary());
      }
      return new ChangeSetInfo(id, created, description, state, records.size(), summaries);
    }

    /** The random part of the id, used in temporary file names. */
    String tag() {
      return ID.matcher(id).replaceAll("$2");
    }
  }

  /**
   * Reads a change set. A torn last record (the process stopped while writing it; its change was
   * never started, since a change starts only once its record is durable) is left out with a note.
   * Any other unreadable record makes the set DAMAGED: with {@code strict}, a {@link
   * BadInputException} naming the file.
   */
  Loaded load(String id, boolean strict) throws IOException {
    Path setDir = changes.resolve(id);
    List<String> notes = new ArrayList<>();
    Instant created = null;
    String description = "";
    String damage = null;
    try {
      byte[] body = Frames.read(setDir.resolve(HEADER));
      if (body == null) {
        damage = setDir.resolve(HEADER) + ": torn or damaged";
      } else {
        Obj header = JsonTree.read(body);
        if (!FORMAT.equals(header.str("format"))) {
          damage =
              setDir.resolve(HEADER) + ": format " + header.str("format") + " is not " + FORMAT;
        }
        created = Instant.parse(header.str("created"));
        description = header.str("description");
      }
    } catch (NoSuchFileException e) {
      damage = setDir.resolve(HEADER) + ": missing";
    } catch (MalformedException | DateTimeParseException e) {
      damage = setDir.resolve(HEADER) + ": " + e.getMessage();
    }

    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(setDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (RECORD.matcher(name).matches()) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    List<UndoRecord> records = new ArrayList<>();
    for (int i = 0; i < names.size() && damage == null; i++) {
      Path file = setDir.resolve(names.get(i));
      boolean last = i == names.size() - 1;
      if (!names.get(i).equals(String.format("%06d.rec", i + 1))) {
        damage = file + ": out of sequence (record " + (i + 1) + " is missing)";
        break;
      }
      byte[] body = Frames.read(file);
      if (body == null) {
        if (last) {
          notes.add(
              file
                  + " is torn (the process stopped while writing it); its change was never"
                  + " started, so it is ignored");
          break;
        }
        damage = file + ": torn or damaged, and changes were recorded after it";
        break;
      }
      try {
        UndoRecord record = UndoRecord.fromJson(body);
        if (record.seq() != i + 1) {
          damage = file + ": holds record " + record.seq();
          break;
        }
        records.add(record);
      } catch (MalformedException | BadInputException e) {
        damage = file + ": " + e.getMessage();
      }
    }

    State state;
    if (damage != null) {
      if (strict) {
        throw new BadInputException("journal change set " + id + " is damaged: " + damage);
      }
      state = State.DAMAGED;
    } else if (openSet != null && openSet.id().equals(id)) {
      state = State.OPEN;
    } else if (marker(setDir, UNDONE)) {
      state = State.UNDONE;
    } else if (marker(setDir, UNDO_STARTED)) {
      state = State.UNDO_INTERRUPTED;
    } else if (marker(setDir, COMMIT)) {
      state = State.APPLIED;
    } else {
      state = State.PARTIAL;
    }
    return new Loaded(
        id, setDir, created == null ? Instant.EPOCH : created, description, state, records, notes);
  }

  private static boolean marker(Path setDir, String name) throws IOException {
    try {
      return Frames.read(setDir.resolve(name)) != null;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Writes a marker file (commit, undo-started, undone) durably. */
  void writeMarker(Path setDir, String name, String field, String value) throws IOException {
    byte[] body =
        JsonTree.write(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("time", now().toString());
              g.writeStringProperty(field, value);
              g.writeEndObject();
            });
    Frames.write(setDir, name, body, checkpoint, name);
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("journal " + dir + " is closed");
    }
  }

  /** Releases the lock. A change set still open is left as it is (partial unless committed). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lockChannel.close();
    } catch (IOException e) {
      // the lock goes with the descriptor in any case
    } finally {
      OPEN_IN_THIS_JVM.remove(lockKey);
    }
  }
}
