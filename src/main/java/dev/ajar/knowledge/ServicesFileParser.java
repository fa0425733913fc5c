package dev.ajar.knowledge;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses /etc/services into "port/proto" → first name listed.
 *
 * <pre>
 * ssh             22/tcp                          # SSH Remote Login Protocol
 * finger          79/tcp
 * </pre>
 *
 * Malformed lines are ignored, as glibc ignores them.
 */
public final class ServicesFileParser {
  private ServicesFileParser() {}

  public static Map<String, String> parse(String text) {
    Map<String, String> names = new HashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String content = hash >= 0 ? line.substring(0, hash) : line;
      String[] fields = content.trim().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      int slash = fields[1].indexOf('/');
      if (slash <= 0) {
        continue;
      }
      String port = fields[1].substring(0, slash);
      String proto = fields[1].substring(slash + 1);
      if (!isPort(port) || proto.isEmpty()) {
        continue;
      }
      names.putIfAbsent(Integer.parseInt(port) + "/" + proto, fields[0]);
    }
    return names;
  }

  /**
   * Parses /etc/protocols into protocol number → name ("1" → "icmp"), for RAW sockets whose
   * "port" is an IP protocol number.
   *
   * <pre>
   * icmp	1	ICMP		# internet control message protocol
   * </pre>
   */
  public static Map<Integer, String> parseProtocols(String text) {
    Map<Integer, String> names = new HashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      if (fields.length >= 2 && isPort(fields[1])) {
        names.putIfAbsent(Integer.parseInt(fields[1]), fields[0]);
      }
    }
    return names;
  }

  private static boolean isPort(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return Integer.parseInt(s) <= 65535;
  }
}
