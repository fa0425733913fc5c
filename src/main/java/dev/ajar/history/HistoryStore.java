package dev.ajar.history;

import dev.ajar.host.BadInputException;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Severity;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The history of open ports in an SQLite database (by default /var/lib/ajar/history.db): changes,
 * never whole snapshots. Three tables: {@code ports} (each {@link PortKey} once), {@code events}
 * (each {@link Change}, with who held the port) and {@code runs} (each watcher run: when it
 * started, its last snapshot, when it stopped).
 *
 * <p>Invariants: every snapshot's changes are written in one transaction, together with the run's
 * last snapshot time, so a watcher killed at any point (SIGKILL, power loss: WAL mode,
 * synchronous=FULL) leaves the history as it was after some whole snapshot. A port's events
 * alternate opened, closed, opened, ...: the open ports are those whose last event is "opened"
 * ({@link #known}), which is what a restarted watcher compares its first snapshot with, so that a
 * port still open is not opened again. One writer at a time (the watcher holds {@code FILE.lock});
 * readers ({@code ajar history}) read beside it, which WAL allows.
 *
 * <p>The schema is versioned by {@code PRAGMA user_version} ({@link #SCHEMA}); {@code PRAGMA
 * application_id} marks the file as ajar's, so another program's database is refused rather than
 * written into.
 */
public final class HistoryStore implements AutoCloseable {
  /** Where the history is kept unless {@code --db} says otherwise. */
  public static final Path DEFAULT = Path.of("/var/lib/ajar/history.db");

  /** The schema this build writes and reads. */
  static final int SCHEMA = 1;

  /**
   * What the WAL file is cut back to after a checkpoint (PRAGMA journal_size_limit); with a
   * checkpoint every {@link #WAL_CHECKPOINT_PAGES} pages it stays about this size: a heartbeat a
   * minute would otherwise leave it at SQLite's 4 MiB.
   */
  static final int WAL_LIMIT_BYTES = 1 << 20;

  static final int WAL_CHECKPOINT_PAGES = 200;

  /** "ajar" in ASCII: PRAGMA application_id of every history database. */
  static final int APPLICATION_ID = 0x616a6172;

  private static final String[] CREATE = {
    """
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      started INTEGER NOT NULL,
      last_snapshot INTEGER,
      stopped INTEGER,
      pid INTEGER NOT NULL,
      version TEXT,
      interval_ms INTEGER NOT NULL,
      settle INTEGER NOT NULL
    )\
    """,
    """
    CREATE TABLE ports (
      id INTEGER PRIMARY KEY,
      netns TEXT NOT NULL,
      protocol TEXT NOT NULL,
      address TEXT NOT NULL,
      port INTEGER NOT NULL,
      supervisor TEXT NOT NULL,
      entry TEXT NOT NULL,
      UNIQUE (netns, protocol, port, address, supervisor, entry)
    )\
    """,
    """
    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      port_id INTEGER NOT NULL REFERENCES ports (id),
      run INTEGER NOT NULL REFERENCES runs (id),
      time INTEGER NOT NULL,
      since INTEGER,
      kind TEXT NOT NULL CHECK (kind IN ('opened', 'closed')),
      how TEXT NOT NULL CHECK (how IN ('poll', 'start', 'initial')),
      service TEXT,
      exposure TEXT,
      owner_file TEXT,
      owner_line INTEGER,
      program TEXT,
      pkg_manager TEXT,
      pkg_name TEXT,
      pkg_version TEXT,
      pid INTEGER,
      process TEXT,
      user TEXT,
      uid INTEGER,
      finding TEXT,
      severity TEXT,
      rule TEXT
    )\
    """,
    "CREATE INDEX events_by_port ON events (port_id, id)",
    "CREATE INDEX events_by_time ON events (time)",
  };

  private static final String EVENT_COLUMNS =
      "e.id, e.run, e.time, e.since, e.kind, e.how, p.netns, p.protocol, p.address, p.port,"
          + " p.supervisor, p.entry, e.service, e.exposure, e.owner_file, e.owner_line,"
          + " e.program, e.pkg_manager, e.pkg_name, e.pkg_version, e.pid, e.process, e.user,"
          + " e.uid, e.finding, e.severity, e.rule";

  private final Path file;
  private final Connection db;
  private final Map<PortKey, Long> portIds = new HashMap<>();
  private Hold hold;

  private HistoryStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens the history for writing, creating it (and its directory, mode 0700) when missing; the
   * file is made readable by its owner only, since it names processes and users.
   */
  public static HistoryStore open(Path file) {
    makeDirectory(file);
    try {
      if (!Files.exists(file)) {
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
          // another process made it meanwhile: opened below like any existing file
        }
      }
    } catch (IOException e) {
      throw new BadInputException(file + ": " + dev.ajar.host.Errors.describe(e));
    }
    HistoryStore store = connect(file, false);
    store.prepare();
    return store;
  }

  /** Makes the directory of {@code file} (mode 0700) when it is missing. */
  public static void makeDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new BadInputException(dir + ": " + dev.ajar.host.Errors.describe(e));
    }
  }

  /** Opens an existing history for reading ({@code ajar history}), beside a running watcher. */
  public static HistoryStore openForReading(Path file) {
    if (!Files.exists(file)) {
      throw new BadInputException(
          file + ": no history here (ajar watch records it; --db names another file)");
    }
    if (!Files.isReadable(file)) {
      throw new BadInputException(file + ": permission denied (run as root)");
    }
    HistoryStore store = connect(file, true);
    store.check(store.pragma("application_id"), store.pragma("user_version"), true);
    return store;
  }

  private static HistoryStore connect(Path file, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    if (readOnly) {
      config.setReadOnly(true);
    } else {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // Every commit reaches the disk before the watcher goes on: commits are rare (a snapshot
      // with changes, a heartbeat a minute), so the fsync costs nothing that shows.
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setJournalSizeLimit(WAL_LIMIT_BYTES);
      config.setWalAutocheckpoint(WAL_CHECKPOINT_PAGES);
    }
    try {
      return new HistoryStore(file, config.createConnection("jdbc:sqlite:" + file));
    } catch (SQLException e) {
      throw failure(file, e);
    } catch (RuntimeException | LinkageError e) {
      // sqlite-jdbc could not load its native library (no writable temporary directory, ...)
      throw new BadInputException(file + ": SQLite cannot be used here: " + e);
    }
  }

  /** Creates the schema in a new file; checks it is ours, and of a version we read, otherwise. */
  private void prepare() {
    try {
      int app = pragma("application_id");
      int version = pragma("user_version");
      if (app == 0 && version == 0 && !hasTables()) {
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
          for (String sql : CREATE) {
            st.execute(sql);
          }
          st.execute("PRAGMA application_id = " + APPLICATION_ID);
          st.execute("PRAGMA user_version = " + SCHEMA);
        }
        db.commit();
        db.setAutoCommit(true);
        return;
      }
      check(app, version, false);
    } catch (SQLException e) {
      rollbackQuietly();
      throw failure(file, e);
    }
  }

  private void check(int app, int version, boolean reading) {
    if (app != APPLICATION_ID) {
      throw new BadInputException(
          file + ": not an ajar history database (PRAGMA application_id " + app + ")");
    }
    if (version > SCHEMA) {
      throw new BadInputException(
          file
              + ": written by a newer ajar (history schema "
              + version
              + "; this one "
              + (reading ? "reads" : "writes")
              + " "
              + SCHEMA
              + ")");
    }
    if (version < 1) {
      throw new BadInputException(file + ": history schema " + version + " is not known");
    }
  }

  private boolean hasTables() throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_schema")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }

  private int pragma(String name) {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException e) {
      throw failure(file, e);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * What the history knows now: the ports it last recorded open (with who opened them), and its
   * last snapshot.
   *
   * @param lastSnapshot the latest snapshot any run recorded, or null when there is none
   * @param empty no snapshot was ever recorded (what is open now was open when watching began)
   */
  public record Known(Map<PortKey, PortState> open, Instant lastSnapshot, boolean empty) {}

  public Known known() {
    Map<PortKey, PortState> open = new LinkedHashMap<>();
    String sql =
        "SELECT "
            + EVENT_COLUMNS
            + " FROM ports p JOIN events e ON e.id = (SELECT max(id) FROM events WHERE port_id ="
            + " p.id) WHERE e.kind = 'opened' ORDER BY e.id";
    try (Statement st = db.createStatement()) {
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          Event e = event(rs);
          open.put(e.change().key(), e.change().port());
        }
      }
      long last = 0;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT (SELECT max(last_snapshot) FROM runs), (SELECT max(time) FROM events)")) {
        if (rs.next()) {
          last = Math.max(rs.getLong(1), rs.getLong(2));
        }
      }
      return new Known(open, last == 0 ? null : Instant.ofEpochMilli(last), last == 0);
    } catch (SQLException e) {
      throw failure(file, e);
    }
  }

  /**
   * Records the start of a watcher run and returns its id.
   *
   * @param interval zero for {@code ajar watch --once}
   */
  public long beginRun(Instant started, long pid, String version, Duration interval, int settle) {
    try (PreparedStatement st =
        db.prepareStatement(
            "INSERT INTO runs (started, pid, version, interval_ms, settle) VALUES (?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      st.setLong(1, started.toEpochMilli());
      st.setLong(2, pid);
      st.setString(3, version);
      st.setLong(4, interval.toMillis());
      st.setInt(5, settle);
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw failure(file, e);
    }
  }

  /**
   * Records one snapshot: its changes and the run's last snapshot time, in one transaction (all or
   * nothing).
   */
  public void record(long run, List<Change> changes, Instant snapshot) {
    try {
      db.setAutoCommit(false);
      for (Change c : changes) {
        insert(run, portId(c.key()), c);
      }
      try (PreparedStatement st =
          db.prepareStatement("UPDATE runs SET last_snapshot = ? WHERE id = ?")) {
        st.setLong(1, snapshot.toEpochMilli());
        st.setLong(2, run);
        st.executeUpdate();
      }
      if (hold != null && !changes.isEmpty()) {
        hold.holding(changes.size());
      }
      db.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      portIds.clear(); // rows inserted by the transaction rolled back are gone
      throw failure(file, e);
    } catch (RuntimeException e) {
      rollbackQuietly(); // never let the autocommit below commit half a snapshot
      portIds.clear();
      throw e;
    } finally {
      autoCommitQuietly();
    }
  }

  /** Records that a run stopped cleanly, after its last snapshot. */
  public void endRun(long run, Instant lastSnapshot, Instant stopped) {
    try (PreparedStatement st =
        db.prepareStatement("UPDATE runs SET last_snapshot = ?, stopped = ? WHERE id = ?")) {
      if (lastSnapshot == null) {
        st.setNull(1, Types.INTEGER);
      } else {
        st.setLong(1, lastSnapshot.toEpochMilli());
      }
      st.setLong(2, stopped.toEpochMilli());
      st.setLong(3, run);
      st.executeUpdate();
    } catch (SQLException e) {
      throw failure(file, e);
    }
  }

  /** The recorded events the query selects, oldest first. */
  public List<Event> events(HistoryQuery q) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + EVENT_COLUMNS + " FROM events e JOIN ports p ON p.id = e.port_id WHERE 1");
    List<Object> args = new ArrayList<>();
    if (q.since() != null) {
      sql.append(" AND e.time >= ?");
      args.add(q.since().toEpochMilli());
    }
    if (q.port() != null) {
      sql.append(" AND p.port = ?");
      args.add(q.port());
    }
    if (q.protocol() != null) {
      sql.append(" AND p.protocol = ?");
      args.add(q.protocol());
    }
    if (q.word() != null) {
      // The word names the service, the owner's entry (a unit with or without its suffix), the
      // package, the holder's name, or the program (its path or its last component).
      String clause =
          " AND (lower(e.service) = ?W OR lower(p.entry) IN (?W, ?W || '.service', ?W ||"
              + " '.socket') OR lower(e.pkg_name) = ?W OR lower(e.process) = ?W OR"
              + " lower(e.program) = ?W OR (length(e.program) > length(?W) AND"
              + " lower(substr(e.program, length(e.program) - length(?W))) = '/' || ?W))";
      String word = q.word().toLowerCase(java.util.Locale.ROOT);
      for (int at = clause.indexOf("?W"); at >= 0; at = clause.indexOf("?W", at + 1)) {
        args.add(word);
      }
      sql.append(clause.replace("?W", "?"));
    }
    sql.append(" ORDER BY e.id");
    try (PreparedStatement st = db.prepareStatement(sql.toString())) {
      int i = 1;
      for (Object a : args) {
        if (a instanceof Long l) {
          st.setLong(i++, l);
        } else if (a instanceof Integer n) {
          st.setInt(i++, n);
        } else {
          st.setString(i++, (String) a);
        }
      }
      List<Event> events = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          events.add(event(rs));
        }
      }
      return events;
    } catch (SQLException e) {
      throw failure(file, e);
    }
  }

  /** What SQLite says of the file: PRAGMA integrity_check's first line, "ok" when it is sound. */
  public String integrityCheck() {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      return rs.next() ? rs.getString(1) : "no answer";
    } catch (SQLException e) {
      throw failure(file, e);
    }
  }

  /**
   * A pause inside each transaction that records changes, just before its commit: the seam by which
   * a test kills the watcher in the middle of a write.
   */
  public interface Hold {
    void holding(int changes);
  }

  public void holdBeforeCommit(Hold hold) {
    this.hold = hold;
  }

  private long portId(PortKey k) throws SQLException {
    Long id = portIds.get(k);
    if (id != null) {
      return id;
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO ports (netns, protocol, address, port, supervisor, entry) VALUES (?, ?,"
                + " ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      bindKey(insert, k);
      insert.executeUpdate();
    }
    try (PreparedStatement select =
        db.prepareStatement(
            "SELECT id FROM ports WHERE netns = ? AND protocol = ? AND address = ? AND port = ?"
                + " AND supervisor = ? AND entry = ?")) {
      bindKey(select, k);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    portIds.put(k, id);
    return id;
  }

  private static void bindKey(PreparedStatement st, PortKey k) throws SQLException {
    st.setString(1, k.netns());
    st.setString(2, k.protocol());
    st.setString(3, k.address());
    st.setInt(4, k.port());
    st.setString(5, k.supervisor());
    st.setString(6, k.entry());
  }

  private void insert(long run, long portId, Change c) throws SQLException {
    PortState s = c.port();
    try (PreparedStatement st =
        db.prepareStatement(
            "INSERT INTO events (port_id, run, time, since, kind, how, service, exposure,"
                + " owner_file, owner_line, program, pkg_manager, pkg_name, pkg_version, pid,"
                + " process, user, uid, finding, severity, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = 1;
      st.setLong(i++, portId);
      st.setLong(i++, run);
      st.setLong(i++, c.time().toEpochMilli());
      setLong(st, i++, c.since() == null ? null : c.since().toEpochMilli());
      st.setString(i++, c.kind().label());
      st.setString(i++, c.how().label());
      st.setString(i++, s.service());
      st.setString(i++, s.exposure());
      st.setString(i++, s.ownerFile());
      setLong(st, i++, s.ownerLine() > 0 ? (long) s.ownerLine() : null);
      st.setString(i++, s.program());
      st.setString(i++, s.pkg() == null ? null : s.pkg().manager());
      st.setString(i++, s.pkg() == null ? null : s.pkg().name());
      st.setString(i++, s.pkg() == null ? null : s.pkg().version());
      setLong(st, i++, s.pid() < 0 ? null : (long) s.pid());
      st.setString(i++, s.process());
      st.setString(i++, s.user());
      st.setInt(i++, s.uid());
      Verdict v = s.verdict();
      st.setString(i++, v == null ? null : v.id());
      st.setString(i++, v == null ? null : v.severity().label());
      st.setString(i++, v == null ? null : v.rule());
      st.executeUpdate();
    }
  }

  private static void setLong(PreparedStatement st, int i, Long value) throws SQLException {
    if (value == null) {
      st.setNull(i, Types.INTEGER);
    } else {
      st.setLong(i, value);
    }
  }

  private static Event event(ResultSet rs) throws SQLException {
    int i = 1;
    long id = rs.getLong(i++);
    long run = rs.getLong(i++);
    Instant time = Instant.ofEpochMilli(rs.getLong(i++));
    long since = rs.getLong(i++);
    Instant sinceTime = rs.wasNull() ? null : Instant.ofEpochMilli(since);
    Change.Kind kind = Change.Kind.fromLabel(rs.getString(i++));
    Change.How how = Change.How.fromLabel(rs.getString(i++));
    PortKey key =
        new PortKey(
            rs.getString(i++),
            rs.getString(i++),
            rs.getString(i++),
            rs.getInt(i++),
            rs.getString(i++),
            rs.getString(i++));
    String service = rs.getString(i++);
    String exposure = rs.getString(i++);
    String ownerFile = rs.getString(i++);
    int ownerLine = rs.getInt(i++);
    String program = rs.getString(i++);
    String manager = rs.getString(i++);
    String pkgName = rs.getString(i++);
    String pkgVersion = rs.getString(i++);
    PackageRef pkg = pkgName == null ? null : new PackageRef(manager, pkgName, pkgVersion);
    int pid = rs.getInt(i++);
    if (rs.wasNull()) {
      pid = -1;
    }
    String process = rs.getString(i++);
    String user = rs.getString(i++);
    int uid = rs.getInt(i++);
    String finding = rs.getString(i++);
    String severity = rs.getString(i++);
    String rule = rs.getString(i++);
    Severity sev = severity == null ? null : Severity.parse(severity);
    Verdict verdict = sev == null ? null : new Verdict(finding, sev, rule, null);
    PortState state =
        new PortState(
            key, service, exposure, ownerFile, ownerLine, program, pkg, pid, process, user, uid,
            verdict);
    return new Event(id, run, new Change(kind, how, time, sinceTime, state));
  }

  private void rollbackQuietly() {
    try {
      if (!db.getAutoCommit()) {
        db.rollback();
      }
    } catch (SQLException e) {
      // the connection is broken: the caller reports the first error
    }
  }

  private void autoCommitQuietly() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException e) {
      // as above
    }
  }

  private static BadInputException failure(Path file, SQLException e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return new BadInputException(file + ": " + (nl < 0 ? message : message.substring(0, nl)));
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw failure(file, e);
    }
  }
}
