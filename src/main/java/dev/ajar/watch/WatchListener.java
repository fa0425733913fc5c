package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.PortState;
import java.util.Collection;

/**
 * Told of every snapshot once its changes are recorded in the history: the log line of each change,
 * syslog, the hooks, the statistics line; a metrics exporter is one more. Called on the watcher's
 * thread, so a listener must return quickly (the hooks queue their work).
 */
interface WatchListener {
  /**
   * @param changes the changes recorded, oldest first (usually none)
   * @param open every port open now, as recorded opened, each with the judge's verdict when it has
   *     one ({@link PortState#verdict}: the open findings); a view valid during the call only
   */
  void snapshot(SnapshotStats stats, java.util.List<Change> changes, Collection<PortState> open);

  /** The watcher stops (after its last snapshot): finish or drop what is queued, briefly. */
  default void stopped() {}
}
