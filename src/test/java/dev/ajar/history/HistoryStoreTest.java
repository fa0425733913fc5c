package dev.ajar.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.host.BadInputException;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path dir;

  static PortState ssh(int pid) {
    return new PortState(
        new PortKey("host", "tcp", "0.0.0.0", 22, "systemd", "ssh.service"),
        "ssh",
        "any",
        "/lib/systemd/system/ssh.service",
        0,
        "/usr/sbin/sshd",
        new PackageRef("dpkg", "openssh-server", "1:9.2p1-2+deb12u7"),
        pid,
        "sshd",
        "root",
        0,
        null);
  }

  static PortState finger() {
    return new PortState(
        new PortKey("lab", "tcp", "::", 79, "inetd", "finger"),
        "finger",
        "any",
        "/etc/inetd.conf",
        34,
        "/usr/sbin/in.fingerd",
        new PackageRef("dpkg", "fingerd", "0.17-18"),
        700,
        "inetd",
        "root",
        0,
        new Verdict("finger/tcp/79@lab", Severity.MEDIUM, "knowledge base", "finger tells"));
  }

  static PortState python(int port) {
    return new PortState(
        new PortKey("host", "udp", "127.0.0.1", port, "manual", "/usr/bin/python3.11"),
        null,
        "loopback",
        null,
        0,
        "/usr/bin/python3.11",
        null,
        4242,
        "python3",
        null,
        1000,
        null);
  }

  static Change change(Change.Kind kind, Change.How how, int at, PortState s) {
    return new Change(kind, how, T0.plusSeconds(at), at == 0 ? null : T0.plusSeconds(at - 10), s);
  }

  @Test
  void changesAreRecordedAndReadBackAndTheOpenSetRebuilt() throws Exception {
    Path db = dir.resolve("sub/history.db");
    try (HistoryStore store = HistoryStore.open(db)) {
      assertThat(store.known().empty()).isTrue();
      long run = store.beginRun(T0, 99, "0.1.0", Duration.ofSeconds(10), 2);
      store.record(
          run,
          List.of(
              change(Change.Kind.OPENED, Change.How.INITIAL, 0, ssh(812)),
              change(Change.Kind.OPENED, Change.How.INITIAL, 0, finger())),
          T0);
      store.record(run, List.of(), T0.plusSeconds(10)); // a heartbeat
      store.record(
          run,
          List.of(
              change(Change.Kind.CLOSED, Change.How.POLL, 20, finger()),
              change(Change.Kind.OPENED, Change.How.POLL, 20, python(5353))),
          T0.plusSeconds(30));
      store.endRun(run, T0.plusSeconds(40), T0.plusSeconds(41));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent())))
        .isEqualTo("rwx------");
    try (HistoryStore store = HistoryStore.open(db)) {
      HistoryStore.Known known = store.known();
      assertThat(known.empty()).isFalse();
      assertThat(known.lastSnapshot()).isEqualTo(T0.plusSeconds(40));
      assertThat(known.open().keySet())
          .extracting(PortKey::port)
          .containsExactlyInAnyOrder(22, 5353);
      assertThat(known.open().get(ssh(1).key())).isEqualTo(ssh(812));
      List<Event> events = store.events(HistoryQuery.all());
      assertThat(events).extracting(Event::id).isSorted();
      assertThat(events)
          .extracting(e -> e.change().kind() + " " + e.change().key().port())
          .containsExactly("OPENED 22", "OPENED 79", "CLOSED 79", "OPENED 5353");
      Change closed = events.get(2).change();
      assertThat(closed.time()).isEqualTo(T0.plusSeconds(20));
      assertThat(closed.since()).isEqualTo(T0.plusSeconds(10));
      assertThat(closed.how()).isEqualTo(Change.How.POLL);
      // all but the reason (not stored) come back
      assertThat(closed.port())
          .isEqualTo(
              finger()
                  .withVerdict(
                      new Verdict("finger/tcp/79@lab", Severity.MEDIUM, "knowledge base", null)));
      assertThat(events.get(0).change().since()).isNull();
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void queriesSelectByPortProtocolWordAndTime() {
    Path db = dir.resolve("h.db");
    try (HistoryStore store = HistoryStore.open(db)) {
      long run = store.beginRun(T0, 1, "v", Duration.ofSeconds(10), 2);
      store.record(
          run,
          List.of(
              change(Change.Kind.OPENED, Change.How.INITIAL, 0, ssh(812)),
              change(Change.Kind.OPENED, Change.How.INITIAL, 0, finger()),
              change(Change.Kind.OPENED, Change.How.INITIAL, 0, python(22))),
          T0);
      store.record(
          run,
          List.of(change(Change.Kind.CLOSED, Change.How.POLL, 100, ssh(812))),
          T0.plusSeconds(100));
    }
    try (HistoryStore store = HistoryStore.openForReading(db)) {
      assertThat(ports(store, HistoryQuery.of("22", null))).containsExactly(22, 22, 22);
      assertThat(ports(store, HistoryQuery.of("tcp/22", null))).containsExactly(22, 22);
      assertThat(ports(store, HistoryQuery.of("22/udp", null))).containsExactly(22);
      for (String word :
          List.of("ssh", "SSH", "ssh.service", "openssh-server", "sshd", "/usr/sbin/sshd")) {
        assertThat(ports(store, HistoryQuery.of(word, null))).as(word).containsExactly(22, 22);
      }
      assertThat(ports(store, HistoryQuery.of("finger", null))).containsExactly(79);
      assertThat(ports(store, HistoryQuery.of("inetd", null)))
          .as("holder's name")
          .containsExactly(79);
      assertThat(ports(store, HistoryQuery.of("python3.11", null))).containsExactly(22);
      assertThat(ports(store, HistoryQuery.of("n.fingerd", null)))
          .as("a tail is not a name")
          .isEmpty();
      assertThat(ports(store, HistoryQuery.of("%", null))).isEmpty();
      assertThat(ports(store, HistoryQuery.of(null, T0.plusSeconds(50)))).containsExactly(22);
      assertThat(ports(store, HistoryQuery.of("ssh", T0.plusSeconds(50)))).containsExactly(22);
    }
  }

  private static List<Integer> ports(HistoryStore store, HistoryQuery q) {
    return store.events(q).stream().map(e -> e.change().key().port()).toList();
  }

  @Test
  void aTransactionCutShortLeavesNothingBehind() {
    Path db = dir.resolve("h.db");
    try (HistoryStore store = HistoryStore.open(db)) {
      long run = store.beginRun(T0, 1, "v", Duration.ofSeconds(10), 2);
      store.holdBeforeCommit(
          n -> {
            throw new BadInputException("disk full, say");
          });
      assertThatThrownBy(
              () ->
                  store.record(
                      run, List.of(change(Change.Kind.OPENED, Change.How.INITIAL, 0, ssh(1))), T0))
          .hasMessageContaining("disk full");
      assertThat(store.events(HistoryQuery.all())).isEmpty();
      store.holdBeforeCommit(null);
      // the port's row went with the transaction: it is inserted again
      store.record(run, List.of(change(Change.Kind.OPENED, Change.How.INITIAL, 0, ssh(1))), T0);
      assertThat(store.events(HistoryQuery.all())).hasSize(1);
      assertThat(store.known().open()).hasSize(1);
    }
  }

  @Test
  void anotherDatabaseOrANewerSchemaIsRefused() throws Exception {
    Path foreign = dir.resolve("foreign.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x)");
    }
    assertThatThrownBy(() -> HistoryStore.open(foreign))
        .isInstanceOf(BadInputException.class)
        .hasMessage(foreign + ": not an ajar history database (PRAGMA application_id 0)");
    Path newer = dir.resolve("newer.db");
    HistoryStore.open(newer).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 2");
    }
    assertThatThrownBy(() -> HistoryStore.open(newer))
        .hasMessage(newer + ": written by a newer ajar (history schema 2; this one writes 1)");
    assertThatThrownBy(() -> HistoryStore.openForReading(newer))
        .hasMessage(newer + ": written by a newer ajar (history schema 2; this one reads 1)");
    Path text = dir.resolve("text.db");
    Files.writeString(text, "not a database at all, but long enough to be looked at as one....");
    assertThatThrownBy(() -> HistoryStore.open(text))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(text + ": ");
    assertThatThrownBy(() -> HistoryStore.openForReading(dir.resolve("none.db")))
        .hasMessage(
            dir.resolve("none.db")
                + ": no history here (ajar watch records it; --db names another file)");
  }

  @Test
  void theDatabaseIsInWalMode() throws Exception {
    Path db = dir.resolve("h.db");
    HistoryStore.open(db).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        var rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }
}
