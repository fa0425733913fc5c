package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;

/** Pure parsing of sshd_config lines, as OpenSSH 9.2's servconf.c and misc.c split them. */
final class SshdConfigLine {
  private SshdConfigLine() {}

  /** A ListenAddress value: the host as written (brackets removed) and its port, if any. */
  record ListenAddress(String host, String port) {}

  /**
   * The keyword and its arguments. The keyword may be followed by "=" instead of blanks; double
   * quotes group words; a word starting with "#" starts a comment.
   *
   * <pre>
   * ListenAddress [::1]:2222 rdomain vrf0   # trailing comment
   * Port=2222
   * </pre>
   *
   * @throws IllegalArgumentException for an unterminated quote
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      return words;
    }
    int end = 0;
    while (end < s.length() && !isBlank(s.charAt(end)) && s.charAt(end) != '=') {
      end++;
    }
    words.add(s.substring(0, end));
    int i = end;
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '=') {
      i++;
    }
    while (i < s.length()) {
      char c = s.charAt(i);
      if (isBlank(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        break;
      }
      StringBuilder word = new StringBuilder();
      while (i < s.length() && !isBlank(s.charAt(i))) {
        char w = s.charAt(i);
        if (w == '"') {
          int close = s.indexOf('"', i + 1);
          if (close < 0) {
            throw new IllegalArgumentException("unterminated quote");
          }
          word.append(s, i + 1, close);
          i = close + 1;
        } else if (w == '\\' && i + 1 < s.length()) {
          word.append(s.charAt(i + 1));
          i += 2;
        } else {
          word.append(w);
          i++;
        }
      }
      words.add(word.toString());
    }
    return words;
  }

  /**
   * The arguments of ListenAddress, as servconf.c reads them: a bare IPv6 address (two colons or
   * more, no brackets) has no port; otherwise "host", "host:port" or "[host]:port"; then an
   * optional "rdomain NAME", which does not change the address.
   *
   * <pre>
   * ListenAddress 192.0.2.1:2222
   * ListenAddress [2001:db8::1]:2222 rdomain vrf0
   * ListenAddress 2001:db8::1
   * </pre>
   *
   * @throws IllegalArgumentException when sshd would refuse the line
   */
  static ListenAddress listenAddress(List<String> args) {
    String value = args.get(0);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("ListenAddress without an address");
    }
    if (args.size() > 1 && (args.size() != 3 || !args.get(1).equals("rdomain"))) {
      throw new IllegalArgumentException("bad ListenAddress syntax: " + String.join(" ", args));
    }
    int colon = value.indexOf(':');
    if (value.indexOf('[') < 0 && colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
      return new ListenAddress(value, null);
    }
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad address:port usage: " + value);
      }
      String host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (rest.isEmpty()) {
        return new ListenAddress(host, null);
      }
      if (!rest.startsWith(":") || rest.length() == 1) {
        throw new IllegalArgumentException("bad address:port usage: " + value);
      }
      return new ListenAddress(host, rest.substring(1));
    }
    if (colon < 0) {
      return new ListenAddress(value, null);
    }
    if (colon == 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("bad address:port usage: " + value);
    }
    return new ListenAddress(value.substring(0, colon), value.substring(colon + 1));
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
  }
}
