package dev.ajar.supervisors.inetd;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The reverse of /etc/services: a service name (official name or alias) and a protocol give the
 * port, as getservbyname(3) answers inetd and xinetd. The first line naming a service wins, as in
 * glibc's files backend.
 *
 * <pre>
 * discard         9/tcp           sink null
 * sunrpc          111/udp         portmapper      # RPC 4.0 portmapper
 * </pre>
 *
 * Malformed lines are ignored, as glibc ignores them.
 */
public final class ServicePorts {
  private static final ServicePorts EMPTY = new ServicePorts(Map.of(), false);

  private final Map<String, Integer> ports;
  private final boolean known;

  private ServicePorts(Map<String, Integer> ports, boolean known) {
    this.ports = ports;
    this.known = known;
  }

  /** No /etc/services at all: only numeric service names have a port. */
  public static ServicePorts unknown() {
    return EMPTY;
  }

  public static ServicePorts parse(String text) {
    Map<String, Integer> ports = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String content = hash >= 0 ? line.substring(0, hash) : line;
      String[] fields = content.strip().split("[ \t\r\f\u000b]+");
      if (fields.length < 2) {
        continue;
      }
      int slash = fields[1].indexOf('/');
      if (slash <= 0 || slash == fields[1].length() - 1) {
        continue;
      }
      int port = portNumber(fields[1].substring(0, slash));
      if (port < 0) {
        continue;
      }
      String proto = fields[1].substring(slash + 1);
      ports.putIfAbsent(fields[0] + "/" + proto, port);
      for (int i = 2; i < fields.length; i++) {
        ports.putIfAbsent(fields[i] + "/" + proto, port);
      }
    }
    return new ServicePorts(Map.copyOf(ports), true);
  }

  /** Whether the root had an /etc/services to read; if not, a missing name proves nothing. */
  public boolean isKnown() {
    return known;
  }

  /**
   * The port of a service name for "tcp" or "udp"; a decimal number is its own port (inetd accepts
   * "2323" as a service). Empty when the name is unknown.
   */
  public OptionalInt port(String name, String proto) {
    int numeric = portNumber(name);
    if (numeric >= 0) {
      return numeric == 0 ? OptionalInt.empty() : OptionalInt.of(numeric);
    }
    Integer port = ports.get(name + "/" + proto);
    return port == null ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** A decimal port 0..65535, or -1. */
  static int portNumber(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    int port = Integer.parseInt(s);
    return port <= 65535 ? port : -1;
  }
}
