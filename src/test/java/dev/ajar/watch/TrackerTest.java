package dev.ajar.watch;

import static dev.ajar.watch.Ports.snapshot;
import static dev.ajar.watch.Ports.state;
import static dev.ajar.watch.Ports.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.history.Change;
import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TrackerTest {
  private static final Map<PortKey, PortState> NONE = Map.of();

  @Test
  void aPortOpensOnceSeenInSettleSnapshotsInARowAndClosesOnceAbsentAsLong() {
    Tracker tracker = new Tracker(2);
    assertThat(tracker.start(NONE, null, true, t(0), NONE)).isEmpty();
    assertThat(tracker.next(t(10), snapshot(state(8080, 812)))).isEmpty();
    List<Change> opened = tracker.next(t(20), snapshot(state(8080, 812)));
    assertThat(opened)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Change.Kind.OPENED);
              assertThat(c.how()).isEqualTo(Change.How.POLL);
              assertThat(c.time()).as("first seen").isEqualTo(t(10));
              assertThat(c.since()).as("last snapshot without it").isEqualTo(t(0));
              assertThat(c.port().pid()).isEqualTo(812);
            });
    assertThat(tracker.next(t(30), snapshot(state(8080, 812)))).isEmpty();
    assertThat(tracker.next(t(40), NONE)).isEmpty();
    List<Change> closed = tracker.next(t(50), NONE);
    assertThat(closed)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Change.Kind.CLOSED);
              assertThat(c.time()).as("first missed").isEqualTo(t(40));
              assertThat(c.since()).as("last seen").isEqualTo(t(30));
            });
    assertThat(tracker.next(t(60), NONE)).isEmpty();
    assertThat(tracker.open()).isEmpty();
  }

  @Test
  void aFlapShorterThanSettleRecordsNothing() {
    Tracker tracker = new Tracker(3);
    tracker.start(NONE, null, true, t(0), snapshot(state(22, 100)));
    // a restart of the daemon: gone for two snapshots, back with a new pid
    assertThat(tracker.next(t(10), NONE)).isEmpty();
    assertThat(tracker.next(t(20), NONE)).isEmpty();
    assertThat(tracker.next(t(30), snapshot(state(22, 200)))).isEmpty();
    assertThat(tracker.open()).singleElement().extracting(PortState::pid).isEqualTo(100);
    // a short-lived socket: seen twice, gone
    assertThat(tracker.next(t(40), snapshot(state(22, 200), state(40000, 300)))).isEmpty();
    assertThat(tracker.next(t(50), snapshot(state(22, 200), state(40000, 300)))).isEmpty();
    assertThat(tracker.next(t(60), snapshot(state(22, 200)))).isEmpty();
    assertThat(tracker.next(t(70), snapshot(state(22, 200), state(40000, 300)))).isEmpty();
    assertThat(tracker.tracks(Ports.key(40000))).isTrue();
    assertThat(tracker.open()).hasSize(1);
  }

  @Test
  void settleOneRecordsEveryDifference() {
    Tracker tracker = new Tracker(1);
    tracker.start(NONE, null, true, t(0), NONE);
    assertThat(tracker.next(t(1), snapshot(state(1, 1))))
        .extracting(Change::kind)
        .containsExactly(Change.Kind.OPENED);
    assertThat(tracker.next(t(2), NONE))
        .extracting(Change::kind)
        .containsExactly(Change.Kind.CLOSED);
  }

  @Test
  void theFirstSnapshotOfAnEmptyHistoryOpensWhatIsOpenInitially() {
    Tracker tracker = new Tracker(2);
    List<Change> changes =
        tracker.start(NONE, null, true, t(0), snapshot(state(22, 1), state(25, 2)));
    assertThat(changes).extracting(Change::how).containsOnly(Change.How.INITIAL);
    assertThat(changes).extracting(c -> c.key().port()).containsExactly(22, 25);
    assertThat(changes).extracting(Change::since).containsOnlyNulls();
  }

  @Test
  void aRestartOpensNothingStillOpenClosesWhatWentAndKeepsWhoOpenedIt() {
    Tracker tracker = new Tracker(2);
    Map<PortKey, PortState> known = snapshot(state(22, 100), state(25, 101));
    // port 22 still open (sshd restarted meanwhile: pid 500), 25 closed, 80 opened while down
    List<Change> changes =
        tracker.start(known, t(-600), false, t(0), snapshot(Ports.judged(22, 500), state(80, 7)));
    assertThat(changes)
        .extracting(c -> c.kind() + " " + c.key().port() + " " + c.how() + " " + c.since())
        .containsExactly("CLOSED 25 START " + t(-600), "OPENED 80 START " + t(-600));
    PortState ssh =
        tracker.open().stream().filter(s -> s.key().port() == 22).findFirst().orElseThrow();
    assertThat(ssh.pid()).as("who opened it").isEqualTo(100);
    assertThat(ssh.verdict()).as("this run's verdict").isNotNull();
    assertThat(tracker.next(t(10), snapshot(state(22, 500), state(80, 7)))).isEmpty();
  }

  @Test
  void closingBeforeOpeningAtOneTime() {
    Tracker tracker = new Tracker(1);
    tracker.start(NONE, null, true, t(0), snapshot(state(9, 1)));
    PortState other =
        new PortState(
            new PortKey("host", "tcp", "127.0.0.1", 9, "manual", "/usr/bin/nc"),
            null,
            "loopback",
            null,
            0,
            "/usr/bin/nc",
            null,
            2,
            "nc",
            "root",
            0,
            null);
    assertThat(tracker.next(t(1), snapshot(other)))
        .extracting(c -> c.kind() + " " + c.key().entry())
        .containsExactly("CLOSED /usr/bin/python3.11", "OPENED /usr/bin/nc");
  }

  @Test
  void settleMustBePositive() {
    assertThatThrownBy(() -> new Tracker(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Tracker(2).next(t(0), NONE))
        .isInstanceOf(IllegalStateException.class);
  }

  /**
   * Whatever the snapshots, each port's changes alternate opened, closed, opened; and after settle
   * snapshots of the same set, the ports recorded open are exactly that set.
   */
  @Property(tries = 300)
  void changesAlternateAndSettle(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 7) Integer> masks,
      @ForAll @IntRange(min = 1, max = 3) int settle) {
    Tracker tracker = new Tracker(settle);
    List<Change> all = new ArrayList<>(tracker.start(NONE, null, true, t(0), ports(0)));
    int i = 1;
    for (int mask : masks) {
      all.addAll(tracker.next(t(i++), ports(mask)));
    }
    int last = masks.isEmpty() ? 0 : masks.getLast();
    for (int k = 0; k < settle; k++) {
      all.addAll(tracker.next(t(i++), ports(last)));
    }
    for (int port = 1; port <= 3; port++) {
      int p = port;
      List<Change.Kind> kinds =
          all.stream().filter(c -> c.key().port() == p).map(Change::kind).toList();
      for (int j = 0; j < kinds.size(); j++) {
        assertThat(kinds.get(j)).isEqualTo(j % 2 == 0 ? Change.Kind.OPENED : Change.Kind.CLOSED);
      }
    }
    assertThat(tracker.open())
        .extracting(s -> s.key().port())
        .containsExactlyInAnyOrderElementsOf(
            ports(last).keySet().stream().map(PortKey::port).toList());
    for (int j = 1; j < all.size(); j++) {
      assertThat(all.get(j).time()).isAfterOrEqualTo(all.get(j - 1).time());
    }
  }

  private static Map<PortKey, PortState> ports(int mask) {
    List<PortState> states = new ArrayList<>();
    for (int bit = 0; bit < 3; bit++) {
      if ((mask & (1 << bit)) != 0) {
        states.add(state(bit + 1, 10 + bit));
      }
    }
    return snapshot(states.toArray(PortState[]::new));
  }
}
