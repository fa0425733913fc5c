package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.ServiceCatalog;
import dev.ajar.model.Protocol;
import dev.ajar.remedy.GoldenTree;
import dev.ajar.remedy.RootFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every row of `ajar boot --root` can be named to `plan` and `close`, on every init layout ajar
 * disables (OpenRC, SysV Debian and Red Hat, Slackware, systemd with inetd), by its port and by its
 * service name: the plan names the row's owner and says what predicted it, the close takes the port
 * out of the next boot, and undo puts every byte back.
 */
class EveryPredictedPortClosesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Row(String protocol, int port, String supervisor, String entry) {
    String label() {
      return protocol + "/" + port;
    }
  }

  static List<Row> predicted(Path root) {
    CliTest.Run boot = CliTest.run("--root", root.toString(), "boot", "--json");
    assertThat(boot.code()).as(boot.err()).isZero();
    List<Row> rows = new ArrayList<>();
    for (JsonNode p : JSON.readTree(boot.out()).get("ports")) {
      if (!p.get("dynamic").asBoolean()) {
        JsonNode o = p.get("owner");
        rows.add(
            new Row(
                p.get("protocol").asString(),
                p.get("port").asInt(),
                o.get("supervisor").asString(),
                o.get("entry").asString()));
      }
    }
    return rows;
  }

  static TreeSet<String> ports(List<Row> rows) {
    TreeSet<String> ports = new TreeSet<>();
    rows.forEach(r -> ports.add(r.label()));
    return ports;
  }

  @ParameterizedTest
  @ValueSource(strings = {"alpine", "debian", "debian-systemd", "redhat", "slackware"})
  void everyRowClosesByPortAndByNameAndUndoes(String layout) throws Exception {
    Path root =
        GoldenTree.copy(Path.of("src/test/resources/initscripts/" + layout), dir.resolve(layout));
    closesEveryRow(root);
  }

  @Test
  void everyRowOfTheRootFixtureCloses() throws Exception {
    closesEveryRow(RootFixture.make(dir.resolve("fixture")));
  }

  @Test
  void aRunitRowIsRefusedWithWhy() throws Exception {
    Path root =
        GoldenTree.copy(Path.of("src/test/resources/initscripts/void"), dir.resolve("void"));
    assertThat(predicted(root)).extracting(Row::supervisor).contains("runit");
    CliTest.Run plan = CliTest.run("--root", root.toString(), "plan", "--close", "22");
    assertThat(plan.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(plan.err()).contains("nothing to disable for a 'runit' owner");
  }

  void closesEveryRow(Path root) throws Exception {
    List<Row> rows = predicted(root);
    assertThat(rows).isNotEmpty();
    ServiceCatalog names = ServiceCatalog.load(Host.offline(root), new Diagnostics());
    // every byte undo restores (owner, mode, time, content); the journal kept in the root aside
    Path journal = java.nio.file.Files.createDirectories(root.resolve("var/lib/ajar"));
    SortedMap<String, String> before = GoldenTree.snapshot(root, journal);
    for (Row row : rows) {
      String disable = "Disable " + row.supervisor() + " " + row.entry();
      CliTest.Run byPort =
          CliTest.run("--root", root.toString(), "plan", "--close", String.valueOf(row.port()));
      assertThat(byPort.code()).as(row + byPort.err()).isZero();
      assertThat(byPort.out()).as(row.toString()).contains(disable);
      assertThat(byPort.out().lines().filter(l -> l.startsWith("  matched '" + row.port() + "': ")))
          .as(row + ": which prediction matched")
          .anyMatch(l -> l.contains(row.label()));

      String name = names.name(Protocol.valueOf(row.protocol().toUpperCase()), row.port());
      if (name != null) {
        CliTest.Run byName = CliTest.run("--root", root.toString(), "plan", "--close", name);
        assertThat(byName.code()).as(row + " as " + name + byName.err()).isZero();
        assertThat(byName.out()).as(row + " as " + name).contains(disable);
      }

      CliTest.Run close =
          CliTest.run("--root", root.toString(), "close", String.valueOf(row.port()), "--yes");
      assertThat(close.code()).as(row + close.out() + close.err()).isZero();
      assertThat(predicted(root))
          .as("the next boot after closing " + row)
          .noneMatch(r -> r.label().equals(row.label()) && r.entry().equals(row.entry()));
      CliTest.Run undo = CliTest.run("--root", root.toString(), "undo");
      assertThat(undo.code()).as(undo.out() + undo.err()).isZero();
      assertThat(GoldenTree.snapshot(root, journal)).as("after undo of " + row).isEqualTo(before);
      assertThat(ports(predicted(root))).isEqualTo(ports(rows));
    }
  }
}
