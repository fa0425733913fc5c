package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Shared by the integration tests: prerequisites (root, commands), running programs, running ajar
 * in-process or through bin/ajar. A missing prerequisite skips the test with its reason, or fails
 * it when AJAR_REQUIRE_INTEGRATION=1 (CI), so CI can never pass by skipping.
 */
final class Integration {
  static final ObjectMapper JSON = new ObjectMapper();

  private Integration() {}

  static void require(boolean condition, String reason) {
    if (condition) {
      return;
    }
    if ("1".equals(System.getenv("AJAR_REQUIRE_INTEGRATION"))) {
      Assertions.fail("integration prerequisite missing (AJAR_REQUIRE_INTEGRATION=1): " + reason);
    }
    Assumptions.abort("skipped: " + reason);
  }

  static void requireRoot() {
    require(isRoot(), "needs root (network namespaces, other users' processes)");
  }

  static void requireCommand(String path) {
    require(
        Files.isExecutable(Path.of(path)),
        path + " is not installed (src/test/lab/install-test-deps.sh)");
  }

  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  record Result(int code, String out, String err) {}

  static Result exec(Duration timeout, String... argv) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    var err = new ByteArrayOutputStream();
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    p.getErrorStream().transferTo(err);
                  } catch (IOException e) {
                    // the process ended
                  }
                });
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      Assertions.fail(String.join(" ", argv) + ": timed out");
    }
    t.join();
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  static Result ajar(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static JsonNode ajarJson(String... args) {
    List<String> all = new ArrayList<>(List.of("ports"));
    all.addAll(List.of(args));
    all.add("--json");
    Result r = ajar(all.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.ports/1");
    return doc;
  }

  /** The sockets of a document with the given protocol and local port. */
  static List<JsonNode> sockets(JsonNode doc, String protocol, int port) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode s : doc.get("sockets")) {
      if (s.get("protocol").asString().equals(protocol)
          && s.get("local").get("port").asInt() == port) {
        found.add(s);
      }
    }
    return found;
  }

  static List<Integer> pids(JsonNode socket) {
    List<Integer> pids = new ArrayList<>();
    for (JsonNode p : socket.get("processes")) {
      pids.add(p.get("pid").asInt());
    }
    return pids;
  }

  static Path projectDir() {
    return Path.of(System.getProperty("user.dir"));
  }

  /** A name unique to this run, for namespaces that other runs may share the machine with. */
  static String uniqueName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 100000);
  }

  /** Removes a directory tree without following symlinks out of it. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
