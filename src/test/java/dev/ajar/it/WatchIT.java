package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.history.HistoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * `ajar watch` as a process (bin/ajar on the built jar), against real sockets the test opens and
 * closes in a network namespace of its own (`ip netns`, lo only), so nothing else on the machine
 * shows in the history: each change recorded once with its owner; connections and short-lived
 * sockets not at all; the history intact after a SIGKILL in the middle of a transaction; restarts
 * that go on without recording a port twice.
 */
class WatchIT {
  private static final Duration PATIENCE = Duration.ofSeconds(40);

  private String netns;
  private Path dir;
  private Process sleeper;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void namespace() throws Exception {
    Integration.requireRoot();
    Integration.requireCommand("/usr/sbin/ip");
    Integration.requireCommand("/usr/bin/python3");
    netns = Integration.uniqueName("ajar-watch");
    dir = Files.createTempDirectory("ajar-watch-it-");
    run("ip", "netns", "add", netns);
    run("ip", "-n", netns, "link", "set", "lo", "up");
    // A namespace is read through a process in it: one that holds no socket.
    sleeper = new ProcessBuilder("ip", "netns", "exec", netns, "sleep", "600").start();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (sleeper != null) {
      sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (netns != null) {
      Integration.exec(Duration.ofSeconds(30), "ip", "netns", "del", netns);
    }
    if (dir != null) {
      Integration.deleteTree(dir);
    }
  }

  @Test
  void eachChangeIsRecordedOnceWithItsOwnerAndEphemeralSocketsNotAtAll() throws Exception {
    Path db = dir.resolve("history.db");
    Process watcher = watcher(db, "w1", Map.of());
    awaitLine(dir.resolve("w1.err"), l -> l.startsWith("ajar watch: a snapshot every 1 s"));

    Listener web = listen("tcp", 0);
    JsonNode opened = awaitEvent(db, web.port, "opened");
    // A connection to it, held a few seconds, and a UDP socket bound for a moment: not ports.
    Process client =
        inNetns(
            "python3",
            "-c",
            "import socket,time\n"
                + "c=socket.create_connection(('127.0.0.1',"
                + web.port
                + ")); time.sleep(4)\n"
                + "u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(('127.0.0.1',0));"
                + " time.sleep(0.3)\n");
    assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
    web.process.destroyForcibly().waitFor();
    JsonNode closed = awaitEvent(db, web.port, "closed");
    Thread.sleep(3000); // three more snapshots: nothing more to record

    List<JsonNode> events = events(db);
    assertThat(events)
        .as("only the listener, opened and closed once each")
        .extracting(e -> e.get("event").asString() + " " + e.get("port").asInt())
        .containsExactly("opened " + web.port, "closed " + web.port);
    for (JsonNode e : List.of(opened, closed)) {
      assertThat(e.get("netns").asString()).isEqualTo(netns);
      assertThat(e.get("protocol").asString()).isEqualTo("tcp");
      assertThat(e.get("address").asString()).isEqualTo("127.0.0.1");
      assertThat(e.get("exposure").asString()).isEqualTo("loopback");
      assertThat(e.get("how").asString()).isEqualTo("poll");
      assertThat(e.get("owner").get("supervisor").asString()).isEqualTo("manual");
      assertThat(e.get("owner").get("program").asString()).contains("python3");
      assertThat(e.get("process").get("pid").asLong()).isEqualTo(web.process.pid());
      assertThat(e.get("process").get("name").asString()).startsWith("python3");
      assertThat(e.get("process").get("user").asString()).isEqualTo("root");
    }
    Instant openedAt = Instant.parse(opened.get("time").asString());
    Instant closedAt = Instant.parse(closed.get("time").asString());
    assertThat(closedAt).isAfter(openedAt);
    assertThat(Instant.parse(opened.get("since").asString())).isBefore(openedAt);
    // The log line of each change on stdout
    List<String> out = Files.readAllLines(dir.resolve("w1.out"));
    assertThat(out).hasSize(2);
    assertThat(out.get(0))
        .startsWith("opened tcp 127.0.0.1:" + web.port + " netns=" + netns + " owner=manual");
    assertThat(out.get(1)).startsWith("closed tcp 127.0.0.1:" + web.port);

    // the text table names the port, its owner and process
    Integration.Result text = Integration.ajar("history", "--db", db.toString(), "tcp/" + web.port);
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("opened").contains("closed").contains("manual python3");
    watcher.destroy(); // SIGTERM: a clean stop
    assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(watcher.exitValue()).isEqualTo(143);
  }

  @Test
  void theHistorySurvivesSigkillMidWriteAndRestartsRecordNothingTwice() throws Exception {
    Path db = dir.resolve("history.db");
    // 1. A watcher that holds each recording transaction open for a minute, killed inside one.
    Process w1 = watcher(db, "w1", Map.of("AJAR_WATCH_TEST_HOLD_MS", "60000"));
    awaitLine(dir.resolve("w1.err"), l -> l.startsWith("ajar watch: a snapshot every"));
    Listener a = listen("tcp", 0);
    awaitLine(
        dir.resolve("w1.err"),
        l -> l.equals("ajar watch: test: holding a transaction of 1 changes open"));
    w1.destroyForcibly(); // SIGKILL, mid-write
    assertThat(w1.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(integrity(db)).isEqualTo("ok");
    assertThat(events(db)).as("the killed transaction left nothing").isEmpty();

    // 2. Restarted: A is recorded opened, once. Then killed again, between transactions.
    Process w2 = watcher(db, "w2", Map.of());
    JsonNode opened = awaitEvent(db, a.port, "opened");
    assertThat(opened.get("process").get("pid").asLong()).isEqualTo(a.process.pid());
    Thread.sleep(2500); // a few snapshots that must not record A again
    w2.destroyForcibly();
    assertThat(w2.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // 3. While nothing watches: A closes, B opens. The next watcher records both at its start.
    a.process.destroyForcibly().waitFor();
    Listener b = listen("udp", 0);
    Process w3 = watcher(db, "w3", Map.of());
    awaitEvent(db, b.port, "opened");
    awaitEvent(db, a.port, "closed");
    Thread.sleep(2500);
    // A second watcher of the same history is refused, naming the first.
    Integration.Result second =
        Integration.exec(
            Duration.ofSeconds(60),
            Integration.projectDir().resolve("bin/ajar").toString(),
            "watch",
            "--once",
            "--db",
            db.toString(),
            "--syslog",
            "no");
    assertThat(second.code()).isEqualTo(3);
    assertThat(second.err().strip())
        .isEqualTo(
            "ajar watch: "
                + db
                + ": another ajar watch records into this history (pid "
                + w3.pid()
                + ")");
    w3.destroy();
    assertThat(w3.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<JsonNode> events = events(db);
    assertThat(events)
        .extracting(
            e ->
                e.get("event").asString()
                    + " "
                    + e.get("protocol").asString()
                    + "/"
                    + e.get("port").asInt()
                    + " "
                    + e.get("how").asString()
                    + " run "
                    + e.get("run").asInt())
        .containsExactly(
            "opened tcp/" + a.port + " start run 2",
            "closed tcp/" + a.port + " start run 3",
            "opened udp/" + b.port + " start run 3");
    assertThat(events.get(2).get("process").get("pid").asLong()).isEqualTo(b.process.pid());
    assertThat(integrity(db)).isEqualTo("ok");
  }

  /** A listening TCP or bound UDP socket in the namespace, held by its own python3. */
  private record Listener(Process process, int port) {}

  private Listener listen(String protocol, int port) throws Exception {
    String type = protocol.equals("tcp") ? "SOCK_STREAM" : "SOCK_DGRAM";
    Process p =
        inNetns(
            "python3",
            "-c",
            "import socket,time\n"
                + "s=socket.socket(socket.AF_INET,socket."
                + type
                + "); s.bind(('127.0.0.1',"
                + port
                + "))\n"
                + (protocol.equals("tcp") ? "s.listen(8)\n" : "")
                + "print(s.getsockname()[1],flush=True); time.sleep(600)\n");
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertThat(line).as("the listener's port").isNotNull();
    return new Listener(p, Integer.parseInt(line.strip()));
  }

  private Process inNetns(String... argv) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    full.addAll(List.of(argv));
    Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    processes.add(p);
    return p;
  }

  private Process watcher(Path db, String name, Map<String, String> env) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Integration.projectDir().resolve("bin/ajar").toString(),
                "watch",
                "--interval",
                "1",
                "--db",
                db.toString(),
                "--netns",
                netns,
                "--syslog",
                "no",
                "--stats",
                "0")
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile());
    pb.environment().remove("JOURNAL_STREAM");
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static List<JsonNode> events(Path db) {
    Integration.Result r = Integration.ajar("history", "--db", db.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = Integration.JSON.readTree(r.out());
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.history/1");
    List<JsonNode> events = new ArrayList<>();
    doc.get("events").forEach(events::add);
    return events;
  }

  private static JsonNode awaitEvent(Path db, int port, String kind) throws Exception {
    Instant end = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(end)) {
      if (Files.exists(db)) {
        for (JsonNode e : events(db)) {
          if (e.get("port").asInt() == port && e.get("event").asString().equals(kind)) {
            return e;
          }
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no '" + kind + "' event of port " + port + " in " + PATIENCE);
  }

  private static void awaitLine(Path file, Predicate<String> wanted) throws Exception {
    Instant end = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(end)) {
      if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(wanted)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the line wanted never came in "
            + file
            + ": "
            + (Files.exists(file) ? Files.readString(file) : "(no file)"));
  }

  private static String integrity(Path db) {
    try (HistoryStore store = HistoryStore.openForReading(db)) {
      return store.integrityCheck();
    }
  }

  private static void run(String... argv) throws Exception {
    Integration.Result r = Integration.exec(Duration.ofSeconds(30), argv);
    assertThat(r.code()).as(String.join(" ", argv) + ": " + r.err()).isZero();
  }
}
