package dev.ajar.supervisors.xinetd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one xinetd configuration file (xinetd.conf or a file of an includedir) into its items,
 * following xinetd 2.3.15's parser (parse.c, parsesup.c) rather than its manual where they part.
 *
 * <pre>
 * defaults
 * {
 *         disabled        = echo-stream
 * }
 * includedir /etc/xinetd.d
 * service daytime
 * {
 *         disable         = yes
 *         type            = INTERNAL
 *         id              = daytime-stream
 *         socket_type     = stream
 *         protocol        = tcp
 *         user            = root
 *         wait            = no
 * }
 * </pre>
 *
 * <p>The rules that surprise: a comment is a line whose first non-blank character is "#" (a "#"
 * after a value is one more value); values are separated by blanks and tabs only, so a CR of a CR
 * LF file sticks to the last value ("yes\r" is not "yes"); "{" and "}" must be alone on their lines
 * ("service x {" is an error that swallows everything up to the next "}"); an attribute needs a
 * blank before its operator ("disable=yes" drops the whole service); an attribute set twice keeps
 * its first value; a bad value of a known attribute makes xinetd disable the service. Unknown
 * attributes are ignored, as xinetd ignores them.
 */
final class XinetdConfParser {
  /** Something xinetd complains about, on a 1-based line. */
  public record Problem(int line, String message) {}

  /** A top-level item of the file, in file order. */
  public sealed interface Item permits Service, Defaults, Include, IncludeDir {}

  public record Service(XinetdService service) implements Item {}

  /**
   * The defaults block.
   *
   * @param enabled the "enabled" ids, or null when the attribute is absent (an empty "enabled ="
   *     enables nothing)
   * @param disabled the "disabled" ids
   * @param bind the default bind address, or null
   */
  public record Defaults(int line, Set<String> enabled, Set<String> disabled, String bind)
      implements Item {}

  public record Include(int line, String path) implements Item {}

  public record IncludeDir(int line, String path) implements Item {}

  public record Parsed(String file, List<Item> items, List<Problem> problems) {}

  /** Attribute → number of values: n exactly, -1 any number, -2 any number and += / -=. */
  private static final Map<String, Integer> SERVICE_ATTRIBUTES = new HashMap<>();

  private static final Map<String, Integer> DEFAULT_ATTRIBUTES = new HashMap<>();

  static {
    for (String one :
        List.of(
            "socket_type",
            "protocol",
            "wait",
            "user",
            "group",
            "server",
            "instances",
            "rpc_version",
            "rpc_number",
            "id",
            "port",
            "nice",
            "banner",
            "bind",
            "interface",
            "per_source",
            "groups",
            "banner_success",
            "banner_fail",
            "disable",
            "max_load",
            "rlimit_as",
            "rlimit_cpu",
            "rlimit_data",
            "rlimit_files",
            "rlimit_rss",
            "rlimit_stack",
            "v6only",
            "deny_time",
            "umask",
            "libwrap",
            "mdns")) {
      SERVICE_ATTRIBUTES.put(one, 1);
    }
    for (String any : List.of("server_args", "log_type", "access_times", "type", "flags")) {
      SERVICE_ATTRIBUTES.put(any, -1);
    }
    for (String mod :
        List.of("log_on_success", "log_on_failure", "only_from", "no_access", "env", "passenv")) {
      SERVICE_ATTRIBUTES.put(mod, -2);
    }
    SERVICE_ATTRIBUTES.put("redirect", 2);
    SERVICE_ATTRIBUTES.put("cps", 2);
    SERVICE_ATTRIBUTES.put("leaky_bucket", 4);

    for (String mod :
        List.of(
            "log_type",
            "log_on_success",
            "log_on_failure",
            "disabled",
            "no_access",
            "only_from",
            "passenv",
            "enabled")) {
      DEFAULT_ATTRIBUTES.put(mod, -2);
    }
    for (String one :
        List.of(
            "instances",
            "banner",
            "bind",
            "interface",
            "per_source",
            "groups",
            "banner_success",
            "banner_fail",
            "max_load",
            "v6only",
            "umask")) {
      DEFAULT_ATTRIBUTES.put(one, 1);
    }
    DEFAULT_ATTRIBUTES.put("cps", 2);
    DEFAULT_ATTRIBUTES.put("leaky_bucket", 4);
  }

  private static final Set<String> TYPES =
      Set.of("RPC", "INTERNAL", "UNLISTED", "SPECIAL", "TCPMUX", "TCPMUXPLUS");
  private static final Set<String> FLAGS =
      Set.of(
          "REUSE",
          "INTERCEPT",
          "NORETRY",
          "IDONLY",
          "NAMEINARGS",
          "NODELAY",
          "KEEPALIVE",
          "NOLIBWRAP",
          "SENSOR",
          "IPv4",
          "IPv6",
          "LABELED");
  private static final Set<String> SOCKET_TYPES = Set.of("stream", "dgram", "raw", "seqpacket");

  private XinetdConfParser() {}

  /**
   * @param file the path the text came from, recorded in every service
   */
  public static Parsed parse(String file, String text) {
    return new Reader(file, text).read();
  }

  private static final class Reader {
    private final String file;
    private final String[] lines;
    private int next;
    private final List<Item> items = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private boolean defaultsSeen;

    Reader(String file, String text) {
      this.file = file;
      this.lines = text.split("\n", -1);
    }

    Parsed read() {
      while (true) {
        int lineNo = nextLine();
        if (lineNo < 0) {
          break;
        }
        List<String> words = words(lines[lineNo - 1]);
        String keyword = words.get(0);
        switch (keyword) {
          case "include", "includedir" -> {
            if (words.size() < 2) {
              problem(lineNo, keyword + " without a path");
              skipEntry();
            } else if (keyword.equals("include")) {
              items.add(new Include(lineNo, words.get(1)));
            } else {
              items.add(new IncludeDir(lineNo, words.get(1)));
            }
          }
          case "service" -> {
            if (words.size() < 2) {
              problem(lineNo, "service name missing");
              skipEntry();
            } else if (openBrace(lineNo, "service " + words.get(1))) {
              service(lineNo, words.get(1));
            }
          }
          case "defaults" -> {
            if (openBrace(lineNo, "defaults")) {
              if (defaultsSeen) {
                problem(lineNo, "only 1 defaults entry is allowed: this one is ignored");
                skipEntry();
              } else {
                defaultsSeen = true;
                defaults(lineNo);
              }
            }
          }
          default -> {
            problem(
                lineNo,
                "missing service keyword: \""
                    + keyword
                    + "\" (xinetd skips to the"
                    + " next \"}\")");
            skipEntry();
          }
        }
      }
      return new Parsed(file, List.copyOf(items), List.copyOf(problems));
    }

    /** The next "{" line after a keyword line; else the entry is skipped, as xinetd does. */
    private boolean openBrace(int keywordLine, String what) {
      int lineNo = nextLine();
      if (lineNo >= 0 && onlyChar(lines[lineNo - 1], '{')) {
        return true;
      }
      problem(
          keywordLine,
          what + ": missing '{' on a line of its own (xinetd skips to the next" + " \"}\")");
      if (lineNo >= 0) {
        skipEntry();
      }
      return false;
    }

    private void service(int keywordLine, String name) {
      Map<String, List<String>> values = new HashMap<>();
      List<String> failures = new ArrayList<>();
      boolean complete = false;
      boolean disabled = false;
      Set<String> types = new LinkedHashSet<>();
      Set<String> flags = new LinkedHashSet<>();
      while (true) {
        int lineNo = nextLine();
        if (lineNo < 0) {
          break;
        }
        String line = lines[lineNo - 1];
        if (onlyChar(line, '}')) {
          complete = true;
          break;
        }
        Assignment a = assignment(line);
        if (a.error() != null) {
          problem(lineNo, "service " + name + ": " + a.error() + " (xinetd drops the service)");
          failures.add(a.error());
          continue;
        }
        Integer count = SERVICE_ATTRIBUTES.get(a.name());
        if (count == null) {
          continue; // xinetd warns "bad service attribute" and ignores it
        }
        if (count != -2) {
          if (values.containsKey(a.name())) {
            problem(
                lineNo,
                "service "
                    + name
                    + ": attribute already set: "
                    + a.name()
                    + " (the first value counts)");
            continue;
          }
          if (!a.op().equals("=")) {
            problem(
                lineNo,
                "service "
                    + name
                    + ": operator '"
                    + a.op()
                    + "' cannot be used for attribute '"
                    + a.name()
                    + "' (ignored)");
            continue;
          }
        }
        if (count > 0 && a.values().size() != count) {
          problem(
              lineNo,
              "service "
                  + name
                  + ": attribute "
                  + a.name()
                  + " expects "
                  + count
                  + " value"
                  + (count == 1 ? "" : "s")
                  + " and "
                  + a.values().size()
                  + " were specified (ignored)"
                  + crHint(a.values()));
          continue;
        }
        String bad = check(a, types, flags);
        if (bad != null) {
          problem(
              lineNo,
              "service "
                  + name
                  + ": "
                  + bad
                  + crHint(a.values())
                  + " (xinetd disables the service)");
          failures.add(bad);
        }
        if (count != -2) {
          values.put(a.name(), a.values());
        }
        if (a.name().equals("disable") && a.values().get(0).equals("yes")) {
          disabled = true;
        }
      }
      if (!complete) {
        problem(keywordLine, "service " + name + ": incomplete entry (no closing \"}\")");
        failures.add("incomplete entry");
      }
      String bind = first(values, "bind");
      if (bind == null) {
        bind = first(values, "interface");
      }
      String id = first(values, "id");
      Integer port = null;
      String portText = first(values, "port");
      if (portText != null && isDecimal(portText)) {
        port = Integer.parseInt(portText);
      }
      String v6only = first(values, "v6only");
      String wait = first(values, "wait");
      items.add(
          new Service(
              new XinetdService(
                  file,
                  keywordLine,
                  name,
                  id == null ? name : id,
                  disabled,
                  failures,
                  types,
                  flags,
                  valid(first(values, "socket_type"), SOCKET_TYPES),
                  first(values, "protocol"),
                  port,
                  first(values, "server"),
                  values.getOrDefault("server_args", List.of()),
                  bind,
                  v6only == null ? null : v6only.equals("yes"),
                  wait == null ? null : wait.equals("yes"),
                  first(values, "user"),
                  values.containsKey("redirect"))));
    }

    private void defaults(int keywordLine) {
      Set<String> enabled = null;
      Set<String> disabled = new LinkedHashSet<>();
      String bind = null;
      while (true) {
        int lineNo = nextLine();
        if (lineNo < 0) {
          problem(keywordLine, "defaults: incomplete entry (no closing \"}\")");
          break;
        }
        String line = lines[lineNo - 1];
        if (onlyChar(line, '}')) {
          break;
        }
        Assignment a = assignment(line);
        if (a.error() != null) {
          problem(lineNo, "defaults: " + a.error());
          continue;
        }
        Integer count = DEFAULT_ATTRIBUTES.get(a.name());
        if (count == null) {
          problem(
              lineNo,
              "attribute " + a.name() + " should not be in the defaults section" + " (ignored)");
          continue;
        }
        if (count > 0 && a.values().size() != count) {
          continue;
        }
        switch (a.name()) {
          // xinetd's parsers add the ids whatever the operator, even for "-=".
          case "enabled" -> {
            if (enabled == null) {
              enabled = new LinkedHashSet<>();
            }
            enabled.addAll(a.values());
          }
          case "disabled" -> disabled.addAll(a.values());
          case "bind", "interface" -> {
            if (bind == null) {
              bind = a.values().get(0);
            }
          }
          default -> {}
        }
      }
      items.add(new Defaults(keywordLine, enabled, disabled, bind));
    }

    /** Why a value is bad for xinetd, or null; type and flags values are collected. */
    private static String check(Assignment a, Set<String> types, Set<String> flags) {
      List<String> v = a.values();
      switch (a.name()) {
        case "disable", "wait", "v6only", "groups" -> {
          if (!v.get(0).equals("yes") && !v.get(0).equals("no")) {
            return "bad value for " + a.name() + ": \"" + v.get(0) + "\" (yes or no)";
          }
        }
        case "socket_type" -> {
          if (!SOCKET_TYPES.contains(v.get(0))) {
            return "bad socket type: \"" + v.get(0) + "\"";
          }
        }
        case "port" -> {
          if (!isDecimal(v.get(0)) || Integer.parseInt(v.get(0)) > 65535) {
            return "port number is invalid: \"" + v.get(0) + "\"";
          }
        }
        case "type" -> {
          return checkWords(a, TYPES, "type", types);
        }
        case "flags" -> {
          return checkWords(a, FLAGS, "flag", flags);
        }
        case "server_args" -> {
          return checkNotEmpty(a);
        }
        default -> {}
      }
      return null;
    }

    /**
     * Why the values of a list attribute (type, flags) are bad for xinetd, or null: at least one,
     * each a word it knows ({@code what} names one in the message). Good values are collected into
     * {@code into} as they are checked.
     */
    private static String checkWords(
        Assignment a, Set<String> known, String what, Set<String> into) {
      String empty = checkNotEmpty(a);
      if (empty != null) {
        return empty;
      }
      for (String word : a.values()) {
        if (!known.contains(word)) {
          return "bad service " + what + ": \"" + word + "\"";
        }
        into.add(word);
      }
      return null;
    }

    /** "NAME expects at least 1 value" when the attribute has none, else null. */
    private static String checkNotEmpty(Assignment a) {
      return a.values().isEmpty() ? a.name() + " expects at least 1 value" : null;
    }

    /** The 1-based number of the next line that is neither blank nor a comment, or -1. */
    private int nextLine() {
      while (next < lines.length) {
        String line = lines[next++];
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (c == '#') {
            break;
          }
          if (!isSpace(c)) {
            return next;
          }
        }
      }
      return -1;
    }

    /** xinetd's skip_entry: everything up to and including the next line holding only "}". */
    private void skipEntry() {
      while (true) {
        int lineNo = nextLine();
        if (lineNo < 0 || onlyChar(lines[lineNo - 1], '}')) {
          return;
        }
      }
    }

    private void problem(int line, String message) {
      problems.add(new Problem(line, message));
    }
  }

  private record Assignment(String name, String op, List<String> values, String error) {}

  /** "name OP value value ...", OP one of =, +=, -=, with the name followed by a blank. */
  private static Assignment assignment(String line) {
    int i = 0;
    int n = line.length();
    while (i < n && isSpace(line.charAt(i))) {
      i++;
    }
    int start = i;
    while (i < n && !isSpace(line.charAt(i)) && line.charAt(i) != '=') {
      i++;
    }
    String name = line.substring(start, i);
    if (i >= n) {
      return new Assignment(name, null, List.of(), "nothing after attribute: " + name);
    }
    if (line.charAt(i) == '=') {
      return new Assignment(
          name, null, List.of(), "attribute " + name + " needs a space before operator");
    }
    while (i < n && isSpace(line.charAt(i))) {
      i++;
    }
    String op;
    if (i < n && line.charAt(i) == '=') {
      op = "=";
      i++;
    } else if (i + 1 < n
        && (line.charAt(i) == '+' || line.charAt(i) == '-')
        && line.charAt(i + 1) == '=') {
      op = line.charAt(i) + "=";
      i += 2;
    } else {
      return new Assignment(name, null, List.of(), "bad operator for attribute: " + name);
    }
    return new Assignment(name, op, words(line.substring(i)), null);
  }

  /** Words separated by blanks and tabs (xinetd's str_parse with " \t"). */
  static List<String> words(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      int start = i;
      while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
        i++;
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }

  /** xinetd's line_has_only_1_char: the character once and nothing but white space. */
  private static boolean onlyChar(String line, char ch) {
    boolean seen = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ch && !seen) {
        seen = true;
      } else if (!isSpace(c)) {
        return false;
      }
    }
    return seen;
  }

  /** C isspace in the C locale. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
  }

  private static boolean isDecimal(String s) {
    if (s.isEmpty() || s.length() > 6) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String first(Map<String, List<String>> values, String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String valid(String value, Set<String> allowed) {
    return value != null && allowed.contains(value) ? value : null;
  }

  private static String crHint(List<String> values) {
    for (String v : values) {
      if (v.indexOf('\r') >= 0) {
        return " (the value ends with a carriage return: a CR LF file?)";
      }
    }
    return "";
  }
}
