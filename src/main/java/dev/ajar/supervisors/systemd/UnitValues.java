package dev.ajar.supervisors.systemd;

import dev.ajar.model.Protocol;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Pure readers of single unit-file values: ExecStart= commands, Listen*= addresses, booleans. */
final class UnitValues {
  private UnitValues() {}

  /**
   * The program of an ExecStart= command line: its first word, without the prefixes systemd allows
   * in front ("-", "@", ":", "+", "!", "!!") and without quotes. Null for an empty line.
   *
   * <pre>
   * ExecStart=-/usr/sbin/sshd -i                  → /usr/sbin/sshd
   * ExecStart=@/usr/sbin/foo foo-daemon --opt     → /usr/sbin/foo
   * ExecStart=!!"/opt/my app/bin/run" --x         → /opt/my app/bin/run
   * </pre>
   */
  public static String execProgram(String commandLine) {
    String s = commandLine.strip();
    int i = 0;
    while (i < s.length() && "-@:+!".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i >= s.length()) {
      return null;
    }
    char c = s.charAt(i);
    if (c == '"' || c == '\'') {
      int end = s.indexOf(c, i + 1);
      String word = end < 0 ? s.substring(i + 1) : s.substring(i + 1, end);
      return word.isEmpty() ? null : word;
    }
    int end = i;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
      end++;
    }
    return s.substring(i, end);
  }

  /** systemd's boolean: 1, yes, y, true, t, on are true (any case); anything else false. */
  public static boolean isTrue(String value) {
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "yes", "y", "true", "t", "on" -> true;
      default -> false;
    };
  }

  /**
   * One Listen*= value of a socket unit.
   *
   * @param inet whether it is an IP socket at all (a path, an abstract name, vsock: are not)
   * @param port the port, when inet
   * @param address the address as written without brackets ("0.0.0.0", "::"), null when only a port
   *     is given (every address)
   * @param literal the address parsed, or null
   * @param error why the value is not valid, or null
   */
  public record Listen(boolean inet, int port, String address, InetAddress literal, String error) {
    static Listen notInet() {
      return new Listen(false, 0, null, null, null);
    }

    static Listen invalid(String error) {
      return new Listen(false, 0, null, null, error);
    }
  }

  /**
   * Parses a ListenStream= or ListenDatagram= value as systemd.socket(5) describes it.
   *
   * <pre>
   * 22                 → port 22 on every address (IPv6 socket, IPv4 too unless ipv6-only)
   * 0.0.0.0:111        → IPv4 address and port
   * [::]:111           → IPv6 address and port
   * [fe80::1%eth0]:80  → IPv6 with a scope
   * /run/rpcbind.sock  → a unix socket (not inet)
   * @abstract          → an abstract unix socket (not inet)
   * vsock:2:1234       → AF_VSOCK (not inet)
   * </pre>
   */
  public static Listen parseListen(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return Listen.invalid("empty address");
    }
    if (v.startsWith("/") || v.startsWith("@") || v.startsWith("vsock:")) {
      return Listen.notInet();
    }
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0 || close + 1 >= v.length() || v.charAt(close + 1) != ':') {
        return Listen.invalid("\"" + v + "\" is not [ADDRESS]:PORT");
      }
      String host = v.substring(1, close);
      int port = port(v.substring(close + 2));
      if (port <= 0) {
        return Listen.invalid("bad port in \"" + v + "\"");
      }
      int percent = host.indexOf('%');
      String bare = percent >= 0 ? host.substring(0, percent) : host;
      InetAddress literal = literal(bare);
      if (!(literal instanceof Inet6Address)) {
        return Listen.invalid("\"" + host + "\" is not an IPv6 address");
      }
      return new Listen(true, port, bare, literal, null);
    }
    if (v.indexOf('%') >= 0) {
      return Listen.notInet(); // a specifier (%i) only an instance resolves
    }
    int colon = v.indexOf(':');
    if (colon < 0) {
      int port = port(v);
      return port > 0
          ? new Listen(true, port, null, null, null)
          : Listen.invalid("\"" + v + "\" is not a port (1-65535), ADDRESS:PORT or a path");
    }
    if (v.indexOf(':', colon + 1) >= 0) {
      return Listen.invalid("\"" + v + "\": an IPv6 address must be written [ADDRESS]:PORT");
    }
    String host = v.substring(0, colon);
    int port = port(v.substring(colon + 1));
    InetAddress literal = literal(host);
    if (!(literal instanceof Inet4Address) || !host.matches("[0-9]+(\\.[0-9]+){3}")) {
      return Listen.invalid("\"" + host + "\" is not an IPv4 address");
    }
    if (port <= 0) {
      return Listen.invalid("bad port in \"" + v + "\"");
    }
    return new Listen(true, port, host, literal, null);
  }

  /** The transport of a Listen*= setting, or null when it cannot be an IP port. */
  public static Protocol transport(String key, String socketProtocol) {
    String proto = socketProtocol == null ? "" : socketProtocol.strip();
    return switch (key) {
      case "ListenStream" ->
          proto.isEmpty() || proto.equals("tcp") || proto.equals("mptcp") ? Protocol.TCP : null;
      case "ListenDatagram" ->
          proto.equals("udplite")
              ? Protocol.UDPLITE
              : proto.isEmpty() || proto.equals("udp") ? Protocol.UDP : null;
      default -> null;
    };
  }

  private static int port(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    int p = Integer.parseInt(s);
    return p >= 1 && p <= 65535 ? p : -1;
  }

  private static InetAddress literal(String s) {
    try {
      return InetAddress.ofLiteral(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
