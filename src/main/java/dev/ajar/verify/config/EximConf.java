package dev.ajar.verify.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parsing of an Exim configuration's main section, as Exim's preprocessor reads it:
 * continuation lines (trailing backslash), comment lines, macro definitions ("NAME = value", "NAME
 * == value" to redefine), .ifdef/.ifndef/.elifdef/.elifndef/.else/.endif, macro substitution, up to
 * the first "begin". .include is not followed (reported).
 *
 * <pre>
 * .ifdef MAIN_LOCAL_INTERFACES
 * local_interfaces = MAIN_LOCAL_INTERFACES
 * .endif
 * daemon_smtp_ports = 25 : 587
 * </pre>
 */
final class EximConf {
  private EximConf() {}

  /** A physical line with where it comes from. */
  record SourceLine(String file, int number, String text) {}

  /** A main option's value and the line that gave it (a macro's definition when it is one). */
  record Option(String value, String file, int line) {}

  /** The main options set, by name, and the errors met ("FILE:LINE" → message). */
  record Main(Map<String, Option> options, List<Map.Entry<String, String>> errors) {}

  private static final Pattern DEFINITION =
      Pattern.compile("([A-Z][A-Za-z0-9_]*)\\s*(==?)\\s*(.*)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern OPTION =
      Pattern.compile("(?:hide\\s+)?([a-z][a-z0-9_]*)\\s*=\\s*(.*)");

  private record Macro(String value, SourceLine origin) {}

  static Main main(List<SourceLine> lines) {
    Map<String, Macro> macros = new HashMap<>();
    Map<String, Option> options = new HashMap<>();
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    // Each open conditional: whether its current branch is taken, whether one was taken.
    Deque<boolean[]> conditions = new ArrayDeque<>();
    for (int i = 0; i < lines.size(); i++) {
      SourceLine first = lines.get(i);
      StringBuilder joined = new StringBuilder(first.text().stripTrailing());
      while (joined.length() > 0
          && joined.charAt(joined.length() - 1) == '\\'
          && i + 1 < lines.size()) {
        joined.setLength(joined.length() - 1);
        String next = lines.get(++i).text().strip();
        if (!next.startsWith("#")) {
          joined.append(next);
        }
      }
      String line = joined.toString().strip();
      String where = first.file() + ":" + first.number();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean active = conditions.stream().allMatch(c -> c[0]);
      if (line.startsWith(".")) {
        String[] words = line.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
          case ".ifdef", ".ifndef" -> {
            boolean taken = macros.containsKey(arg) == words[0].equals(".ifdef");
            conditions.push(new boolean[] {taken, taken});
          }
          case ".elifdef", ".elifndef", ".else" -> {
            if (conditions.isEmpty()) {
              errors.add(Map.entry(where, words[0] + " without .ifdef"));
              continue;
            }
            boolean[] c = conditions.peek();
            boolean taken =
                !c[1]
                    && (words[0].equals(".else")
                        || macros.containsKey(arg) == words[0].equals(".elifdef"));
            c[0] = taken;
            c[1] |= taken;
          }
          case ".endif" -> {
            if (conditions.isEmpty()) {
              errors.add(Map.entry(where, ".endif without .ifdef"));
            } else {
              conditions.pop();
            }
          }
          case ".include", ".include_if_exists" -> {
            if (active) {
              errors.add(Map.entry(where, words[0] + " " + arg + " not followed"));
            }
          }
          default -> {
            if (active) {
              errors.add(Map.entry(where, "unknown directive " + words[0]));
            }
          }
        }
        continue;
      }
      if (!active) {
        continue;
      }
      if (line.equals("begin") || line.startsWith("begin ") || line.startsWith("begin\t")) {
        break;
      }
      Matcher definition = DEFINITION.matcher(line);
      if (definition.matches()) {
        String name = definition.group(1);
        if (macros.containsKey(name) && definition.group(2).equals("=")) {
          errors.add(Map.entry(where, "macro " + name + " defined twice (use == to redefine)"));
          continue;
        }
        macros.put(name, new Macro(substitute(definition.group(3), macros), first));
        continue;
      }
      Matcher option = OPTION.matcher(line);
      if (!option.matches()) {
        continue;
      }
      String raw = option.group(2).strip();
      Macro whole = macros.get(raw);
      SourceLine origin = whole != null ? whole.origin() : first;
      options.put(
          option.group(1).toLowerCase(Locale.ROOT),
          new Option(substitute(raw, macros), origin.file(), origin.number()));
    }
    if (!conditions.isEmpty()) {
      errors.add(Map.entry(lines.isEmpty() ? "" : lines.get(0).file(), ".ifdef without .endif"));
    }
    return new Main(options, errors);
  }

  /** Replaces defined macro names (whole names only), as many rounds as they nest. */
  private static String substitute(String value, Map<String, Macro> macros) {
    String current = value;
    for (int round = 0; round < 10; round++) {
      Matcher m = NAME.matcher(current);
      StringBuilder out = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        Macro macro = Character.isUpperCase(m.group().charAt(0)) ? macros.get(m.group()) : null;
        if (macro != null) {
          changed = true;
          m.appendReplacement(out, Matcher.quoteReplacement(macro.value()));
        } else {
          m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        }
      }
      m.appendTail(out);
      current = out.toString();
      if (!changed) {
        break;
      }
    }
    return current;
  }

  /**
   * The items of an Exim list: ":" separates unless the list starts with "&lt;X" for another
   * separator; a doubled separator stands for itself (IPv6 addresses in ":" lists).
   *
   * <pre>
   * &lt;; 127.0.0.1 ; ::1.587
   * 127.0.0.1 : ::::1
   * </pre>
   */
  static List<String> list(String value) {
    String s = value.strip();
    char separator = ':';
    if (s.length() >= 2
        && s.charAt(0) == '<'
        && !Character.isWhitespace(s.charAt(1))
        && !Character.isLetterOrDigit(s.charAt(1))) {
      separator = s.charAt(1);
      s = s.substring(2);
    }
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == separator) {
        if (i + 1 < s.length() && s.charAt(i + 1) == separator) {
          item.append(c);
          i++;
          continue;
        }
        add(items, item);
      } else {
        item.append(c);
      }
    }
    add(items, item);
    return items;
  }

  private static void add(List<String> items, StringBuilder item) {
    String s = item.toString().strip();
    if (!s.isEmpty()) {
      items.add(s);
    }
    item.setLength(0);
  }

  /** An interface of local_interfaces: address and port (null when every daemon port). */
  record Interface(String address, String port) {}

  /**
   * Splits "[addr]:port", "a.b.c.d.port" and "ipv6.port" forms.
   *
   * @throws IllegalArgumentException when it is not an IP address
   */
  static Interface parseInterface(String item) {
    if (item.startsWith("[")) {
      int close = item.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad interface " + item);
      }
      String rest = item.substring(close + 1);
      if (!rest.isEmpty() && (!rest.startsWith(":") || rest.length() == 1)) {
        throw new IllegalArgumentException("bad interface " + item);
      }
      return new Interface(
          literal(item.substring(1, close), item), rest.isEmpty() ? null : rest.substring(1));
    }
    if (HostNames.literal(item).isPresent()) {
      return new Interface(literal(item, item), null);
    }
    int dot = item.lastIndexOf('.');
    if (dot > 0) {
      return new Interface(literal(item.substring(0, dot), item), item.substring(dot + 1));
    }
    throw new IllegalArgumentException("not an IP address: " + item);
  }

  private static String literal(String address, String item) {
    return HostNames.literal(address)
        .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + item));
  }
}
