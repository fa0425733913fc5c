package dev.ajar.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.knowledge.ServiceKnowledge.PortSpec;
import dev.ajar.knowledge.ServiceKnowledge.Reference;
import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken files (src/test/resources/dev/ajar/knowledge/broken/) are refused by file and field. */
class KnowledgeLoaderTest {

  private static byte[] resource(String name) {
    try (InputStream in = KnowledgeLoaderTest.class.getResourceAsStream("broken/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServiceKnowledge load(String name) {
    return KnowledgeLoader.parse("test", "broken/" + name, resource(name));
  }

  @Test
  void theValidSampleLoads() {
    ServiceKnowledge s = load("valid.yaml");
    assertThat(s.id()).isEqualTo("test");
    assertThat(s.name()).isEqualTo("Test service");
    assertThat(s.aliases()).containsExactly("test");
    assertThat(s.ports()).containsExactly(new PortSpec(Protocol.TCP, 79));
    assertThat(s.programs()).containsExactly("testd");
    assertThat(s.packages()).isEmpty();
    assertThat(s.severity()).isEqualTo(Severity.HIGH);
    assertThat(s.risks()).containsExactly("information-disclosure");
    assertThat(s.why()).isEqualTo("Because.");
    assertThat(s.instead()).isEqualTo("Something else.");
    assertThat(s.loopbackOk()).isFalse();
    assertThat(s.references()).containsExactly(new Reference("doc", "test(8)", ""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bad-port.yaml           | ports[0]              | 4:5   | port 70000 is out of range 1..65535
          port-number.yaml        | ports[0]              | 4:5   | must be text, not the number 79
          port-protocol.yaml      | ports[0]              | 4:5   | is not PORT/tcp, PORT/udp
          huge-range.yaml         | ports[0]              | 4:5   | at most 128 ports
          port-twice.yaml         | ports[1]              | 5:5   | 79/tcp is listed twice
          missing-why.yaml        | why                   |       | is required
          blank-instead.yaml      | instead               | 9:10  | must not be blank
          unknown-field.yaml      | severty               | 6:1   | unknown field
          bad-severity.yaml       | severity              | 6:11  | "severe" is not one of info, low, medium, high, critical
          bad-risk.yaml           | risks[1]              | 7:33  | "scary" is not in the vocabulary
          bad-family.yaml         | packages.gentoo       | 8:3   | unknown distro family
          bad-cve.yaml            | references[0].id      | 12:21 | is not a CVE id
          bad-reference-kind.yaml | references[0].kind    | 12:12 | is not one of cis, cac, cve, doc
          loopback-word.yaml      | loopback_ok           | 10:14 | must be true or false, not "yes"
          missing-loopback.yaml   | loopback_ok           |       | is required (true or false)
          aliases-not-list.yaml   | aliases               | 2:10  | must be a list, not "test"
          """)
  void aBrokenFieldIsNamed(String file, String field, String at, String problem) {
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageStartingWith(
            "broken/" + file + (at == null ? "" : ":" + at) + ": field '" + field + "': ")
        .hasMessageContaining(problem)
        .satisfies(
            e -> {
              assertThat(((KnowledgeException) e).file()).isEqualTo("broken/" + file);
              assertThat(((KnowledgeException) e).field()).isEqualTo(field);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not-yaml.yaml      | 3:6  | not valid YAML
          empty.yaml         |      | the file is empty
          list-root.yaml     | 1:1  | must be a mapping of fields
          two-documents.yaml | 14:1 | holds more than one YAML document
          duplicate-key.yaml | 7:1  | duplicate key: severity is already given at line 6, column 1 (severity)
          """)
  void aBrokenFileIsNamed(String file, String at, String problem) {
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageStartingWith("broken/" + file + (at == null ? "" : ":" + at) + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((KnowledgeException) e).field()).isNull());
  }

  @Test
  void brokenYamlSaysWhere() {
    assertThatThrownBy(() -> load("not-yaml.yaml"))
        .hasMessage(
            "broken/not-yaml.yaml:3:6: not valid YAML: while parsing a flow sequence:"
                + " expected ',' or ']', but got :")
        .satisfies(
            e -> {
              assertThat(((KnowledgeException) e).line()).isEqualTo(3);
              assertThat(((KnowledgeException) e).column()).isEqualTo(6);
            });
  }

  /** The one YAML reader policies use: the same refusals, the same messages. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          an alias     | 'name: &n X\naliases: [*n]\n'  | x.yaml:2:11: YAML aliases are not allowed in a knowledge file (write the value out) (*n)
          a tag        | 'name: !!str X\n'               | x.yaml:1:7: YAML tags are not allowed in a knowledge file (!!str)
          a merge key  | 'name: X\n<<: {why: w}\n'       | x.yaml:2:1: YAML merge keys are not allowed in a knowledge file (<<)
          a nested key | 'references:\n  - {kind: doc, kind: cve}\n' | x.yaml:2:17: duplicate key: kind is already given at line 2, column 6 (kind)
          a tab        | 'name: X\n\twhy: w\n'           | x.yaml:2:1: not valid YAML: while scanning for the next token: found a tab that cannot start any token. (Do not use tabs for indentation)
          """)
  void yamlItselfIsCheckedAsInAPolicy(String what, String yaml, String message) {
    String text = yaml.replace("\\n", "\n").replace("\\t", "\t");
    assertThatThrownBy(
            () -> KnowledgeLoader.parse("x", "x.yaml", text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(KnowledgeException.class)
        .hasMessage(message);
  }

  @Test
  void textIsStrictUtf8() {
    byte[] yaml = {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff, '\n'};
    assertThatThrownBy(() -> KnowledgeLoader.parse("x", "x.yaml", yaml))
        .isInstanceOf(KnowledgeException.class)
        .hasMessage("x.yaml:1:7: not UTF-8 text (byte 0xff)");
  }

  @Test
  void wordsAreReadAsYaml12Reads() {
    // YAML 1.1 read yes/no/on/off as booleans; YAML 1.2's core schema reads them as text.
    String yaml =
        "name: X\naliases: [yes, no, on, off, 0777x]\nseverity: low\nwhy: w\ninstead: i\n"
            + "loopback_ok: False\n";
    ServiceKnowledge s =
        KnowledgeLoader.parse("x", "x.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(s.aliases()).containsExactly("yes", "no", "on", "off", "0777x");
    assertThat(s.loopbackOk()).isFalse();
    String octal = yaml.replace("0777x", "0777");
    assertThatThrownBy(
            () -> KnowledgeLoader.parse("x", "x.yaml", octal.getBytes(StandardCharsets.UTF_8)))
        .hasMessage("x.yaml:2:29: field 'aliases[4]': must be text, not the number 0777");
  }

  @Test
  void aRangeIsExpanded() {
    String yaml =
        """
        name: X
        ports: [6000-6002/tcp, 177/udp]
        severity: low
        why: w
        instead: i
        loopback_ok: true
        """;
    ServiceKnowledge s =
        KnowledgeLoader.parse("x", "x.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(s.ports())
        .containsExactly(
            new PortSpec(Protocol.TCP, 6000),
            new PortSpec(Protocol.TCP, 6001),
            new PortSpec(Protocol.TCP, 6002),
            new PortSpec(Protocol.UDP, 177));
    assertThat(s.listensOn(Protocol.UDPLITE, 177)).isTrue();
    assertThat(s.aliases()).isEmpty();
    assertThat(s.references()).isEmpty();
  }

  @Test
  void packagesKeepTheFamilyOrder() {
    String yaml =
        """
        name: X
        packages:
          alpine: [b]
          debian: [a, a2]
        severity: low
        why: w
        instead: i
        loopback_ok: false
        """;
    ServiceKnowledge s =
        KnowledgeLoader.parse("x", "x.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(s.packages())
        .containsExactly(
            Map.entry("debian", List.of("a", "a2")), Map.entry("alpine", List.of("b")));
    assertThat(s.allPackages()).containsExactly("a", "a2", "b");
  }

  @Test
  void anEmptyFamilyIsRefused() {
    String yaml =
        "name: X\npackages:\n  debian: []\nseverity: low\nwhy: w\ninstead: i\nloopback_ok: false\n";
    assertThatThrownBy(
            () -> KnowledgeLoader.parse("x", "x.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("field 'packages.debian'")
        .hasMessageContaining("leave the family out");
  }

  @Test
  void theFileNameMustBeAnId() {
    assertThatThrownBy(
            () -> KnowledgeLoader.parse("Bad_Name", "Bad_Name.yaml", resource("valid.yaml")))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageStartingWith("Bad_Name.yaml: ");
  }

  @Test
  void theIndexIgnoresCommentsAndRefusesRepeats() {
    assertThat(KnowledgeLoader.parseIndex("i", "# head\n\nfinger  # the finger daemon\nrsh\n"))
        .containsExactly("finger", "rsh");
    assertThatThrownBy(() -> KnowledgeLoader.parseIndex("i", "finger\nrsh\nfinger\n"))
        .hasMessage("i:3:1: id listed twice: finger");
    assertThatThrownBy(() -> KnowledgeLoader.parseIndex("i", "finger.yaml\n"))
        .hasMessage("i:1:1: not an id: \"finger.yaml\"");
  }
}
