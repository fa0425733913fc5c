package dev.ajar.watch;

import dev.ajar.history.PortKey;
import java.util.function.Predicate;

/** Where the watcher's snapshots come from: the live host, or a test's script of them. */
interface SnapshotSource {
  /**
   * Takes a snapshot now.
   *
   * @param unjudged the ports the watcher has not judged yet: their states must carry the judge's
   *     verdict (when it has one)
   */
  Snapshot take(Predicate<PortKey> unjudged);
}
