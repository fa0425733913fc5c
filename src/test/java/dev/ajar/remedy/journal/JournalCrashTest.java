package dev.ajar.remedy.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ajar.host.BadInputException;
import dev.ajar.remedy.journal.ChangeSetInfo.State;
import dev.ajar.remedy.journal.UndoReport.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes: the {@link Scenario} (eight changes, every kind) runs in a child JVM that stops at
 * checkpoint k and is killed with SIGKILL there, for every k from the set's creation to its commit,
 * including halfway through writing a record. Then this JVM opens the journal (the kernel released
 * the dead process's lock) and undoes: the tree must be the original, byte for byte, every time.
 * The same for an undo killed at each of its own steps.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JournalCrashTest {
  @TempDir Path tmp;

  /** A child that ran to the end, or stopped at its pause point (then still alive). */
  record Child(Process process, List<String> checkpoints, boolean paused, List<String> output) {}

  private static Child start(String mode, Path root, int pauseAt) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            CrashChild.class.getName(),
            mode,
            root.toString(),
            Integer.toString(pauseAt));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    List<String> checkpoints = new ArrayList<>();
    List<String> output = new ArrayList<>();
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
      if (!process.isAlive() || output.isEmpty() || !output.getLast().equals("PAUSED")) {
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

  private Path freshRoot(String name) throws IOException {
    return Fixture.build(Files.createDirectories(tmp.resolve(name)));
  }

  /** The checkpoints of a whole run, from a child that is not stopped. */
  private List<String> checkpointsOf(String mode) throws Exception {
    Path root = freshRoot("dry-" + mode);
    SortedMap<String, String> before = TreeSnapshot.of(root);
    if (mode.equals("undo")) {
      try (Journal journal = Journal.open(root)) {
        Scenario.apply(journal);
      }
    }
    Child child = start(mode, root, 0);
    assertThat(child.paused()).isFalse();
    if (mode.equals("apply")) {
      try (Journal journal = Journal.open(root)) {
        assertThat(journal.list())
            .singleElement()
            .extracting(ChangeSetInfo::state)
            .isEqualTo(State.APPLIED);
        journal.undo(null, false);
      }
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    return child.checkpoints();
  }

  @TestFactory
  Stream<DynamicTest> applyKilledAtEveryStepIsUndoneToTheOriginalTree() throws Exception {
    List<String> names = checkpointsOf("apply");
    assertThat(names)
        .startsWith(
            "set header: half written",
            "set created",
            "record 1: half written",
            "record 1: durable",
            "change 1: temporary file ready",
            "change 1: done");
    assertThat(names).endsWith("change 8: done", "commit: half written", "committed");
    assertThat(names).hasSize(2 + 8 * 3 + 4 + 2);
    return IntStream.rangeClosed(1, names.size())
        .mapToObj(
            k ->
                DynamicTest.dynamicTest(
                    "SIGKILL at " + k + ": " + names.get(k - 1), () -> killApplyAt(k, names)));
  }

  private void killApplyAt(int k, List<String> names) throws Exception {
    Path root = freshRoot("apply-" + k);
    SortedMap<String, String> before = TreeSnapshot.of(root);
    Child child = start("apply", root, k);
    assertThat(child.checkpoints()).hasSize(k).isEqualTo(names.subList(0, k));
    // While it lives, the child holds the lock: a second ajar is turned away at once, by pid.
    assertThatThrownBy(() -> Journal.open(root))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("is in use by another ajar (pid " + child.process().pid() + ")");
    kill(child);

    // Which changes were complete when it died: exactly those undo must find and revert.
    TreeSet<Integer> made = new TreeSet<>();
    for (int i = 0; i < k; i++) {
      var m = java.util.regex.Pattern.compile("change (\\d+): done").matcher(names.get(i));
      if (m.matches()) {
        made.add(Integer.parseInt(m.group(1)));
      }
    }
    try (Journal journal = Journal.open(root)) {
      List<ChangeSetInfo> sets = journal.list();
      if (k == 1) {
        assertThat(sets).as("killed before the set existed").isEmpty();
        assertThatThrownBy(() -> journal.undo(null, false)).hasMessageContaining("nothing to undo");
      } else {
        assertThat(sets)
            .singleElement()
            .extracting(ChangeSetInfo::state)
            .isEqualTo(k == names.size() ? State.APPLIED : State.PARTIAL);
        UndoReport report = journal.undo(null, false);
        assertThat(report.steps())
            .filteredOn(s -> s.outcome() == Outcome.REVERTED)
            .extracting(UndoReport.Step::change)
            .containsExactlyElementsOf(made.descendingSet());
        assertThat(report.steps())
            .extracting(UndoReport.Step::outcome)
            .doesNotContain(Outcome.FORCED);
        if (names.get(k - 1).contains("temporary")) {
          assertThat(report.notes())
              .anySatisfy(n -> assertThat(n).startsWith("removed the temporary file"));
        }
        assertThat(journal.list())
            .singleElement()
            .extracting(ChangeSetInfo::state)
            .isEqualTo(State.UNDONE);
      }
    }
    assertThat(TreeSnapshot.of(root))
        .as("after SIGKILL at %s and undo", names.get(k - 1))
        .isEqualTo(before);
  }

  @TestFactory
  Stream<DynamicTest> undoKilledAtEveryStepIsCompletedByTheNextUndo() throws Exception {
    List<String> names = checkpointsOf("undo");
    assertThat(names)
        .startsWith("undo-started: half written", "undo started")
        .endsWith("revert 1: done", "undone: half written", "undone");
    return IntStream.rangeClosed(1, names.size())
        .mapToObj(
            k ->
                DynamicTest.dynamicTest(
                    "SIGKILL at " + k + ": " + names.get(k - 1), () -> killUndoAt(k, names)));
  }

  private void killUndoAt(int k, List<String> names) throws Exception {
    Path root = freshRoot("undo-" + k);
    SortedMap<String, String> before = TreeSnapshot.of(root);
    try (Journal journal = Journal.open(root)) {
      Scenario.apply(journal);
    }
    Child child = start("undo", root, k);
    assertThat(child.checkpoints()).isEqualTo(names.subList(0, k));
    kill(child);
    try (Journal journal = Journal.open(root)) {
      assertThat(journal.list())
          .singleElement()
          .extracting(ChangeSetInfo::state)
          .isEqualTo(
              k == 1 ? State.APPLIED : k == names.size() ? State.UNDONE : State.UNDO_INTERRUPTED);
      if (k < names.size()) {
        UndoReport report = journal.undo(null, false);
        assertThat(report.steps())
            .extracting(UndoReport.Step::outcome)
            .doesNotContain(Outcome.FORCED);
      }
    }
    assertThat(TreeSnapshot.of(root))
        .as("after SIGKILL at %s and undo again", names.get(k - 1))
        .isEqualTo(before);
  }

  /** The index (1-based) of a named checkpoint of the apply run. */
  private static int indexOf(List<String> names, String name) {
    int i = names.indexOf(name);
    assertThat(i).as(name).isNotNegative();
    return i + 1;
  }

  @Test
  void aRecordTornByTheCrashIsIgnoredAndTheRestUndone() throws Exception {
    List<String> names = checkpointsOf("apply");
    // Killed halfway through writing record 4, on a file system that made the rename durable
    // before the data: the record file exists under its final name, cut in half.
    Path root = freshRoot("torn-real");
    SortedMap<String, String> before = TreeSnapshot.of(root);
    kill(start("apply", root, indexOf(names, "record 4: half written")));
    Path set = onlySet(root);
    Path half = set.resolve("000004.rec.tmp");
    assertThat(Files.size(half)).isPositive();
    Files.move(half, set.resolve("000004.rec"), StandardCopyOption.ATOMIC_MOVE);
    undoAndExpectTorn(root, before, set.resolve("000004.rec"));
  }

  @Test
  void aLastRecordTruncatedByHandIsIgnoredAndTheRestUndone() throws Exception {
    List<String> names = checkpointsOf("apply");
    Path root = freshRoot("torn-hand");
    SortedMap<String, String> before = TreeSnapshot.of(root);
    kill(start("apply", root, indexOf(names, "record 4: durable")));
    Path record = onlySet(root).resolve("000004.rec");
    byte[] whole = Files.readAllBytes(record);
    Files.write(record, java.util.Arrays.copyOf(whole, whole.length - 7));
    undoAndExpectTorn(root, before, record);
  }

  private static Path onlySet(Path root) throws IOException {
    try (Stream<Path> sets = Files.list(root.resolve("var/lib/ajar/changes"))) {
      return sets.collect(
          java.util.stream.Collectors.collectingAndThen(
              java.util.stream.Collectors.toList(), List::getFirst));
    }
  }

  private static void undoAndExpectTorn(Path root, SortedMap<String, String> before, Path record)
      throws IOException {
    try (Journal journal = Journal.open(root)) {
      assertThat(journal.list())
          .singleElement()
          .satisfies(
              info -> {
                assertThat(info.state()).isEqualTo(State.PARTIAL);
                assertThat(info.changes()).as("the torn record is not counted").isEqualTo(3);
              });
      UndoReport report = journal.undo(null, false);
      assertThat(report.steps()).extracting(UndoReport.Step::change).containsExactly(3, 2, 1);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsOnly(Outcome.REVERTED);
      assertThat(report.notes())
          .anySatisfy(
              n ->
                  assertThat(n)
                      .isEqualTo(
                          record.toRealPath()
                              + " is torn (the process stopped while writing it); its"
                              + " change was never started, so it is ignored"));
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }
}
