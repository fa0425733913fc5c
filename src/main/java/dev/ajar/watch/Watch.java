package dev.ajar.watch;

import dev.ajar.discover.PortQuery;
import dev.ajar.history.HistoryStore;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.metrics.PortMetrics;
import dev.ajar.policy.Policy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ajar watch} put together: the lock, the history, the live snapshots, the listeners (the
 * log line, syslog, the hooks, the statistics), and the loop, stopped by SIGTERM after the snapshot
 * it is recording.
 */
public final class Watch {
  /** How often a run writes its last snapshot when nothing changes. */
  static final Duration HEARTBEAT = Duration.ofMinutes(1);

  /** Where syslog lines go. */
  static final String DEV_LOG = "/dev/log";

  /** A test's pause inside each recording transaction, in milliseconds (see WatchIT). */
  static final String TEST_HOLD = "AJAR_WATCH_TEST_HOLD_MS";

  private Watch() {}

  /** When to send changes to syslog too. */
  public enum SyslogMode {
    /** Unless stdout is the journal's already (under systemd), and only where /dev/log is. */
    AUTO,
    YES,
    NO
  }

  /**
   * What the command line asked for.
   *
   * @param policy what judges new ports (null: the knowledge base)
   * @param hooks each hook's command, split at blanks into its argv (no shell)
   * @param stats how often the statistics line is written (zero: never)
   * @param metrics the address to serve Prometheus metrics on ("127.0.0.1:9425"), or null
   * @param ownersEvery how long the ports of the last snapshot that looked up owners may be
   *     repeated while the kernel lists the same sockets (zero: owners at every snapshot)
   */
  public record Request(
      Duration interval,
      boolean once,
      int settle,
      Path database,
      Policy policy,
      List<String> hooks,
      Duration hookTimeout,
      String netns,
      SyslogMode syslog,
      Duration stats,
      Duration ownersEvery,
      String version,
      String metrics) {}

  /** Runs the watcher until SIGTERM (or one snapshot with {@code once}). */
  @SuppressWarnings("try") // the lock is held for the block's length, never referenced in it
  public static void run(Host host, Request r, PrintStream out, PrintStream err) {
    if (!host.isLive()) {
      throw new BadInputException("watches the running host only (no --root)");
    }
    long pid = ProcessHandle.current().pid();
    HistoryStore.makeDirectory(r.database());
    try (WatchLock lock = WatchLock.acquire(r.database(), pid);
        HistoryStore store = HistoryStore.open(r.database())) {
      testHold(store, err);
      List<WatchListener> listeners = new ArrayList<>();
      boolean journal = stdoutIsJournal(System.getenv());
      listeners.add(new ChangeLog(out, journal));
      if (r.syslog() == SyslogMode.YES
          || (r.syslog() == SyslogMode.AUTO && !journal && Files.exists(Path.of(DEV_LOG)))) {
        listeners.add(new Syslog(DEV_LOG, pid, ZoneId.systemDefault(), err));
      }
      if (!r.hooks().isEmpty()) {
        listeners.add(
            new Hooks(
                r.hooks().stream().map(Hooks::argv).toList(),
                r.hookTimeout(),
                hostName(host),
                err));
      }
      if (r.metrics() != null) {
        PortMetrics metrics = new PortMetrics();
        listeners.add(new MetricsListener(metrics, metrics.serve(r.metrics())));
      }
      if (!r.once() && !r.stats().isZero()) {
        listeners.add(new StatsLog(err, r.stats()));
      }
      PortQuery query = PortQuery.listening(r.netns());
      // milliseconds, as the history keeps them: a log line and its event say the same time
      Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
      Watcher watcher =
          new Watcher(
              store,
              new LiveSnapshots(host, query, r.policy(), clock, r.ownersEvery()),
              new Watcher.Settings(
                  r.once() ? Duration.ZERO : r.interval(), r.settle(), HEARTBEAT, r.version(), pid),
              listeners,
              clock,
              err);
      if (r.once()) {
        watcher.once();
        return;
      }
      if (!host.isRunningAsRoot()) {
        err.println(
            "ajar watch: not root: sockets of other users' processes are recorded without"
                + " owner");
      }
      err.println(
          "ajar watch: a snapshot every "
              + r.interval().toSeconds()
              + " s into "
              + r.database()
              + " (a change counts once seen in "
              + r.settle()
              + " snapshots in a row)");
      err.flush();
      Thread stopper = Thread.ofPlatform().unstarted(() -> watcher.stop(Duration.ofSeconds(20)));
      Runtime.getRuntime().addShutdownHook(stopper);
      try {
        watcher.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException e) {
          // shutting down: the hook is running
        }
      }
    }
  }

  /**
   * Whether stdout is a stream of the journal: systemd sets JOURNAL_STREAM to its device and inode,
   * which a child process that inherited the variable but not the stream does not match.
   */
  static boolean stdoutIsJournal(Map<String, String> env) {
    String stream = env.get("JOURNAL_STREAM");
    if (stream == null || !stream.matches("[0-9]+:[0-9]+")) {
      return false;
    }
    try {
      Map<String, Object> a = Files.readAttributes(Path.of("/proc/self/fd/1"), "unix:dev,ino");
      String[] parts = stream.split(":");
      return a.get("dev") instanceof Long dev
          && a.get("ino") instanceof Long ino
          && dev == Long.parseLong(parts[0])
          && ino == Long.parseLong(parts[1]);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String hostName(Host host) {
    try {
      return host.readText("/proc/sys/kernel/hostname").strip();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static void testHold(HistoryStore store, PrintStream err) {
    String ms = System.getenv(TEST_HOLD);
    if (ms == null || !ms.matches("[0-9]{1,6}")) {
      return;
    }
    long pause = Long.parseLong(ms);
    store.holdBeforeCommit(
        changes -> {
          err.println("ajar watch: test: holding a transaction of " + changes + " changes open");
          err.flush();
          try {
            Thread.sleep(pause);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}
