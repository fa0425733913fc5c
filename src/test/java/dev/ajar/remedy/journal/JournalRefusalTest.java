package dev.ajar.remedy.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.remedy.journal.ChangeSetInfo.State;
import dev.ajar.remedy.journal.UndoReport.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the journal refuses, and how --force gets past a conflict without losing anything. */
class JournalRefusalTest {
  @TempDir Path tmp;
  Path root;
  SortedMap<String, String> before;

  @BeforeEach
  void tree() throws IOException {
    root = Fixture.build(Files.createDirectory(tmp.resolve("root")));
    before = TreeSnapshot.of(root);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void undoRefusesAFileEditedAgainAfterAjarAndNamesIt() throws IOException {
    try (Journal journal = Journal.open(root)) {
      String id = Scenario.apply(journal);
      Files.writeString(root.resolve("etc/inetd.conf"), "# an admin's edit after ajar\n");
      var edited = TreeSnapshot.of(root);

      assertThatThrownBy(() -> journal.undo(null, false))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("undo of change set " + id + " refused, nothing was changed")
          .hasMessageContaining("/etc/inetd.conf (ajar left it a file with sha256 ")
          .hasMessageContaining("--force");
      assertThat(TreeSnapshot.of(root)).as("a refused undo changes nothing").isEqualTo(edited);
      assertThat(journal.list().getFirst().state()).isEqualTo(State.APPLIED);

      UndoReport report = journal.undo(null, true);
      assertThat(report.steps())
          .filteredOn(s -> s.change() == 1)
          .extracting(UndoReport.Step::outcome)
          .containsExactly(Outcome.FORCED);
      assertThat(report.steps())
          .filteredOn(s -> s.change() != 1)
          .extracting(UndoReport.Step::outcome)
          .containsOnly(Outcome.REVERTED);
      Path copy =
          journal.directory().resolve("changes").resolve(id).resolve("displaced/1-etc_inetd.conf");
      assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains(copy.toString()));
      assertThat(Files.readString(copy))
          .as("the admin's edit is not lost")
          .isEqualTo("# an admin's edit after ajar\n");
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void undoRefusesAMaskReplacedByAnotherLinkAndAChmodUndoneByHand() throws IOException {
    try (Journal journal = Journal.open(root)) {
      Scenario.apply(journal);
      Path mask = root.resolve("etc/systemd/system/telnet.socket");
      Files.delete(mask);
      Files.createSymbolicLink(mask, Path.of("/lib/systemd/system/telnet.socket"));
      Files.setAttribute(root.resolve("usr/sbin/in.rlogind"), "unix:mode", 0750);

      assertThatThrownBy(() -> journal.undo(null, false))
          .hasMessageContaining("2 files changed after ajar changed them")
          .hasMessageContaining(
              "/etc/systemd/system/telnet.socket (ajar left it a symbolic link to"
                  + " /dev/null, now it is a symbolic link to /lib/systemd/system/telnet.socket)")
          .hasMessageContaining("/usr/sbin/in.rlogind (ajar left it a file with sha256 ");
      journal.undo(null, true);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void undoRefusesWhileALaterSetChangedTheSameFile() throws IOException {
    try (Journal journal = Journal.open(root)) {
      String first = Scenario.apply(journal);
      String second;
      try (ChangeSet set = journal.begin("again")) {
        set.apply(
            new WriteFile("/etc/inetd.conf", bytes("later\n")), journal.capture("/etc/inetd.conf"));
        set.commit();
        second = set.id();
      }
      assertThatThrownBy(() -> journal.undo(first, false))
          .hasMessageContaining(
              "/etc/inetd.conf was changed again by the later change set " + second)
          .hasMessageContaining("undo that one first");
      journal.undo(null, false);
      journal.undo(null, false);
      assertThatThrownBy(() -> journal.undo(null, false)).hasMessageContaining("nothing to undo");
      assertThatThrownBy(() -> journal.undo(first, false)).hasMessageContaining("undone already");
      assertThatThrownBy(() -> journal.undo("20990101T000000.000Z-000000", false))
          .hasMessageContaining("no change set 20990101T000000.000Z-000000");
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void applyRefusesAFileChangedBetweenPlanAndApply() throws IOException {
    try (Journal journal = Journal.open(root)) {
      Precondition planned = journal.capture("/etc/inetd.conf");
      Files.writeString(root.resolve("etc/inetd.conf"), "edited meanwhile\n");
      var edited = TreeSnapshot.of(root);
      try (ChangeSet set = journal.begin("stale plan")) {
        assertThatThrownBy(() -> set.apply(new WriteFile("/etc/inetd.conf", bytes("x\n")), planned))
            .isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(
                "/etc/inetd.conf: changed since the plan was made (expected a file"
                    + " with sha256 ")
            .hasMessageContaining("this change was not made, plan again");
        assertThat(set.size()).isZero();
      }
      assertThat(TreeSnapshot.of(root)).isEqualTo(edited);
      assertThat(journal.list()).as("a set with no change leaves no trace").isEmpty();
    }
  }

  @Test
  void preconditionsOfEveryKind() throws IOException {
    try (Journal journal = Journal.open(root);
        ChangeSet set = journal.begin("preconditions")) {
      assertThatThrownBy(
              () ->
                  set.apply(
                      new CreateSymlink("/etc/systemd/system/rsh.service", "/dev/null"),
                      Precondition.absent()))
          .hasMessageContaining("expected absent, found a file with sha256");
      assertThatThrownBy(
              () ->
                  set.apply(
                      new RemovePath("/etc/rc3.d/S20telnetd"),
                      Precondition.symlinkTo("../init.d/other")))
          .hasMessageContaining(
              "expected a symbolic link to ../init.d/other, found a symbolic link to"
                  + " ../init.d/telnetd");
      assertThatThrownBy(
              () ->
                  set.apply(
                      new WriteFile("/etc/new", bytes("x")), Precondition.content(bytes("x"))))
          .hasMessageContaining("found absent");
      set.apply(new WriteFile("/etc/new", bytes("x")), Precondition.absent());
      assertThat(set.size()).isEqualTo(1);
    }
  }

  @Test
  void changesThatCouldNotBeUndoneExactlyAreRefused() throws IOException {
    Files.createDirectories(root.resolve("etc/dir/sub"));
    Files.write(root.resolve("etc/big"), new byte[(int) Node.CONTENT_LIMIT + 1]);
    try (Journal journal = Journal.open(root);
        ChangeSet set = journal.begin("refusals")) {
      assertThatThrownBy(
              () -> set.apply(new RemovePath("/etc/dir"), journal.capture("/etc/inetd.conf")))
          .hasMessageContaining("/etc/dir: changed since the plan");
      assertThatThrownBy(() -> journal.capture("/etc/dir"))
          .hasMessage(
              "/etc/dir: is a directory; ajar changes only regular files and symbolic links");
      assertThatThrownBy(
              () ->
                  set.apply(new WriteFile("/etc/big", bytes("small")), journal.capture("/etc/big")))
          .hasMessageContaining("/etc/big: is larger than 16 MiB");
      assertThatThrownBy(() -> set.apply(new RemovePath("/etc/gone"), Precondition.absent()))
          .hasMessage("/etc/gone: does not exist, nothing to remove");
      assertThatThrownBy(
              () ->
                  set.apply(
                      new RenamePath("/etc/rc2.d/S20telnetd", "/etc/init.d/telnetd"),
                      journal.capture("/etc/rc2.d/S20telnetd")))
          .hasMessageStartingWith("/etc/init.d/telnetd: exists already");
      assertThatThrownBy(
              () ->
                  set.apply(
                      new ChangeMode("/etc/rc2.d/S20telnetd", 0),
                      journal.capture("/etc/rc2.d/S20telnetd")))
          .hasMessageContaining(
              "ajar changes the mode of regular files only (name the file the link"
                  + " points to)");
      assertThatThrownBy(
              () -> set.apply(new CreateSymlink("/etc/x", "a//b"), Precondition.absent()))
          .hasMessageContaining("cannot be recorded exactly");
      assertThatThrownBy(
              () ->
                  set.apply(new WriteFile("/etc/../etc/passwd", bytes("x")), Precondition.absent()))
          .hasMessage("/etc/../etc/passwd: '..' in the path");
      assertThatThrownBy(
              () -> set.apply(new WriteFile("etc/passwd", bytes("x")), Precondition.absent()))
          .hasMessage("etc/passwd: not an absolute path");
      assertThatThrownBy(
              () ->
                  set.apply(
                      new WriteFile("/var/lib/ajar/lock", bytes("x")),
                      journal.capture("/etc/inetd.conf")))
          .hasMessageContaining("is ajar's journal");
      assertThat(set.size()).isZero();
    }
    Files.delete(root.resolve("etc/big"));
    Files.delete(root.resolve("etc/dir/sub"));
    Files.delete(root.resolve("etc/dir"));
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void aParentThatIsALinkOutOfTheRootIsRefusedAndNothingOutsideIsTouched() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("inetd.conf"), "host's own file\n");
    Files.createSymbolicLink(root.resolve("etc/evil"), outside);
    Files.createSymbolicLink(
        root.resolve("etc/sneaky"), Path.of("../../../../../../../../" + outside));
    try (Journal journal = Journal.open(root);
        ChangeSet set = journal.begin("escape")) {
      for (String link : new String[] {"/etc/evil", "/etc/sneaky"}) {
        assertThatThrownBy(
                () ->
                    set.apply(
                        new WriteFile(link + "/inetd.conf", bytes("pwned\n")),
                        Precondition.content(bytes("host's own file\n"))))
            .isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(
                link
                    + "/inetd.conf: parent directory "
                    + link
                    + " does not exist inside the root "
                    + root.toRealPath())
            .hasMessageContaining(link + " is a symbolic link to ")
            .hasMessageContaining("links are followed inside the root only");
        assertThatThrownBy(
                () -> set.apply(new RemovePath(link + "/inetd.conf"), Precondition.absent()))
            .hasMessageContaining("does not exist inside the root");
        assertThatThrownBy(() -> journal.capture(link + "/inetd.conf"))
            .hasMessageContaining("does not exist inside the root");
      }
    }
    assertThat(Files.readString(outside.resolve("inetd.conf"))).isEqualTo("host's own file\n");
    assertThat(outside.toFile().list()).containsExactly("inetd.conf");
    Files.delete(root.resolve("etc/evil"));
    Files.delete(root.resolve("etc/sneaky"));
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void aParentLinkThatStaysInsideTheRootIsFollowedThere() throws IOException {
    // merged /usr: /sbin -> usr/sbin; an absolute link is taken relative to the root.
    Files.createSymbolicLink(root.resolve("sbin"), Path.of("usr/sbin"));
    Files.createSymbolicLink(root.resolve("etc/units"), Path.of("/etc/systemd/system"));
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("through links")) {
        set.apply(new ChangeMode("/sbin/in.rlogind", 0700), journal.capture("/sbin/in.rlogind"));
        set.apply(
            new CreateSymlink("/etc/units/telnet.socket", "/dev/null"), Precondition.absent());
        set.commit();
      }
      assertThat(Files.getAttribute(root.resolve("usr/sbin/in.rlogind"), "unix:mode"))
          .isEqualTo(0100700);
      assertThat(Files.readSymbolicLink(root.resolve("etc/systemd/system/telnet.socket")))
          .isEqualTo(Path.of("/dev/null"));
      journal.undo(null, false);
    }
    Files.delete(root.resolve("sbin"));
    Files.delete(root.resolve("etc/units"));
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void aSecondOpenFailsFastWhileTheFirstHoldsTheLock() throws IOException {
    Path dir;
    try (Journal first = Journal.open(root)) {
      dir = first.directory();
      long start = System.nanoTime();
      assertThatThrownBy(() -> Journal.open(root))
          .isInstanceOf(BadInputException.class)
          .hasMessage("journal " + dir + " is already open in this process");
      assertThatThrownBy(() -> Journal.open(tmp.resolve("root/.."), dir))
          .as("the same directory by another name")
          .hasMessageContaining("already open");
      assertThat(System.nanoTime() - start)
          .as("fails at once, does not wait")
          .isLessThan(2_000_000_000L);
      assertThat(Files.readString(dir.resolve("lock")).trim())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      // The failed opens must not have released the first one's lock (fcntl locks are per
      // process and die with any descriptor of the file): it can still write.
      Scenario.apply(first);
    }
    try (Journal again = Journal.open(root)) {
      again.undo(null, false);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void aDirectoryRemovedSinceIsNoObstacleWhenNothingOfOursIsInIt() throws IOException {
    Files.createDirectories(root.resolve("etc/ajar.d"));
    before = TreeSnapshot.of(root);
    try (Journal journal = Journal.open(root)) {
      try (ChangeSet set = journal.begin("new file in a new directory")) {
        set.apply(new WriteFile("/etc/ajar.d/closed.conf", bytes("x\n")), Precondition.absent());
        set.apply(
            new WriteFile("/etc/inetd.conf", bytes("y\n")), journal.capture("/etc/inetd.conf"));
        set.commit();
      }
      Files.delete(root.resolve("etc/ajar.d/closed.conf"));
      Files.delete(root.resolve("etc/ajar.d"));
      // The file ajar created is gone with its directory: absent, as before ajar. Not a conflict.
      UndoReport report = journal.undo(null, false);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsExactly(Outcome.REVERTED, Outcome.ALREADY_ORIGINAL);
    }
    Files.createDirectories(root.resolve("etc/ajar.d"));
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }

  @Test
  void aDamagedRecordBeforeTheLastIsRefusedByName() throws IOException {
    Path record;
    try (Journal journal = Journal.open(root)) {
      String id = Scenario.apply(journal);
      record = journal.directory().resolve("changes").resolve(id).resolve("000002.rec");
      byte[] data = Files.readAllBytes(record);
      data[data.length - 10] ^= 1;
      Files.write(record, data);
      assertThat(journal.list().getFirst().state()).isEqualTo(State.DAMAGED);
      assertThatThrownBy(() -> journal.undo(id, false))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining(record + ": torn or damaged, and changes were recorded after it");
    }
    // The masks point at the host's /dev/null: remove them so the temporary tree is only ours.
    Files.delete(root.resolve("etc/systemd/system/telnet.socket"));
    Files.delete(root.resolve("etc/systemd/system/rsh.service"));
  }

  @Test
  void aChangeSetLeftOpenIsPartialAndUndoable() throws IOException {
    try (Journal journal = Journal.open(root)) {
      ChangeSet set = journal.begin("interrupted");
      set.apply(new WriteFile("/etc/inetd.conf", bytes("x\n")), journal.capture("/etc/inetd.conf"));
      assertThat(journal.list()).extracting(ChangeSetInfo::state).containsExactly(State.OPEN);
      assertThatThrownBy(() -> journal.begin("another")).isInstanceOf(IllegalStateException.class);
      set.close();
      assertThat(journal.list()).extracting(ChangeSetInfo::state).containsExactly(State.PARTIAL);
      journal.undo(null, false);
    }
    assertThat(TreeSnapshot.of(root)).isEqualTo(before);
  }
}
