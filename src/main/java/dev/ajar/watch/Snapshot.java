package dev.ajar.watch;

import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import dev.ajar.host.Diagnostics;
import java.time.Instant;
import java.util.Map;

/**
 * The open ports at one moment.
 *
 * @param sockets how many listening and bound sockets the kernel listed
 * @param attributed whether owners were looked up for this snapshot (false: the kernel listed the
 *     very sockets of the last attributed snapshot, whose ports it repeats)
 * @param diagnostics what could not be seen in it
 */
record Snapshot(
    Instant time,
    Map<PortKey, PortState> ports,
    int sockets,
    boolean attributed,
    Diagnostics diagnostics) {}
