package dev.ajar.knowledge;

import dev.ajar.knowledge.ServiceKnowledge.PortSpec;
import dev.ajar.knowledge.ServiceKnowledge.Reference;
import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the service files: YAML, token by token through Jackson's streaming parser (no data
 * binding, no reflection), into a small tree that keeps line numbers, then checks every field. A
 * file that breaks the schema of services/README.md is refused with a {@link KnowledgeException}
 * naming the file, the line and the field.
 */
final class KnowledgeLoader {
  /** Where the bundled files are, as a class-path resource folder. */
  public static final String RESOURCE_DIR = "/dev/ajar/knowledge/services/";

  /** The list of bundled ids, one a line; "#" starts a comment. */
  public static final String INDEX = "index.txt";

  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private static final Pattern PORT = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?/(tcp|udp)");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern CAC = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  private static final Pattern WHERE = Pattern.compile("^\\s*in \\S+, line (\\d+), column \\d+");

  /** A range in a file may expand to at most this many ports (X11's 6000-6063 is 64). */
  private static final int MAX_RANGE = 128;

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "aliases",
          "ports",
          "programs",
          "packages",
          "severity",
          "risks",
          "why",
          "instead",
          "loopback_ok",
          "references");
  private static final Set<String> REFERENCE_FIELDS = Set.of("kind", "id", "title");

  private KnowledgeLoader() {}

  /** Every file the bundled index lists, in index order. */
  public static List<ServiceKnowledge> loadBundled() {
    List<ServiceKnowledge> all = new ArrayList<>();
    for (String id : bundledIds()) {
      String file = "services/" + id + ".yaml";
      try (InputStream in =
          KnowledgeLoader.class.getResourceAsStream(RESOURCE_DIR + id + ".yaml")) {
        if (in == null) {
          throw new KnowledgeException(file, 0, null, "listed in " + INDEX + " but not bundled");
        }
        all.add(parse(id, file, in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }
    return all;
  }

  /** The ids of the bundled index, in its order. */
  public static List<String> bundledIds() {
    return BundledIndex.ids();
  }

  /** The ids of an index file's text: one a line, blank lines and "#" comments ignored. */
  public static List<String> parseIndex(String file, String text) {
    return BundledIndex.parse(file, text);
  }

  /**
   * One service file.
   *
   * @param id the service id (the file name without ".yaml")
   * @param file how messages name the file, e.g. "services/finger.yaml"
   */
  public static ServiceKnowledge parse(String id, String file, byte[] yaml) {
    if (id == null || !BundledIndex.ID.matcher(id).matches()) {
      throw new KnowledgeException(
          file, 0, null, "the file name must be an id: lower-case letters, digits and '-'");
    }
    Node root = readTree(file, yaml);
    if (!(root instanceof MapNode map)) {
      throw new KnowledgeException(file, root.line(), null, "must be a mapping of fields");
    }
    return new Fields(file, map).service(id);
  }

  // ---- the tree ------------------------------------------------------------------------------

  private sealed interface Node permits Scalar, ListNode, MapNode {
    int line();

    default String kind() {
      return switch (this) {
        case Scalar s -> s.token() == JsonToken.VALUE_NULL ? "empty" : "a single value";
        case ListNode l -> "a list";
        case MapNode m -> "a mapping";
      };
    }
  }

  private record Scalar(JsonToken token, String text, int line) implements Node {}

  private record ListNode(List<Node> items, int line) implements Node {}

  private record MapNode(Map<String, Node> fields, Map<String, Integer> keyLines, int line)
      implements Node {}

  private static Node readTree(String file, byte[] yaml) {
    try (JsonParser p = YAML.createParser(ObjectReadContext.empty(), yaml)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new KnowledgeException(file, 0, null, "the file is empty");
      }
      Node root = read(file, p, "");
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new KnowledgeException(
            file, line(p.currentTokenLocation()), null, "holds more than one YAML document");
      }
      return root;
    } catch (JacksonException e) {
      throw new KnowledgeException(
          file, line(e.getLocation()), null, "not valid YAML: " + yamlProblem(e), e);
    }
  }

  /**
   * SnakeYAML's message on one line: its sentences, each place as "(line N)", without the quoted
   * source and caret lines. "while parsing a flow sequence (line 2): expected ',' or ']', but got :
   * (line 3)".
   */
  private static String yamlProblem(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    StringBuilder sb = new StringBuilder();
    for (String line : message.split("\n")) {
      Matcher where = WHERE.matcher(line);
      if (where.find()) {
        sb.append(" (line ").append(where.group(1)).append(')');
      } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        sb.append(sb.isEmpty() ? "" : ": ").append(line.strip());
      }
    }
    return sb.isEmpty() ? message.strip() : sb.toString();
  }

  private static Node read(String file, JsonParser p, String path) {
    JsonToken t = p.currentToken();
    int line = line(p.currentTokenLocation());
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = p.currentName();
          int keyLine = line(p.currentTokenLocation());
          String child = path.isEmpty() ? key : path + "." + key;
          if (fields.containsKey(key)) {
            throw new KnowledgeException(file, keyLine, child, "given twice");
          }
          p.nextToken();
          fields.put(key, read(file, p, child));
          lines.put(key, keyLine);
        }
        return new MapNode(fields, lines, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(file, p, path + "[" + items.size() + "]"));
        }
        return new ListNode(items, line);
      }
      case VALUE_NULL -> {
        return new Scalar(t, null, line);
      }
      default -> {
        if (t.isScalarValue()) {
          return new Scalar(t, p.getString(), line);
        }
        throw new KnowledgeException(file, line, path.isEmpty() ? null : path, "unexpected " + t);
      }
    }
  }

  private static int line(TokenStreamLocation location) {
    return location == null ? 0 : Math.max(0, location.getLineNr());
  }

  // ---- the fields ----------------------------------------------------------------------------

  /** Checks and converts the fields of one file; every message names the file and the field. */
  private record Fields(String file, MapNode root) {

    ServiceKnowledge service(String id) {
      for (String key : root.fields().keySet()) {
        if (!FIELDS.contains(key)) {
          throw fail(
              root.keyLines().get(key),
              key,
              "unknown field (known: " + String.join(", ", sorted(FIELDS)) + ")");
        }
      }
      String name = text(root, "name", true);
      List<String> aliases = words(root, "aliases");
      List<PortSpec> ports = ports();
      List<String> programs = words(root, "programs");
      Map<String, List<String>> packages = packages();
      Severity severity = severity();
      List<String> risks = risks();
      String why = text(root, "why", true);
      String instead = text(root, "instead", true);
      boolean loopbackOk = bool(root, "loopback_ok");
      List<Reference> references = references();
      return new ServiceKnowledge(
          id,
          name,
          aliases,
          ports,
          programs,
          packages,
          severity,
          risks,
          why,
          instead,
          loopbackOk,
          references);
    }

    private List<PortSpec> ports() {
      List<PortSpec> ports = new ArrayList<>();
      Set<PortSpec> seen = new HashSet<>();
      List<Node> items = list(root, "ports", false);
      for (int i = 0; i < items.size(); i++) {
        String field = "ports[" + i + "]";
        Node item = items.get(i);
        String text = scalarText(item, field);
        Matcher m = PORT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
          throw fail(
              item.line(), field, "\"" + text + "\" is not PORT/tcp, PORT/udp or FIRST-LAST/tcp");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        Protocol protocol = m.group(3).equals("tcp") ? Protocol.TCP : Protocol.UDP;
        for (int port : new int[] {first, last}) {
          if (port < 1 || port > 65535) {
            throw fail(item.line(), field, "port " + port + " is out of range 1..65535");
          }
        }
        if (last < first || last - first + 1 > MAX_RANGE) {
          throw fail(
              item.line(),
              field,
              "range "
                  + first
                  + "-"
                  + last
                  + " must go upwards and hold at most "
                  + MAX_RANGE
                  + " ports");
        }
        for (int port = first; port <= last; port++) {
          PortSpec spec = new PortSpec(protocol, port);
          if (!seen.add(spec)) {
            throw fail(item.line(), field, spec + " is listed twice");
          }
          ports.add(spec);
        }
      }
      return ports;
    }

    private Map<String, List<String>> packages() {
      Node node = root.fields().get("packages");
      Map<String, List<String>> packages = new LinkedHashMap<>();
      if (node == null || isNull(node)) {
        return packages;
      }
      if (!(node instanceof MapNode map)) {
        throw fail(
            node.line(), "packages", "must be a mapping of family → list, not " + node.kind());
      }
      for (String family : map.fields().keySet()) {
        if (!ServiceKnowledge.FAMILIES.contains(family)) {
          throw fail(
              map.keyLines().get(family),
              "packages." + family,
              "unknown distro family (known: "
                  + String.join(", ", ServiceKnowledge.FAMILIES)
                  + ")");
        }
      }
      for (String family : ServiceKnowledge.FAMILIES) {
        if (map.fields().containsKey(family)) {
          List<String> names = words(map, family, "packages." + family);
          if (names.isEmpty()) {
            throw fail(
                map.keyLines().get(family),
                "packages." + family,
                "is empty: leave the family out instead");
          }
          packages.put(family, names);
        }
      }
      return packages;
    }

    private Severity severity() {
      String word = text(root, "severity", true);
      Severity severity = Severity.parse(word);
      if (severity == null || !severity.label().equals(word)) {
        throw fail(
            lineOf("severity"),
            "severity",
            "\"" + word + "\" is not one of info, low, medium, high, critical");
      }
      return severity;
    }

    private List<String> risks() {
      List<String> risks = words(root, "risks");
      for (int i = 0; i < risks.size(); i++) {
        if (!ServiceKnowledge.RISKS.contains(risks.get(i))) {
          throw fail(
              lineOf("risks"),
              "risks[" + i + "]",
              "\""
                  + risks.get(i)
                  + "\" is not in the vocabulary: "
                  + String.join(", ", sorted(ServiceKnowledge.RISKS)));
        }
      }
      return risks;
    }

    private List<Reference> references() {
      List<Reference> references = new ArrayList<>();
      List<Node> items = list(root, "references", false);
      for (int i = 0; i < items.size(); i++) {
        String field = "references[" + i + "]";
        if (!(items.get(i) instanceof MapNode ref)) {
          throw fail(items.get(i).line(), field, "must be a mapping with kind, id and title");
        }
        for (String key : ref.fields().keySet()) {
          if (!REFERENCE_FIELDS.contains(key)) {
            throw fail(
                ref.keyLines().get(key),
                field + "." + key,
                "unknown field (known: kind, id, title)");
          }
        }
        String kind = text(ref, "kind", field + ".kind", true);
        if (!ServiceKnowledge.REFERENCE_KINDS.contains(kind)) {
          throw fail(
              ref.line(), field + ".kind", "\"" + kind + "\" is not one of cis, cac, cve, doc");
        }
        String id = text(ref, "id", field + ".id", true);
        if (kind.equals("cve") && !CVE.matcher(id).matches()) {
          throw fail(ref.line(), field + ".id", "\"" + id + "\" is not a CVE id (CVE-YYYY-NNNN)");
        }
        if (kind.equals("cac") && !CAC.matcher(id).matches()) {
          throw fail(ref.line(), field + ".id", "\"" + id + "\" is not a ComplianceAsCode rule id");
        }
        String title = text(ref, "title", field + ".title", false);
        references.add(new Reference(kind, id, title == null ? "" : title));
      }
      return references;
    }

    // ---- generic accessors ----

    private String text(MapNode map, String key, boolean required) {
      return text(map, key, key, required);
    }

    private String text(MapNode map, String key, String field, boolean required) {
      Node node = map.fields().get(key);
      if (node == null || isNull(node)) {
        if (required) {
          throw fail(
              node != null ? node.line() : map == root ? 0 : map.line(), field, "is required");
        }
        return null;
      }
      if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_STRING) {
        throw fail(node.line(), field, "must be text, not " + describe(node));
      }
      String text = s.text().strip();
      if (text.isEmpty()) {
        if (required) {
          throw fail(node.line(), field, "is required and must not be blank");
        }
        return null;
      }
      return text;
    }

    private boolean bool(MapNode map, String key) {
      Node node = map.fields().get(key);
      if (node == null || isNull(node)) {
        throw fail(node == null ? 0 : node.line(), key, "is required (true or false)");
      }
      if (node instanceof Scalar s
          && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
        return s.token() == JsonToken.VALUE_TRUE;
      }
      throw fail(node.line(), key, "must be true or false, not " + describe(node));
    }

    private List<String> words(MapNode map, String key) {
      return words(map, key, key);
    }

    /** A list of distinct, non-blank, single-line strings; an absent field is an empty list. */
    private List<String> words(MapNode map, String key, String field) {
      List<Node> items = list(map, key, field, false);
      List<String> words = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        String itemField = field + "[" + i + "]";
        String word = scalarText(items.get(i), itemField).strip();
        if (word.isEmpty() || word.contains("\n")) {
          throw fail(items.get(i).line(), itemField, "must be one non-blank line");
        }
        if (words.contains(word)) {
          throw fail(items.get(i).line(), itemField, "\"" + word + "\" is listed twice");
        }
        words.add(word);
      }
      return words;
    }

    private List<Node> list(MapNode map, String key, boolean required) {
      return list(map, key, key, required);
    }

    private List<Node> list(MapNode map, String key, String field, boolean required) {
      Node node = map.fields().get(key);
      if (node == null || isNull(node)) {
        if (required) {
          throw fail(0, field, "is required");
        }
        return List.of();
      }
      if (!(node instanceof ListNode list)) {
        throw fail(node.line(), field, "must be a list, not " + describe(node));
      }
      return list.items();
    }

    private String scalarText(Node node, String field) {
      if (node instanceof Scalar s && s.token() == JsonToken.VALUE_STRING) {
        return s.text();
      }
      throw fail(node.line(), field, "must be text, not " + describe(node));
    }

    private int lineOf(String key) {
      Integer line = root.keyLines().get(key);
      return line == null ? root.line() : line;
    }

    private KnowledgeException fail(Integer line, String field, String problem) {
      return new KnowledgeException(file, line == null ? 0 : line, field, problem);
    }

    private static boolean isNull(Node node) {
      return node instanceof Scalar s && s.token() == JsonToken.VALUE_NULL;
    }

    private static String describe(Node node) {
      if (node instanceof Scalar s && s.token() != JsonToken.VALUE_NULL) {
        return switch (s.token()) {
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + s.text();
          case VALUE_TRUE, VALUE_FALSE -> "the boolean " + s.text();
          default -> "\"" + s.text() + "\"";
        };
      }
      return node.kind();
    }

    private static List<String> sorted(Set<String> words) {
      return words.stream().sorted().toList();
    }
  }
}
