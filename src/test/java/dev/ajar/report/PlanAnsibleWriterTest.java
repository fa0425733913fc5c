package dev.ajar.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.Precondition;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.remedy.ClosePlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The playbook is YAML whose values are exactly the plan's (checked by parsing it back); text from
 * the files is never evaluated by Ansible. ansible-playbook itself runs it in PlanFormatsIT.
 */
class PlanAnsibleWriterTest {
  static String playbook(ClosePlan plan) {
    var out = new ByteArrayOutputStream();
    PlanAnsibleWriter.write(plan, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<JsonNode> tasks(String yaml) {
    JsonNode doc = new YAMLMapper().readTree(yaml);
    List<JsonNode> tasks = new ArrayList<>();
    doc.get(0).get("tasks").forEach(tasks::add);
    return tasks;
  }

  @Test
  void everyChangeBecomesABuiltinTaskAfterTheChecks() {
    ClosePlan plan = PlanJsonTest.sample();
    plan =
        new ClosePlan(
            plan.root(),
            plan.targets(),
            plan.steps().stream().filter(s -> !s.change().path().equals("/etc/binary")).toList());
    String yaml = playbook(plan);
    List<JsonNode> tasks = tasks(yaml);
    // Checks first: stat + assert per path (6 paths + the rename's destination), then 6 changes, 1
    // command.
    assertThat(tasks).hasSize(2 * 6 + 6 + 1);
    assertThat(tasks.get(0).get("ansible.builtin.stat").get("path").asString())
        .isEqualTo("{{ ajar_prefix ~ '/etc/inetd.conf' }}");
    assertThat(tasks.get(0).get("ansible.builtin.stat").get("checksum_algorithm").asString())
        .isEqualTo("sha256");
    assertThat(tasks.get(1).get("ansible.builtin.assert").get("that").get(2).asString())
        .isEqualTo("ajar_check_1.stat.checksum == '" + PlanJsonTest.SHA + "'");
    JsonNode copy = tasks.get(12).get("ansible.builtin.copy");
    assertThat(copy.get("content").asString())
        .isEqualTo("#finger\tstream\n\"quoted\" \\ é \u0001\n");
    assertThat(copy.has("mode")).as("a replaced file keeps its mode").isFalse();
    JsonNode empty = tasks.get(13).get("ansible.builtin.copy");
    assertThat(empty.get("content").asString()).isEmpty();
    assertThat(empty.get("mode").asString()).as("a new file").isEqualTo("0644");
    assertThat(tasks.get(14).get("ansible.builtin.command").get("argv"))
        .extracting(JsonNode::asString)
        .containsExactly(
            "mv",
            "--no-target-directory",
            "--",
            "{{ ajar_prefix ~ '/etc/systemd/system/rpcbind.socket' }}",
            "{{ ajar_prefix ~ '/etc/systemd/system/rpcbind.socket.ajar-disabled' }}");
    assertThat(tasks.get(15).get("ansible.builtin.file").get("state").asString()).isEqualTo("link");
    assertThat(tasks.get(15).get("ansible.builtin.file").get("src").asString())
        .isEqualTo("/dev/null");
    assertThat(tasks.get(16).get("ansible.builtin.file").get("state").asString())
        .isEqualTo("absent");
    assertThat(tasks.get(17).get("ansible.builtin.file").get("mode").asString()).isEqualTo("0755");
    assertThat(tasks.get(18).get("when").asString()).isEqualTo("ajar_root == \"/\"");
    assertThat(yaml).as("a control character").contains("content: !unsafe \"#finger\\tstream\\n");
  }

  @Test
  void templatesQuotesAndLineBreaksInFilesStayText() {
    String hostile = "x = {{ lookup('pipe', 'id') }}\n  indented first? no: \"q\" 'a' \\ #\n\n\n";
    String path = "/etc/it's {{ x }}\\";
    var target =
        new ClosePlan.Entry(
            new Owner(SupervisorKind.INETD, "{{ bad }}", null, 0, null),
            List.of(),
            "why",
            List.of(),
            List.of());
    for (String content :
        new String[] {
          hostile, "  leading\nno newline", "crlf\r\nline\u2028sep\n", "\n", "\n\nx\n"
        }) {
      ClosePlan plan =
          new ClosePlan(
              "/",
              List.of(target),
              List.of(
                  new ClosePlan.Step(
                      new WriteFile(path, content.getBytes(StandardCharsets.UTF_8)),
                      Precondition.absent(),
                      List.of(0))));
      String yaml = playbook(plan);
      List<JsonNode> tasks = tasks(yaml);
      assertThat(tasks.get(2).get("ansible.builtin.copy").get("content").asString())
          .as(content)
          .isEqualTo(content);
      assertThat(tasks.get(2).get("ansible.builtin.copy").get("dest").asString())
          .isEqualTo("{{ ajar_prefix ~ '/etc/it\\'s {{ x }}\\\\' }}");
      assertThat(yaml).contains("name: !unsafe \"1. write /etc/it's {{ x }}\\\\");
    }
  }

  @Test
  void plainTextIsALiteralBlockToReview() {
    var target =
        new ClosePlan.Entry(
            new Owner(SupervisorKind.INETD, "x", null, 0, null),
            List.of(),
            "why",
            List.of(),
            List.of());
    ClosePlan plan =
        new ClosePlan(
            "/",
            List.of(target),
            List.of(
                new ClosePlan.Step(
                    new WriteFile(
                        "/etc/x", "#finger\tstream\n  b\n".getBytes(StandardCharsets.UTF_8)),
                    Precondition.absent(),
                    List.of(0))));
    assertThat(playbook(plan))
        .contains(
            "        content: !unsafe |2\n          #finger\tstream\n            b\n        mode:");
  }

  @Test
  void bytesThatAreNotTextCannotBeCarried() {
    var target =
        new ClosePlan.Entry(
            new Owner(SupervisorKind.INETD, "x", null, 0, null),
            List.of(),
            "why",
            List.of(),
            List.of());
    ClosePlan plan =
        new ClosePlan(
            "/",
            List.of(target),
            List.of(
                new ClosePlan.Step(
                    new WriteFile("/etc/x", new byte[] {(byte) 0xff}),
                    Precondition.absent(),
                    List.of(0))));
    assertThatThrownBy(() -> playbook(plan))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("/etc/x is not UTF-8 text")
        .hasMessageContaining("--format json or sh");
  }
}
