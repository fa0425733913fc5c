package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parsing of Postfix's main.cf and master.cf, as Postfix's readlline() joins their lines: a
 * line starting with whitespace continues the one before; lines whose first non-blank character is
 * "#", and blank lines, are ignored, even between continued lines.
 */
final class PostfixConf {
  private PostfixConf() {}

  /** A logical line and the number of its first physical line. */
  record Line(int number, String text) {}

  /** A master.cf service entry of type inet. */
  record InetService(int line, String host, String port) {}

  static List<Line> logicalLines(String text) {
    List<Line> lines = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    String[] physical = text.split("\n", -1);
    for (int i = 0; i < physical.length; i++) {
      String line = physical[i];
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && current != null) {
        current.append(' ').append(stripped);
        continue;
      }
      if (current != null) {
        lines.add(new Line(start, current.toString()));
      }
      current = new StringBuilder(stripped);
      start = i + 1;
    }
    if (current != null) {
      lines.add(new Line(start, current.toString()));
    }
    return lines;
  }

  /**
   * main.cf parameters; a later definition replaces an earlier one.
   *
   * <pre>
   * inet_interfaces = loopback-only
   * </pre>
   */
  static Map<String, Line> parameters(String text, List<Line> malformed) {
    Map<String, Line> parameters = new HashMap<>();
    for (Line line : logicalLines(text)) {
      int equals = line.text().indexOf('=');
      String name = equals < 0 ? "" : line.text().substring(0, equals).strip();
      if (name.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
        malformed.add(line);
        continue;
      }
      parameters.put(name, new Line(line.number(), line.text().substring(equals + 1).strip()));
    }
    return parameters;
  }

  /**
   * The inet services of master.cf: "[host:]port" split; other types are left out.
   *
   * <pre>
   * smtp      inet  n       -       y       -       -       smtpd
   * 127.0.0.1:submission inet n -   y       -       -       smtpd
   * [::1]:10025 inet n - y - - smtpd
   * </pre>
   */
  static List<InetService> inetServices(String text, List<Line> malformed) {
    List<InetService> services = new ArrayList<>();
    for (Line line : logicalLines(text)) {
      String[] fields = line.text().split("\\s+");
      if (fields.length < 8) {
        malformed.add(line);
        continue;
      }
      if (!fields[1].equals("inet")) {
        continue;
      }
      String service = fields[0];
      String host = null;
      String port = service;
      int colon = service.lastIndexOf(':');
      if (service.startsWith("[")) {
        int close = service.indexOf(']');
        if (close < 0 || colon < close) {
          malformed.add(line);
          continue;
        }
        host = service.substring(1, close);
        port = service.substring(close + 2);
      } else if (colon >= 0) {
        host = service.substring(0, colon);
        port = service.substring(colon + 1);
      }
      if (port.isEmpty() || (host != null && host.isEmpty())) {
        malformed.add(line);
        continue;
      }
      services.add(new InetService(line.number(), host, port));
    }
    return services;
  }

  private static final Pattern REFERENCE =
      Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)\\}|\\(([A-Za-z0-9_]+)\\)|([A-Za-z0-9_]+))");

  /**
   * Expands $name, ${name} and $(name) from the given parameters.
   *
   * @throws IllegalArgumentException naming a parameter main.cf does not define (Postfix's built-in
   *     defaults such as myhostname depend on the running host)
   */
  static String expand(String value, Map<String, Line> parameters, int depth) {
    if (depth > 10) {
      throw new IllegalArgumentException("parameters refer to each other in a loop");
    }
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      Line defined = parameters.get(name);
      if (defined == null) {
        throw new IllegalArgumentException("$" + name + " is not set in main.cf");
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement(expand(defined.text(), parameters, depth + 1)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
