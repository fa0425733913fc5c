package dev.ajar.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.knowledge.ServiceKnowledge.PortSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled service files: all of them load, and they keep the rules of services/README.md. */
class BundledKnowledgeTest {
  /** The source folder, relative to the working directory Maven runs the tests in. */
  private static final Path SOURCE_DIR = Path.of("src/main/resources/dev/ajar/knowledge/services");

  private final List<ServiceKnowledge> all = KnowledgeBase.bundled().all();

  @Test
  void everyBundledFileLoads() {
    assertThat(KnowledgeLoader.loadBundled()).hasSameSizeAs(KnowledgeLoader.bundledIds());
    assertThat(all).hasSizeGreaterThanOrEqualTo(45);
  }

  @Test
  void indexAndFolderAgree() throws IOException {
    Set<String> files = new HashSet<>();
    try (Stream<Path> list = Files.list(SOURCE_DIR)) {
      list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .forEach(n -> files.add(n.substring(0, n.length() - ".yaml".length())));
    }
    List<String> index =
        KnowledgeLoader.parseIndex(
            "index.txt", Files.readString(SOURCE_DIR.resolve("index.txt"), StandardCharsets.UTF_8));
    assertThat(index).as("ids listed in index.txt").containsExactlyInAnyOrderElementsOf(files);
    assertThat(KnowledgeLoader.bundledIds()).containsExactlyElementsOf(index);
    assertThat(files).noneMatch(n -> n.endsWith(".yml"));
    try (Stream<Path> list = Files.list(SOURCE_DIR)) {
      assertThat(list.map(p -> p.getFileName().toString()))
          .as("nothing but YAML files, the index and the README")
          .allMatch(n -> n.endsWith(".yaml") || n.equals("index.txt") || n.equals("README.md"));
    }
  }

  @Test
  void idsAreUniqueAndSorted() {
    List<String> ids = all.stream().map(ServiceKnowledge::id).toList();
    assertThat(ids).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void requiredFieldsArePresent() {
    for (ServiceKnowledge s : all) {
      assertThat(s.severity()).as(s.id()).isNotNull();
      assertThat(s.name()).as(s.id()).isNotBlank();
      assertThat(s.why()).as(s.id() + ".why").isNotBlank();
      assertThat(s.instead()).as(s.id() + ".instead").isNotBlank();
      assertThat(s.risks()).as(s.id()).isSubsetOf(ServiceKnowledge.RISKS);
      assertThat(ServiceKnowledge.FAMILIES).as(s.id()).containsAll(s.packages().keySet());
      assertThat(s.packages().values()).as(s.id()).allSatisfy(v -> assertThat(v).isNotEmpty());
      assertThat(s.references())
          .as(s.id())
          .allSatisfy(r -> assertThat(ServiceKnowledge.REFERENCE_KINDS).contains(r.kind()));
      assertThat(s.ports().isEmpty() && s.programs().isEmpty() && s.packages().isEmpty())
          .as(s.id() + " can be matched by port, program or package")
          .isFalse();
    }
  }

  @Test
  void everyPortIsInRange() {
    for (ServiceKnowledge s : all) {
      assertThat(s.ports())
          .as(s.id())
          .allSatisfy(p -> assertThat(p.port()).isBetween(1, 65535))
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void noTwoServicesClaimTheSamePort() {
    Map<PortSpec, String> owners = new HashMap<>();
    for (ServiceKnowledge s : all) {
      for (PortSpec p : s.ports()) {
        String before = owners.putIfAbsent(p, s.id());
        assertThat(before).as(p + " claimed by " + before + " and " + s.id()).isNull();
      }
    }
  }

  @Test
  void genericHostProgramsAreNotClaimed() {
    Set<String> generic =
        Set.of("java", "beam.smp", "inetd", "xinetd", "systemd", "tcpd", "docker-proxy", "python3");
    for (ServiceKnowledge s : all) {
      assertThat(s.programs()).as(s.id()).doesNotContainAnyElementsOf(generic);
    }
  }

  @Test
  void theSeedsServicesAreCovered() {
    KnowledgeBase kb = KnowledgeBase.bundled();
    for (String id :
        List.of(
            "nfs",
            "nfs-lock",
            "finger",
            "rsh",
            "rexec",
            "rlogin",
            "ftp",
            "telnet",
            "mta",
            "dns",
            "linuxconf",
            "rpcbind")) {
      assertThat(kb.byId(id)).as(id).isPresent();
    }
    assertThat(kb.byId("mta").orElseThrow().loopbackOk()).isTrue();
    assertThat(kb.byId("mta").orElseThrow().instead()).contains("without").contains("port 25");
    assertThat(kb.byId("dns").orElseThrow().instead()).contains("chroot").contains("non-root");
    assertThat(kb.byId("ssh").orElseThrow().severity().label()).isEqualTo("low");
  }
}
