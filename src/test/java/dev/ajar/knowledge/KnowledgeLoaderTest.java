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
          bad-port.yaml           | ports[0]              | line 4 | port 70000 is out of range 1..65535
          port-number.yaml        | ports[0]              | line 4 | must be text, not the number 79
          port-protocol.yaml      | ports[0]              | line 4 | is not PORT/tcp, PORT/udp
          huge-range.yaml         | ports[0]              | line 4 | at most 128 ports
          port-twice.yaml         | ports[1]              | line 5 | 79/tcp is listed twice
          missing-why.yaml        | why                   |        | is required
          blank-instead.yaml      | instead               | line 9 | must not be blank
          unknown-field.yaml      | severty               | line 6 | unknown field
          bad-severity.yaml       | severity              | line 6 | "severe" is not one of info, low, medium, high, critical
          bad-risk.yaml           | risks[1]              | line 7 | "scary" is not in the vocabulary
          bad-family.yaml         | packages.gentoo       | line 8 | unknown distro family
          bad-cve.yaml            | references[0].id      | line 12 | is not a CVE id
          bad-reference-kind.yaml | references[0].kind    | line 12 | is not one of cis, cac, cve, doc
          loopback-word.yaml      | loopback_ok           | line 10 | must be true or false, not "yes"
          missing-loopback.yaml   | loopback_ok           |        | is required (true or false)
          duplicate-key.yaml      | severity              | line 7 | given twice
          aliases-not-list.yaml   | aliases               | line 2 | must be a list, not "test"
          """)
  void aBrokenFieldIsNamed(String file, String field, String line, String problem) {
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageStartingWith(
            "broken/" + file + ": " + (line == null ? "" : line + ": ") + "field '" + field + "': ")
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
          not-yaml.yaml      | not valid YAML
          empty.yaml         | the file is empty
          list-root.yaml     | must be a mapping of fields
          two-documents.yaml | holds more than one YAML document
          """)
  void aBrokenFileIsNamed(String file, String problem) {
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(KnowledgeException.class)
        .hasMessageStartingWith("broken/" + file + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void brokenYamlSaysWhere() {
    assertThatThrownBy(() -> load("not-yaml.yaml"))
        .hasMessage(
            "broken/not-yaml.yaml: line 3: not valid YAML: while parsing a flow sequence (line 2):"
                + " expected ',' or ']', but got : (line 3)");
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
        .hasMessage("i: line 3: id listed twice: finger");
    assertThatThrownBy(() -> KnowledgeLoader.parseIndex("i", "finger.yaml\n"))
        .hasMessageContaining("line 1: not an id");
  }
}
