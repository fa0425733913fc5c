package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * `ajar verify` on this host: a port opened by hand (here, by the test's own JVM) is open now but
 * started by nothing at boot, and a policy that forbids it says so.
 */
class VerifyLiveIT {
  @TempDir Path tmp;

  static JsonNode verify(String... more) {
    List<String> args = new ArrayList<>(List.of("verify", "--json"));
    args.addAll(List.of(more));
    var r = Integration.ajar(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode doc = Integration.JSON.readTree(r.out());
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.verify/1");
    assertThat(doc.get("clean").asBoolean()).isFalse();
    return doc;
  }

  static List<JsonNode> withPort(JsonNode array, int port) {
    List<JsonNode> found = new ArrayList<>();
    array.forEach(
        n -> {
          if (n.get("port").asInt() == port) {
            found.add(n);
          }
        });
    return found;
  }

  @Test
  void aPortOpenedByHandIsOpenNowButNotAtBoot() throws Exception {
    Integration.requireRoot();
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      int port = listener.getLocalPort();
      JsonNode doc = verify();
      List<JsonNode> mine = withPort(doc.get("open_not_at_boot"), port);
      assertThat(mine).as("port %d in %s", port, doc.get("open_not_at_boot")).hasSize(1);
      assertThat(mine.getFirst().get("protocol").asString()).isEqualTo("tcp");
      List<Integer> pids = new ArrayList<>();
      mine.getFirst().get("pids").forEach(p -> pids.add(p.asInt()));
      assertThat(pids).contains((int) ProcessHandle.current().pid());
      assertThat(mine.getFirst().get("owner").get("supervisor").asString()).isEqualTo("manual");
      assertThat(withPort(doc.get("forbidden_now"), port)).isEmpty();

      Path policy = tmp.resolve("policy.yaml");
      Files.writeString(
          policy,
          "version: 1\ndefault: allow\nrules:\n  - deny: {port: "
              + port
              + ", protocol: tcp}\n    why: nothing should listen here\n");
      JsonNode judged = verify("--policy", policy.toString());
      assertThat(withPort(judged.get("forbidden_now"), port)).hasSize(1);
    }
    JsonNode after = Integration.JSON.readTree(Integration.ajar("verify", "--json").out());
    assertThat(after.get("schema").asString()).isEqualTo("ajar.verify/1");
  }

  @Test
  void verifyOfAnOfflineRootIsRefusedInOneLine() {
    var r = Integration.ajar("--root", tmp.toString(), "verify");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err().strip())
        .contains("verify --root: nothing runs in an offline root")
        .doesNotContain("\n");
  }
}
