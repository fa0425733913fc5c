package dev.ajar.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PolicyParserPropertiesTest {
  static final IncludeResolver INCLUDES =
      IncludeResolver.of(
          Map.of(
              "a.yaml", "version: 1\nrules: [{allow: {port: 1}}]\n",
              "b.yaml", "version: 1\ninclude: a.yaml\n",
              "c.yaml", "version: 1\ninclude: c.yaml\n",
              "d.yaml", "{{{{"));

  /** Parses, and lets nothing but a PolicyException (with a one-line message) out. */
  static void parseOrPolicyException(String text) {
    try {
      Policy p = PolicyParser.parse("p.yaml", text, INCLUDES);
      assertThat(p.defaultAction()).isNotNull();
      assertThat(p.rules()).doesNotContainNull();
    } catch (PolicyException e) {
      // Named in the file it concerns: the policy or one of its includes.
      assertThat(e.getMessage())
          .matches("(?s)[a-dp]\\.yaml(:[0-9]+:[0-9]+)?: .*")
          .doesNotContain("\n", "\r");
    }
  }

  @Property(tries = 2000)
  void anyTextGivesAPolicyOrAPolicyException(@ForAll String text) {
    parseOrPolicyException(text);
  }

  @Property(tries = 3000)
  void yamlLikeTextGivesAPolicyOrAPolicyException(@ForAll("yamlish") String text) {
    parseOrPolicyException(text);
  }

  /** Text made of the pieces of policies, so that most of it gets past the YAML parser. */
  @Provide
  Arbitrary<String> yamlish() {
    List<String> pieces =
        List.of(
            "version: 1\n",
            "version: 2\n",
            "default: deny\n",
            "default: allow\n",
            "rules:\n",
            "include: a.yaml\n",
            "include: [b.yaml, c.yaml]\n",
            "include: d.yaml\n",
            "include: ../x\n",
            "  - allow: ",
            "  - deny: ",
            "    why: x\n",
            "{",
            "}",
            "[",
            "]",
            ", ",
            ": ",
            "\n",
            "  ",
            "- ",
            "port: ",
            "22",
            "6000-6063",
            "-1",
            "70000",
            "ssh",
            "protocol: ",
            "tcp",
            "udp",
            "scope: ",
            "loopback",
            "not-any",
            "address: ",
            "10.0.0.0/8",
            "'::1'",
            "::/200",
            "program: ",
            "/usr/sbin/sshd",
            "sshd",
            "unit: ",
            "container: ",
            "true",
            "false",
            "null",
            "~",
            "netns: ",
            "service: ",
            "supervisor: ",
            "systemd",
            "package: ",
            "&a ",
            "*a",
            "!!str ",
            "<<: ",
            "? ",
            "---\n",
            "...\n",
            "\t",
            "\"",
            "'",
            "#",
            "%YAML 1.2\n",
            "|\n",
            ">\n",
            "\uFEFF",
            "\u0000",
            "\udc80",
            "é",
            "0x16",
            "1e3",
            ".inf",
            "9".repeat(30));
    return Arbitraries.of(pieces).list().ofMaxSize(40).map(l -> String.join("", l));
  }
}
