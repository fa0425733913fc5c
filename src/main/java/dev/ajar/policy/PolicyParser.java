package dev.ajar.policy;

import dev.ajar.host.Errors;
import dev.ajar.host.FileTooLargeException;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import dev.ajar.yaml.YamlCursor;
import dev.ajar.yaml.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonToken;

/**
 * Reads a policy file (docs/POLICY.md) and the files it includes, token by token, so that every
 * error names its file, line and column. It returns a complete {@link Policy} or throws a {@link
 * PolicyException}: nothing is ever half-read.
 */
public final class PolicyParser {
  /** Larger policy files (and included files) are refused. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The policy format this parser reads. */
  public static final int VERSION = 1;

  static final int MAX_INCLUDE_DEPTH = 8;
  static final int MAX_INCLUDES = 64;

  private static final List<String> TOP_KEYS = List.of("version", "default", "include", "rules");
  private static final List<String> RULE_KEYS = List.of("allow", "deny", "why");
  private static final List<String> MATCH_KEYS =
      List.of(
          "protocol",
          "port",
          "ports",
          "service",
          "program",
          "unit",
          "entry",
          "supervisor",
          "package",
          "netns",
          "container",
          "scope",
          "address");

  private static final Pattern PORT = Pattern.compile("-?[0-9]+");
  private static final Pattern RANGE = Pattern.compile("([0-9]+)-([0-9]+)");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final IncludeResolver includes;
  private final Path topDirectory;
  private final List<String> chainNames = new ArrayList<>();
  private final List<String> chainIdentities = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private int includeCount;

  private PolicyParser(String topName, IncludeResolver includes) {
    this.includes = includes;
    this.topDirectory = directoryOf(topName);
  }

  /** Reads a policy file and every file it includes. */
  public static Policy parse(Path file) throws PolicyException {
    String name = file.toString();
    Path real;
    Path directory;
    String text;
    try {
      real = file.toRealPath();
      text = readFile(name, real);
      // Includes are taken next to the file as named (a link to a policy keeps its includes
      // beside the link), and may not lead out of that directory, links followed.
      Path parent = file.toAbsolutePath().getParent();
      directory = parent == null ? real.getParent() : parent.toRealPath();
    } catch (FileTooLargeException e) {
      throw new PolicyException(name, 0, 0, tooLarge(), null);
    } catch (IOException e) {
      throw new PolicyException(name, 0, 0, Errors.describe(e), null);
    }
    return parse(name, real.toString(), text, new FileIncludes(directory));
  }

  /**
   * Parses policy text.
   *
   * @param fileName the name errors and rules carry; includes are resolved against its directory
   */
  public static Policy parse(String fileName, String yamlText, IncludeResolver includes)
      throws PolicyException {
    return parse(fileName, fileName, yamlText, includes);
  }

  static Policy parse(String fileName, String identity, String yamlText, IncludeResolver includes) {
    if (utf8Length(yamlText) > MAX_FILE_BYTES) {
      throw new PolicyException(fileName, 0, 0, tooLarge(), null);
    }
    PolicyParser parser = new PolicyParser(fileName, includes);
    Action defaultAction;
    try {
      defaultAction = parser.file(fileName, identity, yamlText, true);
    } catch (PolicyException e) {
      throw e;
    } catch (YamlException e) {
      throw new PolicyException(e);
    }
    return new Policy(fileName, defaultAction == null ? Action.DENY : defaultAction, parser.rules);
  }

  // ---------------------------------------------------------------- documents

  /** Parses one file, appending its rules (and its includes' rules); returns its default. */
  private Action file(String name, String identity, String text, boolean top) {
    chainNames.add(name);
    chainIdentities.add(identity);
    try (YamlCursor in = new YamlCursor(name, text, "a policy")) {
      Action defaultAction = document(in, top);
      if (in.next() != null) {
        throw in.error("a policy file holds one YAML document; a second one starts here", null);
      }
      return defaultAction;
    } finally {
      chainNames.removeLast();
      chainIdentities.removeLast();
    }
  }

  private Action document(YamlCursor in, boolean top) {
    JsonToken t = in.next();
    if (t == null) {
      throw in.errorAt(1, 1, "empty policy: it needs at least \"version: " + VERSION + "\"", null);
    }
    if (t != JsonToken.START_OBJECT) {
      throw in.error("a policy is a mapping of version, default, include and rules", in.shown());
    }
    int startLine = in.line();
    int startColumn = in.column();
    Keys keys = new Keys(in);
    boolean versioned = false;
    Action defaultAction = null;
    while (in.next() != JsonToken.END_OBJECT) {
      String key = keys.take(Function.identity());
      int keyLine = in.line();
      int keyColumn = in.column();
      switch (key) {
        case "version" -> {
          version(in);
          versioned = true;
        }
        case "default" -> {
          in.next();
          if (!top) {
            throw in.errorAt(
                keyLine,
                keyColumn,
                "default is set only in the top policy file, not in an included one",
                key);
          }
          defaultAction = action(in, "default");
        }
        case "include" -> includeList(in);
        case "rules" -> rules(in);
        default -> throw unknownTopKey(in, key);
      }
    }
    if (!versioned) {
      throw in.errorAt(
          startLine,
          startColumn,
          "missing \"version: " + VERSION + "\" (the policy format this file is written in)",
          null);
    }
    return defaultAction;
  }

  private static void version(YamlCursor in) {
    in.next();
    if (!in.isScalar() || !PORT.matcher(in.text()).matches()) {
      throw in.error("version must be a number; this ajar reads version " + VERSION, in.shown());
    }
    if (!in.text().equals(Integer.toString(VERSION))) {
      throw in.error("unsupported policy version; this ajar reads version " + VERSION, in.text());
    }
  }

  private static Action action(YamlCursor in, String what) {
    if (in.isScalar()) {
      String word = in.text().toLowerCase(Locale.ROOT);
      for (Action a : Action.values()) {
        if (a.label().equals(word)) {
          return a;
        }
      }
    }
    throw in.error(
        what + " must be allow or deny" + suggestion(in, List.of("allow", "deny")), in.shown());
  }

  private static YamlException unknownTopKey(YamlCursor in, String key) {
    if (key.equals("allow") || key.equals("deny") || MATCH_KEYS.contains(key)) {
      return in.error("rules go in a list under rules:, e.g. rules: [{allow: {port: 22}}]", key);
    }
    return unknownKey(in, "in a policy", key, TOP_KEYS);
  }

  private static YamlException unknownKey(
      YamlCursor in, String where, String key, List<String> known) {
    return in.error(
        "unknown key " + where + hint(key, known, "; known keys: " + String.join(", ", known)),
        key);
  }

  // ---------------------------------------------------------------- includes

  private void includeList(YamlCursor in) {
    JsonToken t = in.next();
    if (t == JsonToken.START_ARRAY) {
      int listLine = in.line();
      int listColumn = in.column();
      boolean any = false;
      while (in.next() != JsonToken.END_ARRAY) {
        include(in);
        any = true;
      }
      if (!any) {
        throw in.errorAt(listLine, listColumn, "include: lists no file", "[]");
      }
    } else {
      include(in);
    }
  }

  private void include(YamlCursor in) {
    if (in.token() != JsonToken.VALUE_STRING || in.text().isEmpty()) {
      throw in.error("include takes a file name or a list of file names", in.shown());
    }
    String written = in.text();
    String name = resolveInclude(in, written);
    includeCount++;
    if (includeCount > MAX_INCLUDES) {
      throw in.error("more than " + MAX_INCLUDES + " files included", written);
    }
    IncludeResolver.Source source;
    try {
      source = includes.read(name);
    } catch (FileTooLargeException e) {
      throw in.error("cannot include " + name + ": " + tooLarge(), written);
    } catch (IOException e) {
      throw in.error("cannot include " + name + ": " + Errors.describe(e), written);
    }
    int seen = chainIdentities.indexOf(source.identity());
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(chainNames.subList(seen, chainNames.size()));
      cycle.add(name);
      throw in.error("include cycle: " + String.join(" -> ", cycle), written);
    }
    if (chainNames.size() > MAX_INCLUDE_DEPTH) {
      throw in.error("includes nested more than " + MAX_INCLUDE_DEPTH + " deep", written);
    }
    if (utf8Length(source.text()) > MAX_FILE_BYTES) {
      throw in.error("cannot include " + name + ": " + tooLarge(), written);
    }
    file(name, source.identity(), source.text(), false);
  }

  /** The include taken relative to the including file, refused when it leads out. */
  private String resolveInclude(YamlCursor in, String written) {
    Path relative;
    try {
      relative = Path.of(written);
    } catch (InvalidPathException e) {
      throw in.error("include is not a valid file name", written);
    }
    if (relative.isAbsolute() || written.startsWith("~")) {
      throw in.error("include takes a path relative to the including file", written);
    }
    Path from = Path.of(in.file()).getParent();
    Path resolved = (from == null ? relative : from.resolve(relative)).normalize();
    boolean inside =
        topDirectory == null
            ? !resolved.isAbsolute() && !resolved.startsWith("..")
            : resolved.startsWith(topDirectory);
    if (!inside || resolved.toString().isEmpty()) {
      throw in.error("include leads out of the policy's directory", written);
    }
    return resolved.toString();
  }

  private static Path directoryOf(String fileName) {
    Path parent;
    try {
      parent = Path.of(fileName).getParent();
    } catch (InvalidPathException e) {
      return null;
    }
    if (parent == null) {
      return null;
    }
    Path normal = parent.normalize();
    return normal.toString().isEmpty() ? null : normal;
  }

  // ---------------------------------------------------------------- rules

  private void rules(YamlCursor in) {
    if (in.next() != JsonToken.START_ARRAY) {
      throw in.error("rules must be a list of rules, e.g. - allow: {port: 22}", in.shown());
    }
    while (in.next() != JsonToken.END_ARRAY) {
      rules.add(rule(in));
    }
  }

  private static Rule rule(YamlCursor in) {
    if (in.token() != JsonToken.START_OBJECT) {
      throw in.error("a rule is a mapping such as allow: {port: 22}", in.shown());
    }
    int line = in.line();
    int column = in.column();
    Keys keys = new Keys(in);
    Action action = null;
    Match match = null;
    String why = null;
    while (in.next() != JsonToken.END_OBJECT) {
      String key = keys.take(Function.identity());
      switch (key) {
        case "allow", "deny" -> {
          if (action != null) {
            throw in.error("a rule has allow or deny, not both", key);
          }
          action = key.equals("allow") ? Action.ALLOW : Action.DENY;
          match = match(in, key);
        }
        case "why" -> {
          in.next();
          if (!in.isScalar() || in.token() == JsonToken.VALUE_NULL || in.text().isBlank()) {
            throw in.error("why takes a text", in.shown());
          }
          why = in.text();
        }
        default -> {
          if (MATCH_KEYS.contains(key)) {
            throw in.error("match keys go inside allow: {...} or deny: {...}", key);
          }
          throw unknownKey(in, "in a rule", key, RULE_KEYS);
        }
      }
    }
    if (action == null) {
      throw in.errorAt(
          line,
          column,
          "a rule needs allow: or deny:",
          keys.seen.isEmpty() ? "{}" : String.join(", ", keys.seen.keySet()));
    }
    return new Rule(in.file(), line, action, why, match);
  }

  private static Match match(YamlCursor in, String action) {
    if (in.next() != JsonToken.START_OBJECT) {
      throw in.error(
          action
              + " takes a mapping of what to match, e.g. {port: 22} ({} matches"
              + " every socket)",
          in.shown());
    }
    Keys keys = new Keys(in);
    List<Protocol> protocol = null;
    List<Match.PortRange> port = null;
    List<String> service = null;
    List<String> program = null;
    List<String> unit = null;
    List<SupervisorKind> supervisor = null;
    List<String> packageName = null;
    List<String> netns = null;
    Match.Container container = null;
    Match.Scope scope = null;
    List<Match.Cidr> address = null;
    while (in.next() != JsonToken.END_OBJECT) {
      // port and ports, unit and entry are one field each.
      String key =
          keys.take(
              k ->
                  switch (k) {
                    case "ports" -> "port";
                    case "entry" -> "unit";
                    default -> k;
                  });
      if (key.equals("why")) {
        throw in.error("why goes beside " + action + ":, not inside it", key);
      }
      if (!MATCH_KEYS.contains(key)) {
        throw unknownKey(in, "in " + action + ":", key, MATCH_KEYS);
      }
      in.next();
      switch (key) {
        case "protocol" -> protocol = list(in, key, PolicyParser::protocol);
        case "port", "ports" -> port = list(in, key, PolicyParser::port);
        case "service" -> service = list(in, key, v -> name(in, key));
        case "program" -> program = list(in, key, v -> program(in));
        case "unit", "entry" -> unit = list(in, key, v -> name(in, key));
        case "supervisor" -> supervisor = list(in, key, v -> supervisor(in));
        case "package" -> packageName = list(in, key, v -> name(in, key));
        case "netns" -> netns = list(in, key, v -> name(in, key));
        case "container" -> container = container(in);
        case "scope" -> scope = scope(in);
        case "address" -> address = list(in, key, PolicyParser::address);
        default -> throw new IllegalStateException(key);
      }
    }
    return new Match(
        protocol,
        port,
        service,
        program,
        unit,
        supervisor,
        packageName,
        netns,
        container,
        scope,
        address);
  }

  // ---------------------------------------------------------------- values

  /** A single value or a non-empty list of single values, the cursor on the value. */
  private static <T> List<T> list(YamlCursor in, String key, Function<YamlCursor, T> element) {
    if (in.token() != JsonToken.START_ARRAY) {
      return List.of(element.apply(in));
    }
    int line = in.line();
    int column = in.column();
    List<T> values = new ArrayList<>();
    while (in.next() != JsonToken.END_ARRAY) {
      if (in.token() == JsonToken.START_ARRAY || in.token() == JsonToken.START_OBJECT) {
        throw in.error("a list under " + key + ": holds single values", in.shown());
      }
      values.add(element.apply(in));
    }
    if (values.isEmpty()) {
      throw in.errorAt(line, column, "an empty list under " + key + ": would match nothing", "[]");
    }
    return values;
  }

  /** A name: a string (a plain number is taken as its text). */
  private static String name(YamlCursor in, String key) {
    JsonToken t = in.token();
    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
      throw in.error(key + " takes a name or a list of names", in.shown());
    }
    if (in.text().isBlank()) {
      throw in.error(key + " takes a name, not an empty text", in.text());
    }
    return in.text();
  }

  private static String program(YamlCursor in) {
    String p = name(in, "program");
    if (p.contains("/") && (!p.startsWith("/") || p.endsWith("/"))) {
      throw in.error("program is an absolute path (/usr/sbin/sshd) or a base name (sshd)", p);
    }
    return p;
  }

  /** The supervisors attribution names (Owner.supervisor), by their labels. */
  private static SupervisorKind supervisor(YamlCursor in) {
    String s = name(in, "supervisor");
    List<String> known = SupervisorKind.labels();
    return SupervisorKind.fromLabel(s)
        .orElseThrow(
            () ->
                in.error(
                    "unknown supervisor" + hint(s, known, "; known: " + String.join(", ", known)),
                    s));
  }

  private static Protocol protocol(YamlCursor in) {
    List<String> words = new ArrayList<>();
    for (Protocol p : Protocol.values()) {
      words.add(p.label());
      if (in.isScalar() && p.label().equalsIgnoreCase(in.text())) {
        return p;
      }
    }
    throw in.error(
        "unknown protocol" + hint(in, words, "; expected tcp, udp, udplite or raw"), in.shown());
  }

  private static Match.PortRange port(YamlCursor in) {
    JsonToken t = in.token();
    String text = in.isScalar() ? in.text().strip() : "";
    boolean scalar = t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT;
    if (scalar && PORT.matcher(text).matches()) {
      return Match.PortRange.of(portNumber(in, text, text));
    }
    Matcher m = RANGE.matcher(text);
    if (scalar && m.matches()) {
      int from = portNumber(in, m.group(1), text);
      int to = portNumber(in, m.group(2), text);
      if (from > to) {
        throw in.error("bad port range: the first port is above the last", text);
      }
      return new Match.PortRange(from, to);
    }
    if (scalar && text.indexOf('-') > 0) {
      throw in.error("bad port range; write FIRST-LAST, e.g. 6000-6063", in.shown());
    }
    throw in.error(
        "port takes a number, a range such as 6000-6063, or a list of them;"
            + " to match by name use service:",
        in.shown());
  }

  private static int portNumber(YamlCursor in, String digits, String shown) {
    String d = digits.startsWith("-") ? digits : digits.replaceFirst("^0+(?=.)", "");
    if (d.startsWith("-") || d.length() > 5 || Integer.parseInt(d) > 65535) {
      throw in.error("port out of range 0-65535", shown);
    }
    return Integer.parseInt(d);
  }

  private static Match.Container container(YamlCursor in) {
    return switch (in.token()) {
      case VALUE_TRUE -> new Match.Container(true, null);
      case VALUE_FALSE -> new Match.Container(false, null);
      case VALUE_STRING, VALUE_NUMBER_INT -> new Match.Container(true, name(in, "container"));
      default -> throw in.error("container takes true, false or a container's name", in.shown());
    };
  }

  private static Match.Scope scope(YamlCursor in) {
    List<String> words = new ArrayList<>();
    for (Match.Scope s : Match.Scope.values()) {
      words.add(s.label());
    }
    if (in.isScalar()) {
      Match.Scope s = Match.Scope.of(in.text().toLowerCase(Locale.ROOT));
      if (s != null) {
        return s;
      }
    }
    throw in.error(
        "unknown scope" + hint(in, words, "; expected loopback, any, address or not-any"),
        in.shown());
  }

  private static Match.Cidr address(YamlCursor in) {
    if (in.token() != JsonToken.VALUE_STRING) {
      throw in.error("address takes an IP address or a CIDR block such as 10.0.0.0/8", in.shown());
    }
    String text = in.text().strip();
    int slash = text.indexOf('/');
    String literal = slash < 0 ? text : text.substring(0, slash);
    InetAddress a = ipLiteral(literal);
    if (a == null) {
      throw in.error("address is not an IP address (names are not looked up)", text);
    }
    int bits = a.getAddress().length * 8;
    boolean mapped = a instanceof Inet4Address && literal.contains(":");
    int prefix = bits;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      int max = mapped ? 128 : bits;
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > max) {
        throw in.error("bad prefix length; expected /0 to /" + max, text);
      }
      prefix = Integer.parseInt(p);
      if (mapped) {
        if (prefix < 96) {
          throw in.error("an IPv4-mapped block needs a prefix of /96 or more", text);
        }
        prefix -= 96;
      }
    }
    return new Match.Cidr(a, prefix);
  }

  /** A literal IPv4 (dotted quad) or IPv6 address, never a name to look up; else null. */
  static InetAddress ipLiteral(String s) {
    try {
      if (IPV4.matcher(s).matches()) {
        return Inet4Address.ofLiteral(s);
      }
      if (s.contains(":") && s.matches("[0-9A-Fa-f:.]+")) {
        return Inet6Address.ofLiteral(s);
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  // ---------------------------------------------------------------- keys and suggestions

  /**
   * The keys of one mapping, refusing a field given twice: under one name the YAML reader refuses
   * it first, under two (port and ports) this does.
   */
  private static final class Keys {
    private final YamlCursor in;
    final Map<String, String> seen = new LinkedHashMap<>();

    Keys(YamlCursor in) {
      this.in = in;
    }

    /** The current key (the cursor is on it); {@code canonical} maps synonyms to one field. */
    String take(Function<String, String> canonical) {
      if (in.token() != JsonToken.PROPERTY_NAME) {
        throw in.error("expected a key", in.shown());
      }
      String key = in.text();
      String field = canonical.apply(key);
      String before = seen.putIfAbsent(field, in.line() + ":" + in.column());
      if (before != null) {
        throw in.error(
            "duplicate key: "
                + field
                + " is already given at line "
                + before.replace(":", ", column "),
            key);
      }
      return key;
    }
  }

  private static String suggestion(YamlCursor in, List<String> known) {
    return in.isScalar() ? suggestion(in.text(), known) : "";
  }

  /** The suggestion for a close word, else {@code otherwise}. */
  private static String hint(YamlCursor in, List<String> known, String otherwise) {
    String s = suggestion(in, known);
    return s.isEmpty() ? otherwise : s;
  }

  private static String hint(String word, List<String> known, String otherwise) {
    String s = suggestion(word, known);
    return s.isEmpty() ? otherwise : s;
  }

  /** " (did you mean 'port'?)" for a close known word, else "". */
  static String suggestion(String word, List<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(w, k);
      if (w.length() >= 3 && (k.startsWith(w) || w.startsWith(k))) {
        d = Math.min(d, 1);
      }
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = w.length() <= 3 ? 1 : 2;
    return best != null && bestDistance <= allowed && !best.equals(word)
        ? ", did you mean " + best + "?"
        : "";
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  // ---------------------------------------------------------------- files

  private static String tooLarge() {
    return "larger than 1 MiB (" + MAX_FILE_BYTES + " bytes), not read";
  }

  /** A regular file of at most 1 MiB of UTF-8 text (a leading byte order mark dropped). */
  static String readFile(String name, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new IOException("not a regular file");
    }
    byte[] data;
    try (InputStream in = Files.newInputStream(file)) {
      data = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (data.length > MAX_FILE_BYTES) {
      throw new FileTooLargeException(name, MAX_FILE_BYTES);
    }
    return decode(name, data);
  }

  /** Strict UTF-8; the first bad byte is named with its line and column. */
  static String decode(String name, byte[] data) {
    try {
      return YamlCursor.decode(name, data);
    } catch (YamlException e) {
      throw new PolicyException(e);
    }
  }

  private static long utf8Length(String s) {
    if (s.length() > MAX_FILE_BYTES) {
      return s.length();
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  /** Includes read from the file system, none leading out of the top policy's directory. */
  private static final class FileIncludes implements IncludeResolver {
    private final Path base;
    private final Map<String, Source> cache = new HashMap<>();

    FileIncludes(Path base) {
      this.base = base;
    }

    @Override
    public Source read(String name) throws IOException {
      Source cached = cache.get(name);
      if (cached != null) {
        return cached;
      }
      Path real = Path.of(name).toRealPath();
      if (!real.startsWith(base)) {
        throw new IOException("it leads out of " + base + " (to " + real + ")");
      }
      Source source = new Source(real.toString(), readFile(name, real));
      cache.put(name, source);
      return source;
    }
  }
}
