package dev.ajar.verify.config;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variable assignments of a /etc/default file, as the init script that sources it would see
 * them (later assignments win, {@code $VAR} and {@code ${VAR}} expanded from earlier ones).
 * Anything else in the file (conditionals, commands) is ignored: it is never run.
 *
 * <pre>
 * OPTIONS="-w"
 * OPTIONS="${OPTIONS} -h 127.0.0.1 -h ::1"
 * </pre>
 */
final class ShellAssignments {
  /** A value and the 1-based line that last set it. */
  record Value(String text, int line) {}

  private static final Pattern ASSIGNMENT =
      Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  static Map<String, Value> parse(String text) {
    Map<String, Value> values = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = ASSIGNMENT.matcher(lines[i].strip());
      if (m.matches()) {
        values.put(m.group(1), new Value(word(m.group(2), values), i + 1));
      }
    }
    return values;
  }

  /** One shell word: quotes removed, a trailing comment dropped, variables expanded. */
  private static String word(String raw, Map<String, Value> values) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\'') {
        int close = raw.indexOf('\'', i + 1);
        int end = close < 0 ? raw.length() : close;
        out.append(raw, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        int close = raw.indexOf('"', i + 1);
        int end = close < 0 ? raw.length() : close;
        out.append(expand(raw.substring(i + 1, end), values));
        i = end + 1;
      } else if (Character.isWhitespace(c)) {
        break; // "A=b c" runs c with A set; a comment follows whitespace too
      } else {
        int end = i;
        while (end < raw.length() && "'\" \t".indexOf(raw.charAt(end)) < 0) {
          end++;
        }
        out.append(expand(raw.substring(i, end), values));
        i = end;
      }
    }
    return out.toString();
  }

  private static String expand(String s, Map<String, Value> values) {
    Matcher m = REFERENCE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      Value v = values.get(name);
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v.text()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private ShellAssignments() {}
}
