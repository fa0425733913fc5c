package dev.ajar.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The line reader of the bundled files gives what the full loader gives, on every bundled file, and
 * gives up (for the full loader) on what it does not read.
 */
class BundledPortDefaultsTest {
  private final KnowledgeBase full = KnowledgeBase.bundled();

  private static byte[] bundled(String id) throws IOException {
    try (InputStream in =
        KnowledgeLoader.class.getResourceAsStream(KnowledgeLoader.RESOURCE_DIR + id + ".yaml")) {
      return in.readAllBytes();
    }
  }

  @Test
  void everyBundledFileIsReadLineByLineAsTheLoaderReadsIt() throws IOException {
    for (String id : KnowledgeLoader.bundledIds()) {
      byte[] yaml = bundled(id);
      BundledPortDefaults.Summary s = BundledPortDefaults.summarize(id, yaml);
      ServiceKnowledge k = KnowledgeLoader.parse(id, "services/" + id + ".yaml", yaml);
      assertThat(s)
          .as("services/%s.yaml must stay in the plain layout (see BundledPortDefaults)", id)
          .isNotNull();
      assertThat(s.ports()).as(id).containsExactlyElementsOf(k.ports());
      assertThat(s.programs()).as(id).containsExactlyElementsOf(k.programs());
      assertThat(s.packages()).as(id).containsExactlyElementsOf(k.allPackages());
    }
    assertThat(BundledPortDefaults.bundled()).isInstanceOf(BundledPortDefaults.class);
  }

  @Test
  void answersAsTheKnowledgeBaseDoes() {
    PortDefaults light = BundledPortDefaults.bundled();
    Set<String> words =
        new LinkedHashSet<>(
            List.of(
                "",
                "nothing-of-that-name",
                "/usr/sbin/sshd",
                " sshd ",
                "/usr/sbin/in.fingerd (deleted)"));
    for (ServiceKnowledge s : full.all()) {
      words.add(s.id());
      words.addAll(s.programs());
      words.addAll(s.allPackages());
      words.addAll(s.aliases());
      s.programs().forEach(p -> words.add("/usr/sbin/" + p));
    }
    List<String> list = new ArrayList<>(words);
    list.add(null);
    for (String program : list) {
      for (String pkg : list) {
        assertThat(light.defaultPorts(program, pkg))
            .as("%s, %s", program, pkg)
            .isEqualTo(full.defaultPorts(program, pkg));
      }
      assertThat(light.defaultPortsOf(program)).as(program).isEqualTo(full.defaultPortsOf(program));
    }
  }

  @Test
  void givesUpOnWhatItDoesNotRead() {
    String base = "name: X\nports:\n  - 79/tcp\nprograms: [a, 389-ds]\nseverity: low\n";
    assertThat(BundledPortDefaults.summarize("x", bytes(base)).programs())
        .containsExactly("a", "389-ds");
    String blocks = "programs:\n  - a\npackages:\n  rhel: [c]\n  debian:\n    - b\n    - c\n";
    assertThat(BundledPortDefaults.summarize("x", bytes(blocks)).packages())
        .containsExactly("b", "c");
    for (String odd :
        List.of(
            "name: X\nports:\n  - 79/TCP\n",
            "name: X\nports: [79/tcp, 79/tcp]\n",
            "name: X\nports:\n  - 79/tcp # finger\n",
            "name: X\nports:\n    - 79/tcp\n",
            "name: X\nports: &p\n  - 79/tcp\n",
            "name: X\nprograms: [\"a\"]\n",
            "name: X\nprograms: [a,\n  b]\n",
            "name: X\nprograms: [123]\n",
            "name: X\nprograms: [0x1f]\n",
            "name: X\nprograms: [1e5]\n",
            "name: X\nprograms: [true]\n",
            "name: X\nprograms: [a]\nprograms: [b]\n",
            "name: X\npackages:\n  debian: a\n",
            "name: X\npackages:\n  debian: []\n",
            "name: X\npackages:\n  debian:\nseverity: low\n",
            "name: X\npackages:\n  debian:\n  - a\n",
            "name: X\npackages:\n  gentoo: [a]\n",
            "name: X\npackages: {debian: [a]}\n",
            "name: X\nwhy: \"multi\nports: [1/tcp]\"\n",
            "name: X\nwhy: [a,\nports: [1/tcp]]\n",
            "---\nname: X\n",
            "name: X\r\nports: []\r\n",
            "<<: *base\nname: X\n",
            "  name: X\n")) {
      assertThat(BundledPortDefaults.summarize("x", bytes(odd))).as(odd).isNull();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
