package dev.ajar.watch;

import static dev.ajar.watch.Ports.snapshot;
import static dev.ajar.watch.Ports.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.history.Change;
import dev.ajar.history.Event;
import dev.ajar.history.HistoryQuery;
import dev.ajar.history.HistoryStore;
import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import dev.ajar.history.Verdict;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatcherTest {
  @TempDir Path dir;

  /** A clock that moves 10 s at each snapshot. */
  static final class Ticks implements InstantSource {
    final AtomicLong seconds = new AtomicLong();

    @Override
    public Instant instant() {
      return Ports.t((int) seconds.get());
    }
  }

  /**
   * Plays snapshots in order, judging what it is asked to (severity low), and counts down when the
   * script is over; then it repeats the last snapshot.
   */
  static final class Script implements SnapshotSource {
    final List<Map<PortKey, PortState>> snapshots;
    final Ticks clock;
    final CountDownLatch over = new CountDownLatch(1);
    final List<List<Integer>> judged = new ArrayList<>();
    int next;
    RuntimeException failAt2;

    Script(Ticks clock, List<Map<PortKey, PortState>> snapshots) {
      this.clock = clock;
      this.snapshots = snapshots;
    }

    @Override
    public Snapshot take(Predicate<PortKey> unjudged) {
      if (next == 2 && failAt2 != null) {
        next++;
        throw failAt2;
      }
      Map<PortKey, PortState> s = snapshots.get(Math.min(next, snapshots.size() - 1));
      if (++next >= snapshots.size()) {
        over.countDown();
      }
      Map<PortKey, PortState> out = new java.util.LinkedHashMap<>();
      List<Integer> asked = new ArrayList<>();
      s.forEach(
          (k, v) -> {
            if (unjudged.test(k)) {
              asked.add(k.port());
              v = v.withVerdict(new Verdict("x", Severity.LOW, "knowledge base", "why"));
            }
            out.put(k, v);
          });
      judged.add(asked);
      Instant now = clock.instant();
      clock.seconds.addAndGet(10);
      return new Snapshot(now, out, out.size(), true, new Diagnostics());
    }
  }

  static final class Recorder implements WatchListener {
    final List<SnapshotStats> stats = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();
    final List<Integer> openSizes = new ArrayList<>();
    boolean stopped;

    @Override
    public void snapshot(SnapshotStats s, List<Change> c, Collection<PortState> open) {
      stats.add(s);
      changes.addAll(c);
      openSizes.add(open.size());
    }

    @Override
    public void stopped() {
      stopped = true;
    }
  }

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private Watcher watcher(HistoryStore store, Script script, Recorder recorder, Ticks clock) {
    return new Watcher(
        store,
        script,
        new Watcher.Settings(Duration.ofMillis(1), 2, Duration.ofMinutes(1), "test", 42),
        List.of(recorder),
        clock,
        err);
  }

  /** Runs the loop until the script is played, then stops it as SIGTERM would. */
  private void play(Watcher w, Script script) throws Exception {
    Thread t = Thread.ofPlatform().start(w::run);
    assertThat(script.over.await(20, TimeUnit.SECONDS)).isTrue();
    w.stop(Duration.ofSeconds(20));
    t.join(20_000);
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void eachChangeIsRecordedOnceAndARestartGoesOnWithoutDuplicates() throws Exception {
    Path db = dir.resolve("history.db");
    PortState a = state(22, 100);
    PortState b = state(8080, 200);
    Ticks clock = new Ticks();
    Recorder recorder = new Recorder();
    try (HistoryStore store = HistoryStore.open(db)) {
      Script script =
          new Script(
              clock,
              List.of(
                  snapshot(a),
                  snapshot(a, b),
                  snapshot(a, b),
                  snapshot(a, b),
                  snapshot(a),
                  snapshot(a),
                  snapshot(a, b),
                  snapshot(a, b),
                  snapshot(a, b)));
      play(watcher(store, script, recorder, clock), script);
      assertThat(script.judged.subList(0, 3))
          .as("the first snapshot judges all, later ones what is new")
          .containsExactly(List.of(22), List.of(8080), List.of());
      List<Event> events = store.events(HistoryQuery.all());
      assertThat(events)
          .extracting(
              e ->
                  e.change().kind()
                      + " "
                      + e.change().key().port()
                      + " "
                      + e.change().how()
                      + " "
                      + e.change().time())
          .containsExactly(
              "OPENED 22 INITIAL " + Ports.t(0),
              "OPENED 8080 POLL " + Ports.t(10),
              "CLOSED 8080 POLL " + Ports.t(40),
              "OPENED 8080 POLL " + Ports.t(60));
      assertThat(events.get(1).change().port().verdict()).isNotNull();
      assertThat(recorder.changes).hasSize(4);
      assertThat(recorder.stopped).isTrue();
      assertThat(recorder.stats.getFirst().number()).isEqualTo(1);
      assertThat(recorder.openSizes.getLast()).isEqualTo(2);
    }
    // Restarted: 22 still open (no event), 8080 gone meanwhile (closed at start), 9090 new.
    PortState c = state(9090, 300);
    try (HistoryStore store = HistoryStore.open(db)) {
      Instant stoppedAt = store.known().lastSnapshot();
      Script script = new Script(clock, List.of(snapshot(a, c), snapshot(a, c), snapshot(a, c)));
      play(watcher(store, script, new Recorder(), clock), script);
      List<Event> events = store.events(HistoryQuery.all());
      assertThat(events.subList(4, events.size()))
          .extracting(
              e ->
                  e.change().kind()
                      + " "
                      + e.change().key().port()
                      + " "
                      + e.change().how()
                      + " "
                      + e.change().since())
          .containsExactly("CLOSED 8080 START " + stoppedAt, "OPENED 9090 START " + stoppedAt);
      assertThat(events).extracting(Event::run).containsOnly(1L, 1L, 1L, 1L, 2L, 2L);
      assertThat(store.known().open().keySet())
          .extracting(PortKey::port)
          .containsExactlyInAnyOrder(22, 9090);
    }
  }

  @Test
  void onceRecordsWhatChangedSinceTheLastRunUndamped() {
    Path db = dir.resolve("history.db");
    Ticks clock = new Ticks();
    try (HistoryStore store = HistoryStore.open(db)) {
      new Watcher(
              store,
              new Script(clock, List.of(snapshot(state(1, 1)))),
              new Watcher.Settings(Duration.ZERO, 2, Duration.ofMinutes(1), "t", 1),
              List.of(),
              clock,
              err)
          .once();
      new Watcher(
              store,
              new Script(clock, List.of(snapshot(state(2, 2)))),
              new Watcher.Settings(Duration.ZERO, 2, Duration.ofMinutes(1), "t", 1),
              List.of(),
              clock,
              err)
          .once();
      assertThat(store.events(HistoryQuery.all()))
          .extracting(
              e -> e.change().kind() + " " + e.change().key().port() + " " + e.change().how())
          .containsExactly("OPENED 1 INITIAL", "CLOSED 1 START", "OPENED 2 START");
    }
  }

  @Test
  void aFailedSnapshotIsSkippedAndSaid() throws Exception {
    Ticks clock = new Ticks();
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
      Script script =
          new Script(
              clock,
              List.of(
                  snapshot(),
                  snapshot(),
                  snapshot(),
                  snapshot(state(5, 5)),
                  snapshot(state(5, 5))));
      script.failAt2 = new IllegalStateException("netlink said no");
      play(watcher(store, script, new Recorder(), clock), script);
      assertThat(errBytes.toString(StandardCharsets.UTF_8))
          .contains(
              "ajar watch: snapshot failed, skipped: java.lang.IllegalStateException:"
                  + " netlink said no");
      assertThat(store.events(HistoryQuery.all())).hasSize(1);
    }
  }

  @Test
  void aFailedFirstSnapshotEndsTheRun() {
    Ticks clock = new Ticks();
    try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
      SnapshotSource broken =
          unjudged -> {
            throw new IllegalStateException("no /proc");
          };
      Recorder recorder = new Recorder();
      Watcher w =
          new Watcher(
              store,
              broken,
              new Watcher.Settings(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), "t", 1),
              List.of(recorder),
              clock,
              err);
      assertThatThrownBy(w::run).hasMessage("no /proc");
      assertThat(recorder.stopped).isTrue();
    }
  }
}
