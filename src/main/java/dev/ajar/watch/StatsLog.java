package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.PortState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code every}, one line on stderr of what the snapshots cost: how many, how many looked up
 * owners, the mean CPU and wall time of each, the sockets and ports. What docs/PERFORMANCE.md
 * quotes for a loaded host.
 */
final class StatsLog implements WatchListener {
  private final PrintStream err;
  private final Duration every;
  private Instant since;
  private long snapshots;
  private long attributed;
  private long cpuNanos;
  private boolean cpuKnown = true;
  private long wallNanos;
  private long changes;

  StatsLog(PrintStream err, Duration every) {
    this.err = err;
    this.every = every;
  }

  @Override
  public void snapshot(SnapshotStats stats, List<Change> recorded, Collection<PortState> open) {
    if (stats.number() == 1) {
      since = stats.time(); // the first snapshot pays for start-up: not counted
      return;
    }
    snapshots++;
    attributed += stats.attributed() ? 1 : 0;
    wallNanos += stats.wall().toNanos();
    if (stats.cpu() == null) {
      cpuKnown = false;
    } else {
      cpuNanos += stats.cpu().toNanos();
    }
    changes += recorded.size();
    Duration elapsed = Duration.between(since, stats.time());
    if (elapsed.compareTo(every) >= 0) {
      err.println(line(elapsed, stats, open.size()));
      err.flush();
      since = stats.time();
      snapshots = attributed = cpuNanos = wallNanos = changes = 0;
    }
  }

  String line(Duration elapsed, SnapshotStats last, int open) {
    double cpuMs = cpuNanos / 1e6 / snapshots;
    double share = cpuNanos / (double) elapsed.toNanos() * 100;
    return String.format(
        Locale.ROOT,
        "ajar watch: %d snapshots in %d s (%d with owners looked up): %s, wall %.1f ms each;"
            + " %,d sockets, %,d ports open, %d changes",
        snapshots,
        elapsed.toSeconds(),
        attributed,
        cpuKnown
            ? String.format(Locale.ROOT, "CPU %.1f ms each (%.2f %% of one core)", cpuMs, share)
            : "CPU not known",
        wallNanos / 1e6 / snapshots,
        last.sockets(),
        open,
        changes);
  }
}
