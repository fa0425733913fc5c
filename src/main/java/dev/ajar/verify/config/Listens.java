package dev.ajar.verify.config;

import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets a reader found, in the order found, one per protocol, address and port: a second
 * line asking for the same socket is the same socket (the daemon would fail or reuse it), and
 * the first line that asked keeps the credit.
 */
final class Listens {
  private final List<ConfiguredListen> found = new ArrayList<>();

  void add(Protocol protocol, int port, String address, String file, int line) {
    for (ConfiguredListen l : found) {
      if (l.protocol() == protocol && l.port() == port && l.address().equals(address)) {
        return;
      }
    }
    found.add(new ConfiguredListen(protocol, port, address, file, line));
  }

  /** TCP and UDP alike, as DNS servers listen. */
  void addBoth(int port, String address, String file, int line) {
    add(Protocol.TCP, port, address, file, line);
    add(Protocol.UDP, port, address, file, line);
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<ConfiguredListen> toList() {
    return List.copyOf(found);
  }
}
