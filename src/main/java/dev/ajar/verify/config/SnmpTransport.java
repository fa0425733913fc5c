package dev.ajar.verify.config;

import dev.ajar.model.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure parsing of Net-SNMP transport specifiers, as snmpd(8) "LISTENING ADDRESSES" and
 * snmpd.conf(5) agentaddress take them.
 *
 * <pre>
 * agentaddress  127.0.0.1,[::1]
 * agentaddress  udp:161,tcp:192.0.2.1:1161,udp6:[::1]:161,unix:/run/snmpd.sock
 * </pre>
 */
final class SnmpTransport {
  static final int SNMP_PORT = 161;
  static final int SNMP_TLS_PORT = 10161;

  private SnmpTransport() {}

  /**
   * One listening address.
   *
   * @param host the host as written (brackets removed), or null for every address
   * @param ipv6 whether the transport is an IPv6 one
   */
  record Spec(Protocol protocol, boolean ipv6, String host, int port) {}

  /** The transport domains that are ports: name → protocol, IPv6, default port. */
  private record Domain(Protocol protocol, boolean ipv6, int defaultPort) {}

  private static final Map<String, Domain> DOMAINS =
      Map.ofEntries(
          Map.entry("udp", new Domain(Protocol.UDP, false, SNMP_PORT)),
          Map.entry("tcp", new Domain(Protocol.TCP, false, SNMP_PORT)),
          Map.entry("udp6", new Domain(Protocol.UDP, true, SNMP_PORT)),
          Map.entry("udpv6", new Domain(Protocol.UDP, true, SNMP_PORT)),
          Map.entry("udpipv6", new Domain(Protocol.UDP, true, SNMP_PORT)),
          Map.entry("tcp6", new Domain(Protocol.TCP, true, SNMP_PORT)),
          Map.entry("tcpv6", new Domain(Protocol.TCP, true, SNMP_PORT)),
          Map.entry("tcpipv6", new Domain(Protocol.TCP, true, SNMP_PORT)),
          Map.entry("dtlsudp", new Domain(Protocol.UDP, false, SNMP_TLS_PORT)),
          Map.entry("dtls", new Domain(Protocol.UDP, false, SNMP_TLS_PORT)),
          Map.entry("tlstcp", new Domain(Protocol.TCP, false, SNMP_TLS_PORT)),
          Map.entry("tls", new Domain(Protocol.TCP, false, SNMP_TLS_PORT)));

  /** Domains that open no IP port of their own. */
  private static final List<String> NOT_PORTS =
      List.of("unix", "ipx", "aal5pvc", "pvc", "callback", "alias", "ssh");

  /**
   * Parses one specifier. Without a domain, udp is assumed, and udp6 for a bracketed address (snmpd
   * tries udp then udp6).
   *
   * @return null for a specifier that opens no IP port (unix sockets and the like)
   * @throws IllegalArgumentException when snmpd could not parse it
   */
  static Spec parse(String specifier) {
    String s = specifier.strip();
    Domain domain = null;
    int colon = s.indexOf(':');
    if (colon > 0 && !s.startsWith("[")) {
      String prefix = s.substring(0, colon).toLowerCase(Locale.ROOT);
      if (NOT_PORTS.contains(prefix)) {
        return null;
      }
      domain = DOMAINS.get(prefix);
      if (domain != null) {
        s = s.substring(colon + 1);
      }
    }
    if (domain == null) {
      if (!s.isEmpty()
          && Character.isLetter(s.charAt(0))
          && colon > 0
          && !s.substring(colon + 1).matches("\\d+")) {
        throw new IllegalArgumentException("unknown transport " + s.substring(0, colon));
      }
      boolean bracketed =
          s.startsWith("[") || HostNames.literal(s).map(HostNames::isIpv6).orElse(false);
      domain = DOMAINS.get(bracketed ? "udp6" : "udp");
    }
    return domain.ipv6() ? ipv6(domain, s, specifier) : ipv4(domain, s, specifier);
  }

  private static Spec ipv4(Domain domain, String address, String specifier) {
    if (address.isEmpty()) {
      return new Spec(domain.protocol(), false, null, domain.defaultPort());
    }
    if (address.matches("\\d+")) {
      return new Spec(domain.protocol(), false, null, port(address, specifier));
    }
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return new Spec(domain.protocol(), false, address, domain.defaultPort());
    }
    String host = address.substring(0, colon);
    if (host.isEmpty() || host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("bad address " + specifier);
    }
    return new Spec(domain.protocol(), false, host, port(address.substring(colon + 1), specifier));
  }

  private static Spec ipv6(Domain domain, String address, String specifier) {
    if (address.isEmpty()) {
      return new Spec(domain.protocol(), true, null, domain.defaultPort());
    }
    if (address.matches("\\d+")) {
      return new Spec(domain.protocol(), true, null, port(address, specifier));
    }
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad address " + specifier);
      }
      String rest = address.substring(close + 1);
      int port = domain.defaultPort();
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("bad address " + specifier);
        }
        port = port(rest.substring(1), specifier);
      }
      return new Spec(domain.protocol(), true, address.substring(1, close), port);
    }
    // A bare address is tried whole first, then as host:port.
    if (HostNames.literal(address).isPresent() || address.indexOf(':') < 0) {
      return new Spec(domain.protocol(), true, address, domain.defaultPort());
    }
    int colon = address.lastIndexOf(':');
    return new Spec(
        domain.protocol(),
        true,
        address.substring(0, colon),
        port(address.substring(colon + 1), specifier));
  }

  private static int port(String text, String specifier) {
    if (text.matches("\\d{1,5}")) {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    }
    throw new IllegalArgumentException("bad port in " + specifier);
  }
}
