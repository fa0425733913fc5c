package dev.ajar.remedy.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChange;
import dev.ajar.change.Hashes;
import dev.ajar.change.Modes;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.remedy.journal.ChangeSetInfo.State;
import dev.ajar.remedy.journal.UndoReport.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden round trips, one per kind of change: the fixture tree, the change, the expected tree (only
 * the changed paths differ, each checked), then undo gives back the tree as it was: bytes, mode
 * bits including set-UID, owner, link targets, timestamps to the nanosecond.
 */
class JournalRoundTripTest {
  @TempDir Path tmp;
  Path root;
  SortedMap<String, String> before;

  @BeforeEach
  void tree() throws IOException {
    root = Fixture.build(Files.createDirectory(tmp.resolve("root")));
    before = TreeSnapshot.of(root);
  }

  /** uid:gid of a path in the fixture (0:0 as root, the user's own otherwise). */
  private String owner(String path) {
    return before.get(path).split(" ")[2];
  }

  /** Applies one change in its own set, checks the tree after it, undoes, checks the tree. */
  private SortedMap<String, String> roundTrip(FileChange change, String... changed)
      throws IOException {
    SortedMap<String, String> after;
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("test " + change.describe())) {
        set.apply(change, journal.capture(change.path()));
        set.commit();
      }
      after = TreeSnapshot.of(root);
      assertThat(TreeSnapshot.without(after, changed))
          .as(
              "everything but %s is untouched, no temporary file is left",
              String.join(", ", changed))
          .isEqualTo(TreeSnapshot.without(before, changed));
      assertThat(journal.list())
          .singleElement()
          .satisfies(
              info -> {
                assertThat(info.state()).isEqualTo(State.APPLIED);
                assertThat(info.changes()).isEqualTo(1);
                assertThat(info.summaries()).containsExactly(change.describe());
              });

      UndoReport report = journal.undo(null, false);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsExactly(Outcome.REVERTED);
      assertThat(report.notes()).isEmpty();
      assertThat(journal.list())
          .singleElement()
          .extracting(ChangeSetInfo::state)
          .isEqualTo(State.UNDONE);
    }
    assertThat(TreeSnapshot.of(root)).as("the tree after undo").isEqualTo(before);
    return after;
  }

  @Test
  void writeFileReplacesContentKeepingModeAndOwnerAndUndoRestoresTheBytesAndTimes()
      throws IOException {
    var after =
        roundTrip(
            new WriteFile("/etc/inetd.conf", Fixture.INETD_CLOSED.getBytes(StandardCharsets.UTF_8)),
            "etc/inetd.conf");
    assertThat(after.get("etc/inetd.conf"))
        .startsWith("file 0644 " + owner("etc/inetd.conf") + " mtime ")
        .endsWith(
            "sha256 "
                + Hashes.sha256(Fixture.INETD_CLOSED.getBytes(StandardCharsets.UTF_8))
                    .substring(0, 16)
                + " size "
                + Fixture.INETD_CLOSED.length());
  }

  @Test
  void writeFileWithAModeSetsIt() throws IOException {
    var after =
        roundTrip(
            new WriteFile(
                "/etc/xinetd.d/telnet",
                Fixture.XINETD_TELNET_CLOSED.getBytes(StandardCharsets.UTF_8),
                0640),
            "etc/xinetd.d/telnet");
    assertThat(after.get("etc/xinetd.d/telnet"))
        .startsWith("file 0640 " + owner("etc/xinetd.d/telnet") + " ");
  }

  @Test
  void writeFileCreatesANewFileAndUndoRemovesIt() throws IOException {
    var after =
        roundTrip(
            new WriteFile("/etc/hosts.deny", "ALL: ALL\n".getBytes(StandardCharsets.UTF_8)),
            "etc/hosts.deny");
    assertThat(after.get("etc/hosts.deny")).startsWith("file 0644 ");
    assertThat(before).doesNotContainKey("etc/hosts.deny");
  }

  @Test
  void writeFileOverASymlinkReplacesTheLinkAndUndoBringsTheLinkBack() throws IOException {
    var after =
        roundTrip(
            new WriteFile("/etc/rc3.d/S20telnetd", "plain\n".getBytes(StandardCharsets.UTF_8)),
            "etc/rc3.d/S20telnetd");
    assertThat(after.get("etc/rc3.d/S20telnetd")).startsWith("file 0644 ");
    assertThat(Files.readString(root.resolve("etc/init.d/telnetd")))
        .as("the link's target is untouched")
        .contains("in.telnetd");
  }

  @Test
  void maskCreatesALinkToDevNull() throws IOException {
    var after =
        roundTrip(
            new CreateSymlink("/etc/systemd/system/telnet.socket", "/dev/null"),
            "etc/systemd/system/telnet.socket");
    assertThat(after.get("etc/systemd/system/telnet.socket")).startsWith("link -> /dev/null ");
  }

  @Test
  void maskOverAnAdminsUnitFileKeepsTheFileForUndo() throws IOException {
    var after =
        roundTrip(
            new CreateSymlink("/etc/systemd/system/rsh.service", "/dev/null"),
            "etc/systemd/system/rsh.service");
    assertThat(after.get("etc/systemd/system/rsh.service")).startsWith("link -> /dev/null ");
  }

  @Test
  void removeOfASymlink() throws IOException {
    var after = roundTrip(new RemovePath("/etc/rc3.d/S20telnetd"), "etc/rc3.d/S20telnetd");
    assertThat(after).doesNotContainKey("etc/rc3.d/S20telnetd");
  }

  @Test
  void removeOfAPrivateFileOfAnotherUser() throws IOException {
    var after = roundTrip(new RemovePath("/etc/obsolete.conf"), "etc/obsolete.conf");
    assertThat(after).doesNotContainKey("etc/obsolete.conf");
  }

  @Test
  void renameOfAnRcLinkKeepsTheLinkItself() throws IOException {
    var after =
        roundTrip(
            new RenamePath("/etc/rc2.d/S20telnetd", "/etc/rc2.d/K80telnetd"),
            "etc/rc2.d/S20telnetd",
            "etc/rc2.d/K80telnetd");
    assertThat(after).doesNotContainKey("etc/rc2.d/S20telnetd");
    assertThat(after.get("etc/rc2.d/K80telnetd")).isEqualTo(before.get("etc/rc2.d/S20telnetd"));
  }

  @Test
  void chmodZeroOfASetUidBinaryAndUndoGivesTheSetUidBitBack() throws IOException {
    assumeTrue(
        Fixture.runningAsRoot(),
        "a user who is not root cannot read a mode 0000 file, so"
            + " cannot compare it by its bytes to undo the change; ajar refuses that (see below)");
    Path binary = root.resolve("usr/sbin/in.rlogind");
    Object inode = Files.getAttribute(binary, "unix:ino");
    var after = roundTrip(new ChangeMode("/usr/sbin/in.rlogind", 0), "usr/sbin/in.rlogind");
    assertThat(after.get("usr/sbin/in.rlogind")).startsWith("file 0000 ");
    assertThat(before.get("usr/sbin/in.rlogind")).startsWith("file 4755 ");
    assertThat(Files.getAttribute(binary, "unix:ino"))
        .as("changed in place, same inode")
        .isEqualTo(inode);
  }

  @Test
  void withoutRootAModeZeroFileIsRefusedByName() throws IOException {
    assumeFalse(Fixture.runningAsRoot(), "root reads mode 0000 files");
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("chmod 0")) {
        set.apply(
            new ChangeMode("/usr/sbin/in.rlogind", 0), journal.capture("/usr/sbin/in.rlogind"));
        set.commit();
      }
      assertThatThrownBy(() -> journal.undo(null, false))
          .hasMessageContaining(
              "in.rlogind: permission denied while reading it; changing or undoing"
                  + " it needs root");
      Files.setAttribute(root.resolve("usr/sbin/in.rlogind"), "unix:mode", 04755);
    }
  }

  @Test
  void strippingOnlyTheSetUidBit() throws IOException {
    var after = roundTrip(new ChangeMode("/usr/sbin/in.rlogind", 0755), "usr/sbin/in.rlogind");
    assertThat(after.get("usr/sbin/in.rlogind")).startsWith("file 0755 ");
  }

  @Test
  void aWholeCloseInOneSetIsUndoneInReverseOrder() throws IOException {
    try (Journal journal = Journal.open(root)) {
      String id = Scenario.apply(journal);
      assertThat(TreeSnapshot.of(root)).isNotEqualTo(before);
      assertThat(journal.list())
          .singleElement()
          .satisfies(
              info -> {
                assertThat(info.id()).isEqualTo(id);
                assertThat(info.description()).isEqualTo(Scenario.DESCRIPTION);
                assertThat(info.state()).isEqualTo(State.APPLIED);
                assertThat(info.changes()).isEqualTo(8);
              });
      UndoReport report = journal.undo(id, false);
      assertThat(report.steps())
          .extracting(UndoReport.Step::change)
          .containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsOnly(Outcome.REVERTED);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  /**
   * A journal on disk from before the change codec (src/test/resources/change/README.md): each
   * record's change rewritten as that version wrote it, no kind, a rename's source as "from", no
   * null mode. Undo still reads every record and gives the tree back.
   */
  @Test
  void aJournalWrittenByThePreviousVersionIsStillUndone() throws IOException {
    try (Journal journal = Journal.open(root)) {
      String id = Scenario.apply(journal);
      Path set =
          root.resolve(Journal.DEFAULT_DIRECTORY.substring(1)).resolve(Journal.CHANGES).resolve(id);
      for (int seq = 1; seq <= Scenario.changes().size(); seq++) {
        String name = String.format("%06d.rec", seq);
        String body = new String(Frames.read(set.resolve(name)), StandardCharsets.UTF_8);
        String old =
            body.replaceFirst(
                    "\"change\":\\{\"kind\":\"rename\",\"path\":", "\"change\":{\"from\":")
                .replaceFirst("\"change\":\\{\"kind\":\"[a-z-]+\",", "\"change\":{")
                .replace(",\"mode\":null}", "}");
        assertThat(old).isNotEqualTo(body).doesNotContain("\"change\":{\"kind\"");
        Frames.write(
            set, name, old.getBytes(StandardCharsets.UTF_8), Checkpoint.NONE, "old record " + seq);
      }
      assertThat(new String(Frames.read(set.resolve("000005.rec")), StandardCharsets.UTF_8))
          .contains(
              "\"change\":{\"from\":\"/etc/rc2.d/S20telnetd\",\"to\":\"/etc/rc2.d/K80telnetd\"}");
      UndoReport report = journal.undo(id, false);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .hasSize(8)
          .containsOnly(Outcome.REVERTED);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void twoChangesToOneFileInOneSetAreUndoneToTheFirstState() throws IOException {
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("twice")) {
        set.apply(
            new WriteFile("/etc/inetd.conf", "one\n".getBytes(StandardCharsets.UTF_8)),
            journal.capture("/etc/inetd.conf"));
        set.apply(
            new WriteFile("/etc/inetd.conf", "two\n".getBytes(StandardCharsets.UTF_8), 0600),
            Precondition.content("one\n".getBytes(StandardCharsets.UTF_8)));
        set.apply(
            new ChangeMode("/etc/inetd.conf", 0400),
            Precondition.content("two\n".getBytes(StandardCharsets.UTF_8)));
        set.commit();
      }
      journal.undo(null, false);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void twoSetsAreUndoneLatestFirst() throws IOException {
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("first")) {
        set.apply(
            new WriteFile("/etc/inetd.conf", "one\n".getBytes(StandardCharsets.UTF_8)),
            journal.capture("/etc/inetd.conf"));
        set.commit();
      }
      var middle = TreeSnapshot.of(root);
      String second;
      try (ChangeSet set = journal.begin("second")) {
        set.apply(
            new WriteFile("/etc/inetd.conf", "two\n".getBytes(StandardCharsets.UTF_8)),
            journal.capture("/etc/inetd.conf"));
        set.commit();
        second = set.id();
      }
      assertThat(journal.list())
          .extracting(ChangeSetInfo::description)
          .containsExactly("first", "second");
      assertThat(journal.undo(null, false).changeSetId()).isEqualTo(second);
      assertThat(TreeSnapshot.of(root)).isEqualTo(middle);
      journal.undo(null, false);
      assertThat(journal.list()).extracting(ChangeSetInfo::state).containsOnly(State.UNDONE);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void aSetThatChangedNothingLeavesNoTrace() throws IOException {
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("nothing")) {
        assertThat(set.size()).isZero();
      }
      assertThat(journal.list()).isEmpty();
    }
  }

  @Test
  void theOwnerOfAnotherUserIsKeptAndRestored() throws IOException {
    assumeTrue(
        Fixture.runningAsRoot(),
        "only root can give files to uid 65534: the fixture's foreign owners need root");
    assertThat(before.get("usr/sbin/in.rlogind")).contains(" 65534:0 ");
    assertThat(before.get("etc/obsolete.conf")).contains(" 65534:65534 ");
    assertThat(before.get("etc/rc2.d/S20telnetd")).contains(" 65534:65534 ");
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("owners")) {
        set.apply(
            new WriteFile("/etc/obsolete.conf", "secret=2\n".getBytes(StandardCharsets.UTF_8)),
            journal.capture("/etc/obsolete.conf"));
        set.commit();
      }
      assertThat(
              Files.getAttribute(
                  root.resolve("etc/obsolete.conf"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
          .as("a replaced file keeps its owner")
          .isEqualTo(Fixture.NOBODY);
      journal.undo(null, false);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void theJournalKeepsACopyOfWhatItOverwroteAndIsPrivate() throws IOException {
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("remove")) {
        set.apply(new RemovePath("/etc/obsolete.conf"), journal.capture("/etc/obsolete.conf"));
        set.commit();
      }
      Path dir = journal.directory();
      assertThat(dir).isEqualTo(root.resolve("var/lib/ajar").toRealPath());
      assertThat(Files.getPosixFilePermissions(dir))
          .extracting(Object::toString)
          .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
      Path record =
          dir.resolve("changes").resolve(journal.list().getFirst().id()).resolve("000001.rec");
      String text = Files.readString(record);
      assertThat(text)
          .startsWith("ajar-journal 1 ")
          .contains("\"kind\":\"remove\"")
          .contains("\"content\":\"c2VjcmV0PTEK\"");
      assertThat(Modes.octal((Integer) Files.getAttribute(record, "unix:mode"))).isEqualTo("0600");
    }
  }
}
