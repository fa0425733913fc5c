package dev.ajar.remedy.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ajar.host.Host;
import dev.ajar.remedy.Closing;
import dev.ajar.remedy.GoldenTree;
import dev.ajar.remedy.journal.ChangeSetInfo.State;
import dev.ajar.remedy.journal.UndoReport.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes of a whole `ajar close`: a child JVM ({@link CloseCrashChild}) plans and applies the
 * close of several entries of several supervisors on a copy of a fixture root, and is killed with
 * SIGKILL at a journal checkpoint, after each step in turn: the set created, each change done, the
 * commit (and each record durable, with -Dajar.crash.all=true). After each kill, undo
 * (Journal.undo, as `ajar undo`) must give back the copy exactly (content, mode, owner, times, link
 * targets), and the same close run again afterwards must work and leave the tree an uninterrupted
 * close leaves. (JournalCrashTest kills the journal alone at its finer points too: halfway through
 * each record, with a temporary file ready.)
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CloseCrashTest {
  static final Path FIXTURES = Path.of("src/test/resources/initscripts");

  /** A close to cut: which fixture, which words. */
  record Scenario(String fixture, List<String> words) {}

  static final List<Scenario> SCENARIOS =
      List.of(
          // chkconfig off of three SysV services: renames, a removal-free level, links made.
          new Scenario("redhat", List.of("sshd", "xinetd", "vsftpd")),
          // Two lines of one inetd.conf, rpcbind's systemd service and socket plus its SysV script,
          // vsftpd's unit and its SysV links.
          new Scenario("debian-systemd", List.of("finger", "telnet", "rpcbind", "vsftpd")));

  @TempDir Path tmp;

  record Child(Process process, List<String> checkpoints, boolean paused, List<String> output) {}

  private static Child start(Path root, Path journal, int pauseAt, List<String> words)
      throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path"),
                CloseCrashChild.class.getName(),
                root.toString(),
                journal.toString(),
                Integer.toString(pauseAt)));
    argv.addAll(words);
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    List<String> checkpoints = new ArrayList<>();
    List<String> output = new ArrayList<>();
    boolean paused = false;
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("CHECKPOINT ")) {
          checkpoints.add(line.substring(line.indexOf(' ', "CHECKPOINT ".length()) + 1));
        } else if (line.equals("PAUSED")) {
          paused = true;
          return new Child(process, checkpoints, true, output);
        }
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)
          || process.exitValue() != 0
          || !output.contains("DONE")) {
        fail("child failed:\n" + String.join("\n", output));
      }
      return new Child(process, checkpoints, false, output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      if (!paused) {
        process.destroyForcibly();
      }
    }
  }

  /** SIGKILL (destroyForcibly on Linux), and wait until the process is gone. */
  private static void kill(Child child) throws InterruptedException {
    assertThat(child.paused()).as("the child reached its pause point").isTrue();
    child.process().destroyForcibly();
    assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
  }

  /**
   * With {@code -Dajar.crash.all=true}, also between writing each record and making its change
   * (twice the child JVMs: too slow for every `mvn test` on two cores).
   */
  static final boolean EVERY_RECORD = Boolean.getBoolean("ajar.crash.all");

  /** The points between two steps of the close: the set made, each change done, the commit. */
  static boolean betweenSteps(String checkpoint) {
    return checkpoint.equals("set created")
        || checkpoint.endsWith(": done")
        || checkpoint.equals("committed")
        || EVERY_RECORD && checkpoint.endsWith(": durable");
  }

  @TestFactory
  Stream<DynamicNode> closeKilledAfterEachStepIsUndoneToTheOriginalTree() {
    return SCENARIOS.stream()
        .map(
            s -> {
              try {
                return scenario(s);
              } catch (Exception e) {
                throw new IllegalStateException(s + ": " + e, e);
              }
            });
  }

  private DynamicContainer scenario(Scenario s) throws Exception {
    // An uninterrupted run first: its checkpoints, and the tree a whole close leaves.
    Path dir = Files.createDirectories(tmp.resolve(s.fixture()));
    Path root = GoldenTree.copy(FIXTURES.resolve(s.fixture()), dir.resolve("whole"));
    SortedMap<String, String> original = GoldenTree.snapshot(root, null);
    Child whole = start(root, dir.resolve("whole-journal"), 0, s.words());
    assertThat(whole.paused()).isFalse();
    List<String> closed = GoldenTree.manifest(root);
    assertThat(closed)
        .as("the close changed something")
        .isNotEqualTo(
            GoldenTree.manifest(
                GoldenTree.copy(FIXTURES.resolve(s.fixture()), dir.resolve("pristine"))));
    List<String> names = whole.checkpoints();
    assertThat(names).startsWith("set header: half written", "set created").endsWith("committed");

    List<Integer> points =
        IntStream.rangeClosed(1, names.size())
            .filter(k -> betweenSteps(names.get(k - 1)))
            .boxed()
            .toList();
    return DynamicContainer.dynamicContainer(
        s.fixture()
            + " "
            + String.join(" ", s.words())
            + " ("
            + points.size()
            + " crash points of "
            + names.size()
            + " checkpoints)",
        points.stream()
            .map(
                k ->
                    DynamicTest.dynamicTest(
                        "SIGKILL at " + k + ": " + names.get(k - 1),
                        () -> killAt(s, k, names, original, closed))));
  }

  private void killAt(
      Scenario s,
      int k,
      List<String> names,
      SortedMap<String, String> original,
      List<String> closed)
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(s.fixture() + "-" + k));
    Path root = GoldenTree.copy(FIXTURES.resolve(s.fixture()), dir.resolve("root"));
    Path journalDir = dir.resolve("journal");
    assertThat(GoldenTree.snapshot(root, null)).isEqualTo(original);
    Child child = start(root, journalDir, k, s.words());
    assertThat(child.checkpoints()).isEqualTo(names.subList(0, k));
    kill(child);

    int made =
        (int) names.subList(0, k).stream().filter(n -> n.matches("change \\d+: done")).count();
    try (Journal journal = Journal.open(root, journalDir)) {
      assertThat(journal.list())
          .singleElement()
          .extracting(ChangeSetInfo::state)
          .isEqualTo(k == names.size() ? State.APPLIED : State.PARTIAL);
      UndoReport report = journal.undo(null, false);
      assertThat(report.steps())
          .filteredOn(step -> step.outcome() == Outcome.REVERTED)
          .hasSize(made);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .doesNotContain(Outcome.FORCED);
      assertThat(journal.list())
          .singleElement()
          .extracting(ChangeSetInfo::state)
          .isEqualTo(State.UNDONE);
      assertThatThrownBy(() -> journal.undo(null, false)).hasMessageContaining("nothing to undo");
    }
    assertThat(GoldenTree.snapshot(root, null))
        .as("after SIGKILL at %s and undo", names.get(k - 1))
        .isEqualTo(original);

    // The close again, whole, in this JVM: it plans from the restored tree and ends as one never
    // cut.
    Host host = Host.offline(root);
    Closing.close(host, Closing.named(host, s.words()).list(), "close again", journalDir);
    assertThat(GoldenTree.manifest(root)).as("close after undo").isEqualTo(closed);
  }
}
