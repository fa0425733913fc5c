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
final class ServicesFileParser {
  private ServicesFileParser() {}

  public static Map<String, String> parse(String text) {
    Map<String, String> names = new HashMap<>();
    String[] fields = new String[2];
    for (int from = 0, to; from < text.length(); from = to + 1) {
      to = lineEnd(text, from);
      if (!firstTwoFields(text, from, to, fields)) {
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
   * Parses /etc/protocols into protocol number → name ("1" → "icmp"), for RAW sockets whose "port"
   * is an IP protocol number.
   *
   * <pre>
   * icmp	1	ICMP		# internet control message protocol
   * </pre>
   */
  public static Map<Integer, String> parseProtocols(String text) {
    Map<Integer, String> names = new HashMap<>();
    String[] fields = new String[2];
    for (int from = 0, to; from < text.length(); from = to + 1) {
      to = lineEnd(text, from);
      if (firstTwoFields(text, from, to, fields) && isPort(fields[1])) {
        names.putIfAbsent(Integer.parseInt(fields[1]), fields[0]);
      }
    }
    return names;
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  /**
   * The first two fields of the line {@code text[from, to)} before any '#', as {@code
   * line.trim().split("\\s+")} would give them (without a regular expression per line): false when
   * it has fewer than two.
   */
  private static boolean firstTwoFields(String text, int from, int to, String[] fields) {
    int hash = text.indexOf('#', from, to);
    if (hash >= 0) {
      to = hash;
    }
    // trim(): every character up to U+0020 at either end.
    while (from < to && text.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && text.charAt(to - 1) <= ' ') {
      to--;
    }
    int end0 = from;
    while (end0 < to && !isSpace(text.charAt(end0))) {
      end0++;
    }
    if (end0 == to) {
      return false;
    }
    int start1 = end0;
    while (isSpace(text.charAt(start1))) {
      start1++; // stops before `to`: the line ends in a character above U+0020
    }
    int end1 = start1;
    while (end1 < to && !isSpace(text.charAt(end1))) {
      end1++;
    }
    fields[0] = text.substring(from, end0);
    fields[1] = text.substring(start1, end1);
    return true;
  }

  /** What the regular expression \\s matches. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
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
