package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * postgresql.conf lines, a pure function on text: {@code name [=] value}, the value a word, a
 * number or a '...' string ('' inside is a quote), "#" to the end of the line a comment. Names are
 * case-insensitive. include, include_if_exists and include_dir come back as settings like the
 * others: the reader resolves them.
 *
 * <pre>
 * listen_addresses = 'localhost'		# what IP address(es) to listen on;
 * port = 5432				# (change requires restart)
 * </pre>
 */
final class PostgresqlConfParser {
  /** One setting, or a malformed line (name null, value the text). */
  record Setting(String name, String value, int line) {}

  private static final Pattern LINE =
      Pattern.compile(
          "^([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(?:=\\s*|\\s+)('(?:[^'\\\\]|''|\\\\.)*'|[^\\s#']+)\\s*(#.*)?$");

  static List<Setting> parse(String text) {
    List<Setting> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(s);
      if (!m.matches()) {
        out.add(new Setting(null, s, i + 1));
        continue;
      }
      String value = m.group(2);
      if (value.startsWith("'")) {
        value =
            value.substring(1, value.length() - 1).replace("''", "'").replaceAll("\\\\(.)", "$1");
      }
      out.add(new Setting(m.group(1).toLowerCase(Locale.ROOT), value, i + 1));
    }
    return out;
  }

  private PostgresqlConfParser() {}
}
