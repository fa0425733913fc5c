package dev.ajar.remedy.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.CommandRunner;
import dev.ajar.remedy.journal.ChangeSetInfo.State;
import dev.ajar.remedy.journal.UndoReport.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remove-package record: written durably before the manager runs, read back whole, and an undo
 * that decides from the installed version (not from what the record hoped): reinstall when gone,
 * nothing when the removal never happened, refuse a different version. The manager here is a table
 * of installed versions that the commands change; the real apt-get is in CloseLiveIT.
 */
class JournalPackageTest {
  @TempDir Path tmp;
  Path root;
  final Map<String, String> installed = new HashMap<>(Map.of("fingerd", "0.17-17"));
  final List<String> ran = new ArrayList<>();
  boolean removalFails;

  static final RemovePackage FINGERD =
      new RemovePackage(
          "dpkg",
          "fingerd",
          "0.17-17",
          List.of("apt-get", "remove", "--no-auto-remove", "-y", "fingerd"),
          List.of("apt-get", "install", "--no-install-recommends", "-y", "fingerd=0.17-17"));

  final PackageSteps steps =
      new PackageSteps() {
        @Override
        public String installedVersion(String manager, String name) {
          return installed.get(name);
        }

        @Override
        public CommandRunner.Result run(List<String> argv) {
          ran.add(String.join(" ", argv));
          if (argv.get(1).equals("remove")) {
            if (removalFails) {
              return new CommandRunner.Result(
                  100, "", "E: Sub-process /usr/bin/dpkg returned an error code (1)");
            }
            installed.remove(argv.getLast());
          } else {
            String[] nv = argv.getLast().split("=");
            installed.put(nv[0], nv[1]);
          }
          return new CommandRunner.Result(0, "", "");
        }
      };

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/inetd.conf"), "finger stream tcp nowait nobody /usr/sbin/in.fingerd\n");
  }

  @Test
  void theRecordReadsBackWhole() throws Exception {
    UndoRecord record = UndoRecord.of(3, FINGERD);
    UndoRecord back = UndoRecord.fromJson(record.toJson());
    assertThat(back).isEqualTo(record);
    assertThat(back.summary())
        .isEqualTo("remove package fingerd 0.17-17 (apt-get remove --no-auto-remove -y fingerd)");
    assertThatThrownBy(
            () ->
                UndoRecord.fromJson(
                    new String(record.toJson(), StandardCharsets.UTF_8)
                        .replace("\"reinstall\":[", "\"reinstall\":[1,")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage("field change.reinstall[0] is not a string");
  }

  /** Disable (a file change), remove, undo: reinstalled first, then the file restored. */
  @Test
  void undoInstallsTheSameVersionAgainThenRestoresTheFiles() throws Exception {
    String id;
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("close finger --remove-packages")) {
        set.apply(
            new WriteFile(
                "/etc/inetd.conf",
                "#finger stream tcp nowait nobody /usr/sbin/in.fingerd\n"
                    .getBytes(StandardCharsets.UTF_8),
                null),
            journal.capture("/etc/inetd.conf"));
        assertThat(set.removePackage(FINGERD, steps).ok()).isTrue();
        set.commit();
        id = set.id();
      }
      assertThat(installed).doesNotContainKey("fingerd");
      assertThat(journal.list().getLast().summaries()).hasSize(2);
      UndoReport report = journal.undo(id, false, steps);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsExactly(Outcome.REVERTED, Outcome.REVERTED);
      assertThat(report.notes())
          .contains("package fingerd 0.17-17 installed again (its configuration files had stayed)");
    }
    assertThat(installed).containsEntry("fingerd", "0.17-17");
    assertThat(ran.getLast())
        .isEqualTo("apt-get install --no-install-recommends -y fingerd=0.17-17");
    assertThat(Files.readString(root.resolve("etc/inetd.conf"))).startsWith("finger ");
  }

  @Test
  void aFailedRemovalIsReportedAndUndoHasNothingToReinstall() throws Exception {
    removalFails = true;
    try (Journal journal = Journal.open(root)) {
      String id;
      try (ChangeSet set = journal.begin("close")) {
        assertThat(set.removePackage(FINGERD, steps).exitCode()).isEqualTo(100);
        set.commit();
        id = set.id();
      }
      UndoReport report = journal.undo(id, false, steps);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsExactly(Outcome.ALREADY_ORIGINAL);
    }
    assertThat(ran).hasSize(1);
  }

  /** Stopped between the durable record and the manager: partial, and undo leaves it installed. */
  @Test
  void aCrashAfterTheRecordBeforeTheRemovalUndoesToNothing() throws Exception {
    try (Journal journal = Journal.open(root)) {
      journal.checkpoints(
          name -> {
            if (name.equals("record 1: durable")) {
              throw new IllegalStateException("killed");
            }
          });
      try (ChangeSet set = journal.begin("close")) {
        assertThatThrownBy(() -> set.removePackage(FINGERD, steps)).hasMessage("killed");
      }
      journal.checkpoints(Checkpoint.NONE);
      assertThat(journal.list().getLast().state()).isEqualTo(State.PARTIAL);
      UndoReport report = journal.undo(null, false, steps);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsExactly(Outcome.ALREADY_ORIGINAL);
    }
    assertThat(ran).isEmpty();
    assertThat(installed).containsEntry("fingerd", "0.17-17");
  }

  /** Stopped after the manager ran, before commit: undo reinstalls. */
  @Test
  void aCrashAfterTheRemovalIsUndoneByReinstalling() throws Exception {
    try (Journal journal = Journal.open(root)) {
      journal.checkpoints(
          name -> {
            if (name.equals("change 1: done")) {
              throw new IllegalStateException("killed");
            }
          });
      try (ChangeSet set = journal.begin("close")) {
        assertThatThrownBy(() -> set.removePackage(FINGERD, steps)).hasMessage("killed");
      }
      journal.checkpoints(Checkpoint.NONE);
      journal.undo(null, false, steps);
    }
    assertThat(installed).containsEntry("fingerd", "0.17-17");
  }

  @Test
  void refusals() throws Exception {
    try (Journal journal = Journal.open(root)) {
      String id;
      try (ChangeSet set = journal.begin("close")) {
        installed.put("fingerd", "0.17-16");
        assertThatThrownBy(() -> set.removePackage(FINGERD, steps))
            .isInstanceOf(BadInputException.class)
            .hasMessage(
                "fingerd: version 0.17-16 is installed, not 0.17-17 as planned; it was not removed,"
                    + " plan again");
        installed.put("fingerd", "0.17-17");
        set.removePackage(FINGERD, steps);
        set.commit();
        id = set.id();
      }
      assertThatThrownBy(() -> journal.undo(id, false))
          .hasMessageContaining(
              "it removed the package fingerd, which only an undo on the running host can install"
                  + " again");
      installed.put("fingerd", "0.18-1");
      assertThatThrownBy(() -> journal.undo(id, false, steps))
          .hasMessageContaining("package fingerd (ajar removed 0.17-17, now 0.18-1 is installed)");
      UndoReport forced = journal.undo(id, true, steps);
      assertThat(forced.notes()).anyMatch(n -> n.contains("left as it is (ajar never downgrades)"));
      assertThat(installed).containsEntry("fingerd", "0.18-1");
    }
  }

  @Test
  void aReinstallThatFailsStopsTheUndoToBeRunAgain() throws Exception {
    try (Journal journal = Journal.open(root)) {
      String id;
      try (ChangeSet set = journal.begin("close")) {
        set.removePackage(FINGERD, steps);
        set.commit();
        id = set.id();
      }
      PackageSteps offline =
          new PackageSteps() {
            @Override
            public String installedVersion(String manager, String name) {
              return installed.get(name);
            }

            @Override
            public CommandRunner.Result run(List<String> argv) {
              return new CommandRunner.Result(
                  100, "", "E: Version '0.17-17' for 'fingerd' was not found");
            }
          };
      assertThatThrownBy(() -> journal.undo(id, false, offline))
          .hasMessageContaining(
              "installing fingerd 0.17-17 again failed (apt-get install --no-install-recommends -y"
                  + " fingerd=0.17-17: exit 100: E: Version '0.17-17' for 'fingerd' was not"
                  + " found)");
      assertThat(journal.list().getLast().state()).isEqualTo(State.UNDO_INTERRUPTED);
      journal.undo(id, false, steps);
      assertThat(journal.list().getLast().state()).isEqualTo(State.UNDONE);
    }
  }
}
