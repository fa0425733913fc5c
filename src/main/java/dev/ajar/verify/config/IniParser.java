package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of an ini-style file (nfs.conf, smb.conf, avahi-daemon.conf, my.cnf), as a pure function on
 * text. What a key means, and how includes work, is left to the reader.
 *
 * <pre>
 * [mysqld]
 * bind-address = 127.0.0.1
 * !includedir /etc/mysql/conf.d/
 * </pre>
 */
final class IniParser {
  /** One meaningful line; {@code line} is 1-based (the first line of a continued one). */
  sealed interface IniLine permits Section, Assignment, Directive, Malformed {
    int line();
  }

  /** {@code [name]}, the name trimmed as written. */
  record Section(String name, int line) implements IniLine {}

  /** {@code key = value}, or a bare {@code key} (value null), both trimmed. */
  record Assignment(String key, String value, int line) implements IniLine {}

  /** A line starting with {@code !} (my.cnf's !include), without the mark. */
  record Directive(String text, int line) implements IniLine {}

  /** A line that is none of the above. */
  record Malformed(String text, int line) implements IniLine {}

  /**
   * @param continuation whether a trailing backslash joins the next line (smb.conf)
   * @param bareKeys whether a key without "=" is a valid assignment (my.cnf's skip-networking)
   */
  static List<IniLine> parse(String text, boolean continuation, boolean bareKeys) {
    List<IniLine> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = lines[i];
      while (continuation && line.endsWith("\\") && i + 1 < lines.length) {
        line = line.substring(0, line.length() - 1) + lines[++i];
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      if (trimmed.startsWith("[")) {
        int close = trimmed.indexOf(']');
        if (close < 0) {
          out.add(new Malformed(trimmed, number));
        } else {
          out.add(new Section(trimmed.substring(1, close).strip(), number));
        }
      } else if (trimmed.startsWith("!")) {
        out.add(new Directive(trimmed.substring(1), number));
      } else {
        int eq = trimmed.indexOf('=');
        if (eq > 0) {
          out.add(
              new Assignment(
                  trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip(), number));
        } else if (bareKeys && eq < 0) {
          out.add(new Assignment(trimmed, null, number));
        } else {
          out.add(new Malformed(trimmed, number));
        }
      }
    }
    return out;
  }

  /** The value without one pair of surrounding quotes. */
  static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }

  /** Boolean words as nfs.conf, smb.conf and avahi accept them; null when not one. */
  static Boolean bool(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "yes", "y", "true", "t", "on", "1" -> Boolean.TRUE;
      case "no", "n", "false", "f", "off", "0" -> Boolean.FALSE;
      default -> null;
    };
  }

  private IniParser() {}
}
