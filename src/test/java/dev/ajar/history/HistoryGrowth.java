package dev.ajar.history;

import dev.ajar.model.PackageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the history grows (docs/PERFORMANCE.md, "ajar watch"): a simulated watcher of a normal
 * server, polling every 10 s for DAYS days, with a few changes a day, writes through the real
 * {@link HistoryStore} what the real watcher would (its heartbeat a minute, each change with a full
 * port state), and prints the size of the database and its WAL; then bytes per change for new ports
 * and for ports seen before.
 *
 * <pre>
 * bench/history-growth.sh [DAYS] [CHANGES_PER_DAY]        # defaults 30 6
 * </pre>
 */
public final class HistoryGrowth {
  private HistoryGrowth() {}

  /** What a simulation wrote. */
  record Result(long dbBytes, long walBytes, int events, int heartbeats) {}

  public static void main(String[] args) throws IOException {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int perDay = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    Path dir = Files.createTempDirectory("ajar-history-growth-");
    try {
      Result month = simulate(dir.resolve("month.db"), days, perDay, 10);
      System.out.printf(
          Locale.ROOT,
          "%d days of 10-s polling, %d changes a day: %d events, %d heartbeats;"
              + " database %,d bytes, WAL %,d bytes%n",
          days,
          perDay,
          month.events(),
          month.heartbeats(),
          month.dbBytes(),
          month.walBytes());
      long empty = simulate(dir.resolve("empty.db"), 0, 0, 10).dbBytes();
      Result fresh = newPorts(dir.resolve("new.db"), 10_000);
      Result again = samePorts(dir.resolve("same.db"), 10_000);
      System.out.printf(
          Locale.ROOT,
          "empty history %,d bytes; 10,000 changes of new ports: %.0f bytes each;"
              + " of ports seen before: %.0f bytes each%n",
          empty,
          (fresh.dbBytes() - empty) / 10_000.0,
          (again.dbBytes() - empty) / 10_000.0);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  static PortState port(int n, String netns) {
    return new PortState(
        new PortKey(
            netns,
            n % 3 == 0 ? "udp" : "tcp",
            n % 2 == 0 ? "0.0.0.0" : "::",
            1000 + n,
            "systemd",
            "service-" + n + ".service"),
        "svc" + n,
        "any",
        "/lib/systemd/system/service-" + n + ".service",
        0,
        "/usr/sbin/daemon" + n,
        new PackageRef("dpkg", "daemon" + n, "1.2." + n + "-1+deb12u1"),
        1000 + n,
        "daemon" + n,
        "root",
        0,
        null);
  }

  /**
   * A server with 15 ports open all month and {@code perDay} changes a day (a port opened for a
   * while and closed again: a backup agent at night, an administrator's test server).
   */
  static Result simulate(Path db, int days, int perDay, int intervalSeconds) {
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    int events = 0;
    int heartbeats = 0;
    try (HistoryStore store = HistoryStore.open(db)) {
      long run = store.beginRun(t, 1, "sim", Duration.ofSeconds(intervalSeconds), 2);
      List<Change> initial = new ArrayList<>();
      for (int n = 0; n < 15; n++) {
        initial.add(new Change(Change.Kind.OPENED, Change.How.INITIAL, t, null, port(n, "host")));
      }
      store.record(run, initial, t);
      events += initial.size();
      long snapshots = (long) days * 86400 / intervalSeconds;
      long every = perDay == 0 ? Long.MAX_VALUE : 86400L / intervalSeconds / perDay;
      Instant lastWritten = t;
      boolean open = false;
      int temp = 100;
      for (long i = 1; i <= snapshots; i++) {
        Instant now = t.plusSeconds(i * intervalSeconds);
        List<Change> changes = new ArrayList<>();
        if (i % every == 0) {
          PortState p = port(temp, "host");
          changes.add(
              new Change(
                  open ? Change.Kind.CLOSED : Change.Kind.OPENED,
                  Change.How.POLL,
                  now.minusSeconds(intervalSeconds),
                  now.minusSeconds(2L * intervalSeconds),
                  p));
          if (open) {
            temp++;
          }
          open = !open;
        }
        if (!changes.isEmpty() || !now.isBefore(lastWritten.plusSeconds(60))) {
          store.record(run, changes, now);
          lastWritten = now;
          events += changes.size();
          heartbeats += changes.isEmpty() ? 1 : 0;
        }
      }
      store.endRun(run, lastWritten, lastWritten);
    }
    return new Result(
        size(db), size(db.resolveSibling(db.getFileName() + "-wal")), events, heartbeats);
  }

  /** {@code n} changes, each of a port not seen before (a busy host's first snapshot). */
  static Result newPorts(Path db, int n) {
    try (HistoryStore store = HistoryStore.open(db)) {
      Instant t = Instant.parse("2026-11-01T00:00:00Z");
      long run = store.beginRun(t, 1, "sim", Duration.ofSeconds(10), 2);
      List<Change> changes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        changes.add(
            new Change(
                Change.Kind.OPENED, Change.How.INITIAL, t, null, port(i, "netns:[4026532174]")));
      }
      store.record(run, changes, t);
    }
    return new Result(size(db), 0, n, 0);
  }

  /** {@code n} changes of 10 ports opened and closed again and again. */
  static Result samePorts(Path db, int n) {
    try (HistoryStore store = HistoryStore.open(db)) {
      Instant t = Instant.parse("2026-11-01T00:00:00Z");
      long run = store.beginRun(t, 1, "sim", Duration.ofSeconds(10), 2);
      List<Change> changes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Instant at = t.plusSeconds(10L * i);
        changes.add(
            new Change(
                (i / 10) % 2 == 0 ? Change.Kind.OPENED : Change.Kind.CLOSED,
                Change.How.POLL,
                at,
                at.minusSeconds(10),
                port(i % 10, "host")));
      }
      store.record(run, changes, t.plusSeconds(10L * n));
    }
    return new Result(size(db), 0, n, 0);
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
