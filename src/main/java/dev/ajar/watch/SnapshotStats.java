package dev.ajar.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * What one snapshot cost and saw: for the watcher's own statistics line, and for a metrics
 * listener.
 *
 * @param number 1 for a run's first snapshot
 * @param wall how long the snapshot took
 * @param cpu the CPU time the whole process spent meanwhile (every thread: the fd pass runs on one
 *     per core; the JIT and GC too), or null where the JVM cannot say; the operating system counts
 *     it in clock ticks (10 ms), so only averages over many snapshots are precise
 * @param sockets the listening and bound sockets the kernel listed
 * @param open the ports open after it (as recorded)
 * @param attributed whether owners were looked up (false: the sockets were those of the last
 *     snapshot that did)
 * @param changes the changes it recorded
 */
record SnapshotStats(
    long number,
    Instant time,
    Duration wall,
    Duration cpu,
    int sockets,
    int open,
    boolean attributed,
    int changes) {}
