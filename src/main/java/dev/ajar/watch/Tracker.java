package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a series of snapshots into changes: the diff and its damping. Pure: no clock, no I/O.
 *
 * <p>Invariants. {@link #open} holds the ports recorded open, each with its state as it was
 * recorded opened (who opened it). A port is recorded opened when it is present in {@code settle}
 * consecutive snapshots, and closed when absent from {@code settle} consecutive snapshots; the
 * change's time is the first of those snapshots and its {@code since} the snapshot before (the last
 * one that saw the old state), so the change happened in between. Hence every port's changes
 * alternate, opened then closed; a port that flaps for fewer than {@code settle} snapshots (a
 * daemon restarting, a short-lived UDP socket) records nothing; and one opened and closed between
 * two snapshots cannot be seen at all (polling; a tracepoint on bind/listen/close would see it).
 * Every key of the last snapshot is tracked ({@link #tracks}): open, or on its way to be.
 *
 * <p>The first snapshot of a watcher run ({@link #start}) is compared with what the history last
 * recorded open, without damping: ports open now that the history does not hold are opened (at
 * start, or initially in an empty history), ports it holds that are gone now are closed at start;
 * ports still open are not recorded again and keep who opened them.
 *
 * <p>Cost: a snapshot of a loaded host has tens of thousands of ports, nearly always the same as
 * the last: such a snapshot (the very map of the last one, nothing pending) is a no-op, and
 * otherwise each port costs two hash lookups and allocates nothing.
 */
final class Tracker {
  private final int settle;
  private final Map<PortKey, PortState> open = new HashMap<>();
  private final Map<PortKey, Pending> appearing = new HashMap<>();
  private final Map<PortKey, Pending> vanishing = new HashMap<>();
  private Instant previous;
  private Map<PortKey, PortState> last;

  /** A change not yet confirmed: first seen at {@code first}, after {@code before}. */
  private record Pending(PortState state, Instant first, Instant before, int count) {
    Pending again() {
      return new Pending(state, first, before, count + 1);
    }
  }

  /**
   * @param settle how many consecutive snapshots confirm a change (1: every difference is one)
   */
  Tracker(int settle) {
    if (settle < 1) {
      throw new IllegalArgumentException("settle must be at least 1, not " + settle);
    }
    this.settle = settle;
  }

  /**
   * The first snapshot of a run against what the history recorded.
   *
   * @param known the ports the history last recorded open, with who opened them
   * @param lastSnapshot the history's last snapshot (null when none)
   * @param emptyHistory nothing was ever recorded: what is open now is open initially
   */
  List<Change> start(
      Map<PortKey, PortState> known,
      Instant lastSnapshot,
      boolean emptyHistory,
      Instant now,
      Map<PortKey, PortState> snapshot) {
    open.clear();
    appearing.clear();
    vanishing.clear();
    List<Change> changes = new ArrayList<>();
    Change.How how = emptyHistory ? Change.How.INITIAL : Change.How.START;
    for (PortState s : snapshot.values()) {
      PortState before = known.get(s.key());
      if (before == null) {
        changes.add(new Change(Change.Kind.OPENED, how, now, lastSnapshot, s));
        open.put(s.key(), s);
      } else {
        // still open: who opened it stays; the verdict is this run's (its policy may be new)
        open.put(s.key(), before.withVerdict(s.verdict()));
      }
    }
    for (PortState s : known.values()) {
      if (!snapshot.containsKey(s.key())) {
        changes.add(new Change(Change.Kind.CLOSED, Change.How.START, now, lastSnapshot, s));
      }
    }
    previous = now;
    last = snapshot;
    changes.sort(ORDER);
    return changes;
  }

  /** A later snapshot: the changes it confirms. */
  List<Change> next(Instant now, Map<PortKey, PortState> snapshot) {
    if (previous == null) {
      throw new IllegalStateException("next before start");
    }
    if (snapshot == last && appearing.isEmpty() && vanishing.isEmpty()) {
      previous = now; // the very ports of the last snapshot, nothing pending: nothing to do
      return List.of();
    }
    List<Change> changes = new ArrayList<>();
    for (PortState s : snapshot.values()) {
      PortKey k = s.key();
      if (open.containsKey(k)) {
        if (!vanishing.isEmpty()) {
          vanishing.remove(k);
        }
        continue;
      }
      Pending p = appearing.get(k);
      p = p == null ? new Pending(s, now, previous, 1) : p.again();
      if (p.count() >= settle) {
        appearing.remove(k);
        open.put(k, p.state());
        changes.add(
            new Change(Change.Kind.OPENED, Change.How.POLL, p.first(), p.before(), p.state()));
      } else {
        appearing.put(k, p);
      }
    }
    if (!appearing.isEmpty()) {
      // seen fewer than settle times, then gone: a flash, never recorded
      appearing.keySet().removeIf(k -> !snapshot.containsKey(k));
    }
    // Every key of the snapshot is now open or appearing: some open port is absent exactly
    // when there are more of those than keys.
    if (open.size() + appearing.size() > snapshot.size() || !vanishing.isEmpty()) {
      for (Iterator<Map.Entry<PortKey, PortState>> it = open.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<PortKey, PortState> e = it.next();
        PortKey k = e.getKey();
        if (snapshot.containsKey(k)) {
          continue;
        }
        // absent now; present in the previous snapshot unless already vanishing
        Pending p = vanishing.get(k);
        p = p == null ? new Pending(e.getValue(), now, previous, 1) : p.again();
        if (p.count() >= settle) {
          vanishing.remove(k);
          it.remove();
          changes.add(
              new Change(Change.Kind.CLOSED, Change.How.POLL, p.first(), p.before(), p.state()));
        } else {
          vanishing.put(k, p);
        }
      }
    }
    previous = now;
    last = snapshot;
    changes.sort(ORDER);
    return changes;
  }

  /** Whether the port is known already (open, or about to open): judged when first seen. */
  boolean tracks(PortKey k) {
    return open.containsKey(k) || appearing.containsKey(k);
  }

  /**
   * The ports recorded open, as recorded, in no order: a view (no copy of tens of thousands of
   * ports per snapshot), valid until the next snapshot.
   */
  Collection<PortState> open() {
    return Collections.unmodifiableCollection(open.values());
  }

  /** By time; at one time a port's closing before another's opening (an owner replaced). */
  private static final Comparator<Change> ORDER =
      Comparator.comparing(Change::time)
          .thenComparing(c -> c.kind() == Change.Kind.CLOSED ? 0 : 1)
          .thenComparing(Change::key);
}
