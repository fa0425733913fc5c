package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sockets a reader found, in the order found, one per protocol, address and port: a second line
 * asking for the same socket is the same socket (the daemon would fail or reuse it), and the first
 * line that asked keeps the credit. A hostile file listing a million addresses times a million
 * ports stops at {@link #MAX_SOCKETS}, far above what any daemon opens.
 *
 * <p>The static helpers are what several readers share: distinct listens, ports, literals.
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
        new Key(protocol, port, address),
        new ConfiguredListen(protocol, port, address, file, line));
    return true;
  }

  /** TCP and UDP alike, as DNS servers listen. */
  boolean addBoth(int port, String address, String file, int line) {
    return add(Protocol.TCP, port, address, file, line)
        & add(Protocol.UDP, port, address, file, line);
  }

  boolean isFull() {
    return found.size() >= MAX_SOCKETS;
  }

  /** The sockets; a diagnostic about {@code subject} when some may have been left out. */
  List<ConfiguredListen> toList(Diagnostics diagnostics, String subject) {
    if (isFull()) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          subject,
          MAX_SOCKETS + " sockets or more configured: any more are left out");
    }
    return List.copyOf(new ArrayList<>(found.values()));
  }

  /** Each (protocol, port, address) once, the first one that set it kept. */
  static List<ConfiguredListen> distinct(List<ConfiguredListen> listens) {
    Map<String, ConfiguredListen> seen = new LinkedHashMap<>();
    for (ConfiguredListen l : listens) {
      seen.putIfAbsent(l.protocol() + " " + l.port() + " " + l.address(), l);
    }
    return List.copyOf(new ArrayList<>(seen.values()));
  }

  static ConfiguredListen of(Protocol protocol, int port, String address, String file, int line) {
    return new ConfiguredListen(protocol, port, address, file, line);
  }

  static void malformed(Diagnostics diagnostics, String file, int line, String message) {
    diagnostics.add(Diagnostics.Kind.MALFORMED, file + ":" + line, message);
  }

  /** A port number 0..65535, or empty. */
  static Optional<Integer> port(String text) {
    if (text == null || !text.strip().matches("\\d{1,5}")) {
      return Optional.empty();
    }
    int port = Integer.parseInt(text.strip());
    return port <= 65535 ? Optional.of(port) : Optional.empty();
  }

  /**
   * An IP address literal in its canonical form ("::1" for "0:0::1"), or empty for anything else
   * (host names are never resolved: the root's resolver is not ours).
   */
  static Optional<String> literal(String text) {
    return HostNames.literal(text.strip());
  }

  static boolean isIpv6(String literal) {
    return HostNames.isIpv6(literal);
  }
}
