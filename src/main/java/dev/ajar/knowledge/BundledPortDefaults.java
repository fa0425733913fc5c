package dev.ajar.knowledge;

import dev.ajar.knowledge.ServiceKnowledge.PortSpec;
import dev.ajar.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default ports of the bundled knowledge base without the YAML parser: `ajar boot` needs only
 * the ports, programs and packages of each file, not the texts, so it reads those three fields line
 * by line, in the one plain layout the bundled files use ({@code ports:} a block list of {@code -
 * 79/tcp}, {@code programs: [a, b]}, {@code packages:} family lines of flow lists). Anything else
 * in a file (a quoted or multi-line value at the top level, an anchor, a comment after a value, a
 * second document) makes it give up on the whole knowledge base and use the full {@link
 * KnowledgeBase#bundled()} instead, so the answers are always those of the full loader (a test
 * compares both on every bundled file).
 */
public final class BundledPortDefaults implements PortDefaults {
  /** One file's fields that matter here. */
  record Summary(String id, List<String> programs, List<String> packages, List<PortSpec> ports) {}

  private static final int MAX_RANGE = 128;

  private final Map<String, Summary> byId;
  private final Map<String, List<Summary>> byProgram = new HashMap<>();
  private final Map<String, List<Summary>> byPackage = new HashMap<>();

  private BundledPortDefaults(List<Summary> summaries) {
    TreeMap<String, Summary> ids = new TreeMap<>();
    for (Summary s : summaries) {
      ids.put(s.id(), s);
    }
    this.byId = ids;
    for (Summary s : ids.values()) { // in id order, as KnowledgeBase's indexes
      s.programs().forEach(p -> add(byProgram, p, s));
      s.packages().forEach(p -> add(byPackage, p, s));
    }
  }

  /** The bundled files' default ports: read line by line, or by the full loader if need be. */
  public static PortDefaults bundled() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final PortDefaults INSTANCE = load();
  }

  private static PortDefaults load() {
    List<Summary> summaries = new ArrayList<>();
    try {
      for (String id : BundledIndex.ids()) {
        byte[] yaml;
        try (InputStream in =
            BundledPortDefaults.class.getResourceAsStream(
                KnowledgeLoader.RESOURCE_DIR + id + ".yaml")) {
          if (in == null) {
            return KnowledgeBase.bundled(); // which says what is missing
          }
          yaml = in.readAllBytes();
        }
        Summary s = summarize(id, yaml);
        if (s == null) {
          return KnowledgeBase.bundled();
        }
        summaries.add(s);
      }
    } catch (IOException | RuntimeException e) {
      return KnowledgeBase.bundled();
    }
    return new BundledPortDefaults(summaries);
  }

  @Override
  public Optional<List<PortSpec>> defaultPorts(String program, String packageName) {
    // KnowledgeBase.match without a port: by program, then package; one claimant answers, of
    // several the first by id, unless the next step has a single one.
    Summary fallback = null;
    for (List<Summary> candidates :
        List.of(
            byProgram.getOrDefault(KnowledgeBase.baseName(program), List.of()),
            byPackage.getOrDefault(packageName == null ? "" : packageName.strip(), List.of()))) {
      if (candidates.isEmpty()) {
        continue;
      }
      if (candidates.size() == 1) {
        return Optional.of(candidates.getFirst().ports());
      }
      if (fallback == null) {
        fallback = candidates.getFirst();
      }
    }
    return Optional.ofNullable(fallback).map(Summary::ports);
  }

  @Override
  public Optional<List<PortSpec>> defaultPortsOf(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id)).map(Summary::ports);
  }

  private static void add(Map<String, List<Summary>> index, String key, Summary s) {
    List<Summary> list = index.computeIfAbsent(key, k -> new ArrayList<>());
    for (Summary other : list) {
      if (other == s) { // each id is one summary: identity is equality
        return;
      }
    }
    list.add(s);
  }

  /**
   * The ports, programs and packages of one bundled file, or null when the file is not in the plain
   * layout this reads (then the full loader must).
   */
  static Summary summarize(String id, byte[] yaml) {
    String text = new String(yaml, StandardCharsets.UTF_8);
    if (text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0 || text.indexOf('\uFEFF') >= 0) {
      return null;
    }
    List<PortSpec> ports = new ArrayList<>();
    List<String> programs = new ArrayList<>();
    Map<String, List<String>> packages = new LinkedHashMap<>();
    Set<String> seenKeys = new LinkedHashSet<>();
    String key = null;
    boolean block = false; // the current key's value is on the indented lines that follow
    String family = null; // under packages: the family whose list is on the lines that follow
    boolean target = false; // the current key is one of those read here
    int n = text.length();
    for (int start = 0; start <= n; ) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      int from = start;
      start = end + 1;
      if (from < end && text.charAt(from) == ' ' && key != null && !target) {
        continue; // a further line of a text (most of every file), not looked at
      }
      String line = text.substring(from, end);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.charAt(0) == ' ') {
        if (key == null) {
          return null;
        }
        if (!isTarget(key)) {
          continue; // a text's further lines
        }
        if (!block) {
          return null;
        }
        boolean ok =
            switch (key) {
              case "ports" -> line.startsWith("  - ") && addPorts(ports, line.substring(4));
              case "programs" -> line.startsWith("  - ") && addWord(programs, line.substring(4));
              default -> {
                if (line.startsWith("    - ") && family != null) {
                  yield addWord(packages.get(family), line.substring(6));
                }
                String read = familyLine(packages, line);
                family = read == null || read.isEmpty() ? null : read;
                yield read != null;
              }
            };
        if (!ok) {
          return null;
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0
          || !isKey(line.substring(0, colon))
          || (colon + 1 < line.length() && line.charAt(colon + 1) != ' ')) {
        return null;
      }
      key = line.substring(0, colon);
      target = isTarget(key);
      family = null;
      if (!seenKeys.add(key)) {
        return null;
      }
      String rest = line.substring(colon + 1).strip();
      block = rest.isEmpty();
      if (!isTarget(key)) {
        if (!closedOnItsLine(rest)) {
          return null;
        }
        continue;
      }
      if (block) {
        continue;
      }
      List<String> items = flowList(rest);
      if (items == null || key.equals("packages")) {
        return null;
      }
      for (String item : items) {
        if (!(key.equals("ports") ? addPorts(ports, item) : addWord(programs, item))) {
          return null;
        }
      }
    }
    Set<String> allPackages = new LinkedHashSet<>();
    for (String name : ServiceKnowledge.FAMILIES) {
      List<String> names = packages.getOrDefault(name, List.of());
      if (packages.containsKey(name) && names.isEmpty()) {
        return null;
      }
      allPackages.addAll(names);
    }
    return new Summary(id, List.copyOf(programs), List.copyOf(allPackages), List.copyOf(ports));
  }

  private static boolean isTarget(String key) {
    return key.equals("ports") || key.equals("programs") || key.equals("packages");
  }

  private static boolean isKey(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z') && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a value that starts on the key's line cannot go on at the start of a later line: a
   * quoted text or a flow collection must end on this line.
   */
  private static boolean closedOnItsLine(String rest) {
    if (rest.isEmpty()) {
      return true;
    }
    return switch (rest.charAt(0)) {
      case '"' -> rest.length() > 1 && rest.endsWith("\"") && !rest.endsWith("\\\"");
      case '\'' -> rest.length() > 1 && rest.endsWith("'");
      case '[' -> rest.endsWith("]");
      case '{' -> rest.endsWith("}");
      case '&', '*', '!', '%', '@', '`', '?', '-', '<' -> false;
      default -> true;
    };
  }

  /**
   * Reads " debian: [fingerd, cfingerd]" (then "") or " debian:" (then "debian": its list is on the
   * " - name" lines that follow) under packages; null when the line is anything else.
   */
  private static String familyLine(Map<String, List<String>> packages, String line) {
    if (!line.startsWith("  ") || line.charAt(2) == ' ') {
      return null;
    }
    int colon = line.indexOf(':');
    if (colon < 0 || (colon + 1 < line.length() && line.charAt(colon + 1) != ' ')) {
      return null;
    }
    String family = line.substring(2, colon);
    if (!ServiceKnowledge.FAMILIES.contains(family) || packages.containsKey(family)) {
      return null;
    }
    String rest = line.substring(colon + 1).strip();
    List<String> names = new ArrayList<>();
    packages.put(family, names);
    if (rest.isEmpty()) {
      return family;
    }
    List<String> items = flowList(rest);
    if (items == null || items.isEmpty()) {
      return null;
    }
    for (String item : items) {
      if (!addWord(names, item)) {
        return null;
      }
    }
    return "";
  }

  /** The items of "[a, b, c]" or "[]", or null when it is not such a list of plain words. */
  private static List<String> flowList(String s) {
    if (!s.startsWith("[") || !s.endsWith("]")) {
      return null;
    }
    String inner = s.substring(1, s.length() - 1).strip();
    if (inner.isEmpty()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : inner.split(",", -1)) {
      items.add(item.strip());
    }
    return items;
  }

  /**
   * Adds a plain word (a program or a package name) that YAML reads as text as it stands; false for
   * anything YAML could read otherwise (a number, a boolean, null, quotes, indicators) or a repeat,
   * which the full loader must judge.
   */
  private static boolean addWord(List<String> words, String word) {
    if (word.isEmpty() || words.contains(word)) {
      return false;
    }
    char first = word.charAt(0);
    boolean letterFirst =
        (first >= 'a' && first <= 'z')
            || (first >= 'A' && first <= 'Z')
            || first == '_'
            || first == '/';
    // "389-ds-base" is text; a word of digits, or of what hex, octal and exponents use, may not be.
    if (!letterFirst && !(first >= '0' && first <= '9' && hasNonNumberLetter(word))) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-'
              || c == '+'
              || c == '/'
              || c == '@';
      if (!plain) {
        return false;
      }
    }
    String folded = word.toLowerCase(Locale.ROOT);
    if (Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n").contains(folded)) {
      return false;
    }
    words.add(word);
    return true;
  }

  /** Whether a letter occurs that no YAML number holds (they use a-f, e, o, x, b). */
  private static boolean hasNonNumberLetter(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = Character.toLowerCase(word.charAt(i));
      if (c >= 'g' && c <= 'z' && c != 'o' && c != 'x') {
        return true;
      }
    }
    return false;
  }

  /** Adds "79/tcp" or "6000-6063/tcp" expanded; false for anything else, as the loader refuses. */
  private static boolean addPorts(List<PortSpec> ports, String spec) {
    int slash = spec.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    String proto = spec.substring(slash + 1);
    Protocol protocol =
        proto.equals("tcp") ? Protocol.TCP : proto.equals("udp") ? Protocol.UDP : null;
    if (protocol == null) {
      return false;
    }
    String range = spec.substring(0, slash);
    int dash = range.indexOf('-');
    int first = number(dash < 0 ? range : range.substring(0, dash));
    int last = dash < 0 ? first : number(range.substring(dash + 1));
    if (first < 1 || last < first || last > 65535 || last - first + 1 > MAX_RANGE) {
      return false;
    }
    for (int port = first; port <= last; port++) {
      for (PortSpec p : ports) { // not List.contains: a record's equals costs a bootstrap
        if (p.port() == port && p.protocol() == protocol) {
          return false;
        }
      }
      ports.add(new PortSpec(protocol, port));
    }
    return true;
  }

  /** 1 to 5 decimal digits, or -1. */
  private static int number(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
