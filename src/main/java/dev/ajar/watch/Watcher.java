package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.HistoryStore;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.Text;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The snapshot loop of {@code ajar watch}: a snapshot every {@code interval}, its changes (by the
 * {@link Tracker}) recorded in the history in one transaction, then every {@link WatchListener}
 * told. The history is the state: at start the watcher reads which ports it last recorded open, so
 * a restart (after a crash, a SIGKILL, a reboot) goes on without recording a port twice.
 *
 * <p>Failure handling: a snapshot that fails (the host changed under it in a way discovery did not
 * survive) is said on stderr and skipped, the loop goes on; a history that cannot be written ends
 * the run with that error (the service manager restarts it, and the restart picks the history up
 * where its last whole transaction left it).
 */
final class Watcher {
  /**
   * @param interval between the starts of two snapshots (zero for {@code --once})
   * @param settle how many consecutive snapshots confirm a change
   * @param heartbeat how often the run's last snapshot is written when nothing changes (the
   *     earliest time a change seen at the next start can have happened)
   */
  public record Settings(
      Duration interval, int settle, Duration heartbeat, String version, long pid) {}

  private final HistoryStore store;
  private final SnapshotSource source;
  private final Settings settings;
  private final List<WatchListener> listeners;
  private final InstantSource clock;
  private final PrintStream err;
  private final Tracker tracker;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final CpuClock cpu = CpuClock.of();
  private long run;
  private long number;
  private Instant lastWritten;

  Watcher(
      HistoryStore store,
      SnapshotSource source,
      Settings settings,
      List<WatchListener> listeners,
      InstantSource clock,
      PrintStream err) {
    this.store = store;
    this.source = source;
    this.settings = settings;
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
    this.err = err;
    this.tracker = new Tracker(settings.settle());
  }

  /** One snapshot against the history, recorded: {@code ajar watch --once}. */
  public void once() {
    try {
      first();
      Instant last = lastWritten;
      store.endRun(run, last, clock.instant());
    } finally {
      listeners.forEach(WatchListener::stopped);
      finished.countDown();
    }
  }

  /** Snapshots until {@link #stop}: the first at once, then one every interval. */
  public void run() {
    try {
      Instant next = first().plus(settings.interval());
      while (true) {
        Duration wait = Duration.between(clock.instant(), next);
        if (!wait.isNegative() && stop.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
          break;
        }
        if (stop.getCount() == 0) {
          break;
        }
        Instant began = snapshot();
        next = next.plus(settings.interval());
        if (next.isBefore(began)) {
          next = began.plus(settings.interval()); // overran: skip, never run back to back
        }
      }
      store.endRun(run, lastWritten, clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      listeners.forEach(WatchListener::stopped);
      finished.countDown();
    }
  }

  /**
   * Asks the loop to stop after the snapshot it is taking, and waits (at most {@code patience}) for
   * it to record it: a SIGTERM never cuts a transaction short.
   */
  public void stop(Duration patience) {
    stop.countDown();
    try {
      finished.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run's first snapshot, against the history; returns when it began. */
  private Instant first() {
    HistoryStore.Known known = store.known();
    Instant began = clock.instant();
    run =
        store.beginRun(
            began, settings.pid(), settings.version(), settings.interval(), settings.settle());
    long c0 = cpu.nanos();
    Snapshot s = source.take(k -> true); // a new run judges every port (its policy may be new)
    List<Change> changes =
        tracker.start(known.open(), known.lastSnapshot(), known.empty(), s.time(), s.ports());
    store.record(run, changes, s.time());
    lastWritten = s.time();
    notes(s.diagnostics());
    tell(s, changes, Duration.between(began, clock.instant()), cpu.since(c0));
    return began;
  }

  /** A later snapshot; returns when it began. */
  private Instant snapshot() {
    Instant began = clock.instant();
    long c0 = cpu.nanos();
    Snapshot s;
    try {
      s = source.take(k -> !tracker.tracks(k));
    } catch (RuntimeException e) {
      err.println("ajar watch: snapshot failed, skipped: " + Text.forTerminal(String.valueOf(e)));
      err.flush();
      return began;
    }
    List<Change> changes = tracker.next(s.time(), s.ports());
    if (!changes.isEmpty() || !s.time().isBefore(lastWritten.plus(settings.heartbeat()))) {
      store.record(run, changes, s.time());
      lastWritten = s.time();
    }
    tell(s, changes, Duration.between(began, clock.instant()), cpu.since(c0));
    return began;
  }

  private void tell(Snapshot s, List<Change> changes, Duration wall, Duration cpuTime) {
    number++;
    SnapshotStats stats =
        new SnapshotStats(
            number,
            s.time(),
            wall,
            cpuTime,
            s.sockets(),
            tracker.open().size(),
            s.attributed(),
            changes.size());
    var open = tracker.open();
    for (WatchListener l : listeners) {
      l.snapshot(stats, changes, open);
    }
  }

  /** What the first snapshot could not see, once (later snapshots would repeat it). */
  private void notes(Diagnostics d) {
    for (Diagnostics.Diagnostic x : d.all()) {
      if (x.kind() != Diagnostics.Kind.VANISHED) {
        err.println("ajar watch: note: " + Text.forTerminal(x.toString()));
      }
    }
    err.flush();
  }

  /** The process's CPU time (every thread), where the JVM can say. */
  private record CpuClock(com.sun.management.OperatingSystemMXBean os) {
    static CpuClock of() {
      return ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean os
          ? new CpuClock(os)
          : new CpuClock(null);
    }

    long nanos() {
      return os == null ? -1 : os.getProcessCpuTime();
    }

    Duration since(long start) {
      long now = nanos();
      return start < 0 || now < 0 ? null : Duration.ofNanos(now - start);
    }
  }
}
