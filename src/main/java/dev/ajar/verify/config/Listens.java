package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sockets a reader found, in the order found, one per protocol, address and port: a second
 * line asking for the same socket is the same socket (the daemon would fail or reuse it), and
 * the first line that asked keeps the credit. A hostile file listing a million addresses times
 * a million ports stops at {@link #MAX_SOCKETS}, far above what any daemon opens.
 */
final class Listens {
  static final int MAX_SOCKETS = 4096;

  private record Key(Protocol protocol, int port, String address) {}

  private final Map<Key, ConfiguredListen> found = new LinkedHashMap<>();

  /** Adds a socket; false once the list is full (the caller stops looking). */
  boolean add(Protocol protocol, int port, String address, String file, int line) {
    if (isFull()) {
      return false;
    }
    found.putIfAbsent(
        new Key(protocol, port, address), new ConfiguredListen(protocol, port, address, file, line));
    return true;
  }

  /** TCP and UDP alike, as DNS servers listen. */
  boolean addBoth(int port, String address, String file, int line) {
    return add(Protocol.TCP, port, address, file, line) & add(Protocol.UDP, port, address, file, line);
  }

  boolean isFull() {
    return found.size() >= MAX_SOCKETS;
  }

  /** The sockets; a diagnostic about {@code subject} when some may have been left out. */
  List<ConfiguredListen> toList(Diagnostics diagnostics, String subject) {
    if (isFull()) {
      diagnostics.add(Diagnostics.Kind.SKIPPED, subject,
          MAX_SOCKETS + " sockets or more configured: any more are left out");
    }
    return List.copyOf(new ArrayList<>(found.values()));
  }
}
