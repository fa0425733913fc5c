package dev.ajar.knowledge;

import dev.ajar.knowledge.ServiceKnowledge.PortSpec;
import dev.ajar.knowledge.ServiceKnowledge.Reference;
import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import dev.ajar.yaml.YamlCursor;
import dev.ajar.yaml.YamlException;
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
import tools.jackson.core.JsonToken;

/**
 * Reads the service files: YAML, token by token through {@link YamlCursor} (no data binding, no
 * reflection; the YAML 1.2 core schema, no aliases, tags, merge keys or keys given twice), into a
 * small tree that keeps the line and column of every value and key, then checks every field. A file
 * that breaks the schema of services/README.md is refused with a {@link KnowledgeException} naming
 * the file, the line, the column and the field.
 */
final class KnowledgeLoader {
  /** Where the bundled files are, as a class-path resource folder. */
  public static final String RESOURCE_DIR = "/dev/ajar/knowledge/services/";

  /** The list of bundled ids, one a line; "#" starts a comment. */
  public static final String INDEX = "index.txt";

  private static final Pattern PORT = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?/(tcp|udp)");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern CAC = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

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
          throw new KnowledgeException(file, 0, 0, null, "listed in " + INDEX + " but not bundled");
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
          file, 0, 0, null, "the file name must be an id: lower-case letters, digits and '-'");
    }
    Node root = readTree(file, yaml);
    if (!(root instanceof MapNode map)) {
      throw fail(file, root.at(), null, "must be a mapping of fields");
    }
    return new Fields(file, map).service(id);
  }

  // ---- the tree ------------------------------------------------------------------------------

  /** Where a value or a key starts: 1-based line and column, or 0 and 0 for the whole file. */
  private record At(int line, int column) {
    static final At FILE = new At(0, 0);
  }

  private sealed interface Node permits Scalar, ListNode, MapNode {
    At at();

    default String kind() {
      return switch (this) {
        case Scalar s -> s.token() == JsonToken.VALUE_NULL ? "empty" : "a single value";
        case ListNode l -> "a list";
        case MapNode m -> "a mapping";
      };
    }
  }

  private record Scalar(JsonToken token, String text, At at) implements Node {}

  private record ListNode(List<Node> items, At at) implements Node {}

  /** A mapping; {@code keys} holds where each key is written. */
  private record MapNode(Map<String, Node> fields, Map<String, At> keys, At at) implements Node {}

  private static Node readTree(String file, byte[] yaml) {
    try (YamlCursor in = new YamlCursor(file, YamlCursor.decode(file, yaml), "a knowledge file")) {
      if (in.next() == null) {
        throw fail(file, At.FILE, null, "the file is empty");
      }
      Node root = read(in);
      if (in.next() != null) {
        throw fail(file, at(in), null, "holds more than one YAML document");
      }
      return root;
    } catch (YamlException e) {
      throw new KnowledgeException(file, e.line(), e.column(), null, e.problem(), e);
    }
  }

  /** The value the cursor is on, and all it holds; keys given twice the cursor refuses. */
  private static Node read(YamlCursor in) {
    JsonToken t = in.token();
    At at = at(in);
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> fields = new LinkedHashMap<>();
        Map<String, At> keys = new LinkedHashMap<>();
        while (in.next() == JsonToken.PROPERTY_NAME) {
          String key = in.text();
          keys.put(key, at(in));
          in.next();
          fields.put(key, read(in));
        }
        return new MapNode(fields, keys, at);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (in.next() != JsonToken.END_ARRAY) {
          items.add(read(in));
        }
        return new ListNode(items, at);
      }
      case VALUE_NULL -> {
        return new Scalar(t, null, at);
      }
      default -> {
        if (t.isScalarValue()) {
          return new Scalar(t, in.text(), at);
        }
        throw fail(in.file(), at, null, "unexpected " + t);
      }
    }
  }

  private static At at(YamlCursor in) {
    return new At(in.line(), in.column());
  }

  private static KnowledgeException fail(String file, At at, String field, String problem) {
    return new KnowledgeException(file, at.line(), at.column(), field, problem);
  }

  // ---- the fields ----------------------------------------------------------------------------

  /** Checks and converts the fields of one file; every message names the file and the field. */
  private record Fields(String file, MapNode root) {

    ServiceKnowledge service(String id) {
      for (String key : root.fields().keySet()) {
        if (!FIELDS.contains(key)) {
          throw fail(
              root.keys().get(key),
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
              item.at(), field, "\"" + text + "\" is not PORT/tcp, PORT/udp or FIRST-LAST/tcp");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        Protocol protocol = m.group(3).equals("tcp") ? Protocol.TCP : Protocol.UDP;
        for (int port : new int[] {first, last}) {
          if (port < 1 || port > 65535) {
            throw fail(item.at(), field, "port " + port + " is out of range 1..65535");
          }
        }
        if (last < first || last - first + 1 > MAX_RANGE) {
          throw fail(
              item.at(),
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
            throw fail(item.at(), field, spec + " is listed twice");
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
        throw fail(node.at(), "packages", "must be a mapping of family → list, not " + node.kind());
      }
      for (String family : map.fields().keySet()) {
        if (!ServiceKnowledge.FAMILIES.contains(family)) {
          throw fail(
              map.keys().get(family),
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
                map.keys().get(family),
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
            valueAt(root, "severity"),
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
              list(root, "risks", false).get(i).at(),
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
          throw fail(items.get(i).at(), field, "must be a mapping with kind, id and title");
        }
        for (String key : ref.fields().keySet()) {
          if (!REFERENCE_FIELDS.contains(key)) {
            throw fail(
                ref.keys().get(key), field + "." + key, "unknown field (known: kind, id, title)");
          }
        }
        String kind = text(ref, "kind", field + ".kind", true);
        if (!ServiceKnowledge.REFERENCE_KINDS.contains(kind)) {
          throw fail(
              valueAt(ref, "kind"),
              field + ".kind",
              "\"" + kind + "\" is not one of cis, cac, cve, doc");
        }
        String id = text(ref, "id", field + ".id", true);
        if (kind.equals("cve") && !CVE.matcher(id).matches()) {
          throw fail(
              valueAt(ref, "id"), field + ".id", "\"" + id + "\" is not a CVE id (CVE-YYYY-NNNN)");
        }
        if (kind.equals("cac") && !CAC.matcher(id).matches()) {
          throw fail(
              valueAt(ref, "id"),
              field + ".id",
              "\"" + id + "\" is not a ComplianceAsCode rule id");
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
              node != null ? node.at() : map == root ? At.FILE : map.at(), field, "is required");
        }
        return null;
      }
      if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_STRING) {
        throw fail(node.at(), field, "must be text, not " + describe(node));
      }
      String text = s.text().strip();
      if (text.isEmpty()) {
        if (required) {
          throw fail(node.at(), field, "is required and must not be blank");
        }
        return null;
      }
      return text;
    }

    private boolean bool(MapNode map, String key) {
      Node node = map.fields().get(key);
      if (node == null || isNull(node)) {
        throw fail(node == null ? At.FILE : node.at(), key, "is required (true or false)");
      }
      if (node instanceof Scalar s
          && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
        return s.token() == JsonToken.VALUE_TRUE;
      }
      throw fail(node.at(), key, "must be true or false, not " + describe(node));
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
          throw fail(items.get(i).at(), itemField, "must be one non-blank line");
        }
        if (words.contains(word)) {
          throw fail(items.get(i).at(), itemField, "\"" + word + "\" is listed twice");
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
          throw fail(At.FILE, field, "is required");
        }
        return List.of();
      }
      if (!(node instanceof ListNode list)) {
        throw fail(node.at(), field, "must be a list, not " + describe(node));
      }
      return list.items();
    }

    private String scalarText(Node node, String field) {
      if (node instanceof Scalar s && s.token() == JsonToken.VALUE_STRING) {
        return s.text();
      }
      throw fail(node.at(), field, "must be text, not " + describe(node));
    }

    /** Where the value of a key is written, else where its mapping is. */
    private static At valueAt(MapNode map, String key) {
      Node node = map.fields().get(key);
      return node == null ? map.at() : node.at();
    }

    private KnowledgeException fail(At at, String field, String problem) {
      return KnowledgeLoader.fail(file, at == null ? At.FILE : at, field, problem);
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
