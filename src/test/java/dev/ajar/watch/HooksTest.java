package dev.ajar.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.history.Change;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class HooksTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private Path script(String name, String body) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static SnapshotStats stats() {
    return new SnapshotStats(2, Ports.t(10), Duration.ZERO, null, 1, 1, true, 1);
  }

  private static Change opened() {
    return new Change(
        Change.Kind.OPENED, Change.How.POLL, Ports.t(10), Ports.t(0), Ports.judged(8080, 812));
  }

  @Test
  void eachHookGetsTheChangeAsJsonOnStdinAndInItsEnvironment() throws Exception {
    Path out = dir.resolve("out");
    Path hook =
        script(
            "hook",
            "cat > '"
                + out
                + "'; echo \"$AJAR_EVENT $AJAR_PROTOCOL $AJAR_PORT"
                + " $AJAR_SEVERITY $1\" >> '"
                + out
                + ".env'");
    Hooks hooks =
        new Hooks(List.of(Hooks.argv(hook + "  first ")), Duration.ofSeconds(10), "web1", err);
    hooks.snapshot(stats(), List.of(opened()), List.of());
    hooks.stopped();
    JsonNode doc = new ObjectMapper().readTree(Files.readString(out));
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.change/1");
    assertThat(doc.get("host").asString()).isEqualTo("web1");
    assertThat(doc.get("event").asString()).isEqualTo("opened");
    assertThat(doc.get("port").asInt()).isEqualTo(8080);
    assertThat(doc.get("owner").get("supervisor").asString()).isEqualTo("manual");
    assertThat(doc.get("owner").get("entry").isNull()).isTrue();
    assertThat(doc.get("process").get("pid").asInt()).isEqualTo(812);
    assertThat(doc.get("finding").get("severity").asString()).isEqualTo("info");
    assertThat(doc.get("why").asString()).isEqualTo("an unknown service");
    assertThat(Files.readString(dir.resolve("out.env"))).isEqualTo("opened tcp 8080 info first\n");
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void failuresAreSaidAndAHangingHookIsKilled() throws Exception {
    Path failing = script("failing", "exit 3");
    Path hanging = script("hanging", "sleep 30");
    Hooks hooks =
        new Hooks(
            List.of(
                List.of(failing.toString()),
                List.of(hanging.toString()),
                List.of(dir.resolve("missing").toString())),
            Duration.ofMillis(500),
            "h",
            err);
    long start = System.nanoTime();
    hooks.snapshot(stats(), List.of(opened()), List.of());
    hooks.stopped();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    String said = errBytes.toString(StandardCharsets.UTF_8);
    assertThat(said)
        .contains("ajar watch: hook " + failing + ": exited 3 for: opened tcp 127.0.0.1:8080")
        .contains("ajar watch: hook " + hanging + ": timed out after 500 ms, killed")
        .contains("ajar watch: hook " + dir.resolve("missing") + ": cannot run: ");
  }

  @Test
  void theLoopNeverWaitsForAHook() throws Exception {
    Path hanging = script("hanging", "sleep 30");
    Hooks hooks = new Hooks(List.of(List.of(hanging.toString())), Duration.ofMillis(300), "h", err);
    long start = System.nanoTime();
    for (int i = 0; i < Hooks.QUEUE + 5; i++) {
      hooks.snapshot(stats(), List.of(opened()), List.of());
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(errBytes.toString(StandardCharsets.UTF_8))
        .contains("queue full (256), not run for:");
  }
}
