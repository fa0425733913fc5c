package dev.ajar.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.remedy.journal.UndoReport;
import dev.ajar.supervisors.Supervisors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden trees of a whole `ajar close` on the layouts whose tools cannot run here (Red Hat's
 * chkconfig, Slackware, OpenRC's rc-update): a fixture root of src/test/resources/initscripts is
 * copied, closed through {@link Closer} (plan, then apply into a journal, as `ajar close --root`
 * does), and the tree must be exactly the committed one under src/test/resources/golden/LAYOUT/CASE
 * (tree.txt: every path's type, mode, link target, content hash; expected/: the files; notes.txt:
 * what the plan says to the administrator). Then undo, as `ajar undo` does, must give back the copy
 * exactly: content, mode, owner, times, link targets. README.md there says how each expected tree
 * was made.
 *
 * <p>Run with {@code -Dajar.golden.update=true} to rewrite the expected trees from what ajar does
 * now (then review the diff): the committed files are the reference, and the test fails when the
 * output differs from them.
 */
class CloseGoldenTest {
  static final Path FIXTURES = Path.of("src/test/resources/initscripts");
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final boolean UPDATE = Boolean.getBoolean("ajar.golden.update");

  @TempDir Path tmp;

  /**
   * One golden case: close {@code words} on a fixture root, plus {@code extra}: entries that only
   * the live path finds (a daemon started by a line of a Slackware system script is attributed from
   * its running process; offline, only scripts are listed), handed to the same apply.
   */
  record Case(String layout, String name, String fixture, List<String> words, List<Owner> extra) {}

  static final List<Case> CASES =
      List.of(
          new Case(
              "redhat", "chkconfig-off", "redhat", List.of("sshd", "xinetd", "vsftpd"), List.of()),
          new Case(
              "slackware",
              "chmod-and-comment",
              "slackware",
              List.of("rc.sshd", "rc.inetd"),
              List.of(
                  new Owner(
                      SupervisorKind.SLACKWARE,
                      "rc.inet2:15",
                      "/etc/rc.d/rc.inet2",
                      15,
                      "/usr/sbin/snmpd"))),
          new Case("openrc", "rc-update-del", "alpine", List.of("rpcbind"), List.of()));

  @TestFactory
  Stream<DynamicTest> closeGivesTheGoldenTreeAndUndoTheOriginal() {
    return CASES.stream()
        .map(c -> DynamicTest.dynamicTest(c.layout() + "/" + c.name(), () -> check(c)));
  }

  private void check(Case c) throws Exception {
    Path tree =
        GoldenTree.copy(FIXTURES.resolve(c.fixture()), tmp.resolve(c.layout()).resolve("root"));
    Path journalDir = tmp.resolve(c.layout()).resolve("journal");
    SortedMap<String, String> before = GoldenTree.snapshot(tree, null);
    SortedMap<String, String> ownersBefore = GoldenTree.owners(tree);

    Host host = Host.offline(tree);
    List<Target> targets = new ArrayList<>(Closing.named(host, c.words()).list());
    for (Owner o : c.extra()) {
      targets.add(
          new Target(
              o, List.of(), List.of(), Supervisors.disablerFor(o.supervisor()).plan(host, o)));
    }
    String id = Closing.close(host, targets, "close " + String.join(" ", c.words()), journalDir);
    List<String> notes = new ArrayList<>();
    for (Target t : targets) {
      for (String note : t.plan().notes()) {
        notes.add(t.owner().supervisor() + " " + t.owner().entry() + ": " + note);
      }
    }

    Path caseDir = GOLDEN.resolve(c.layout()).resolve(c.name());
    if (UPDATE) {
      GoldenTree.write(tree, caseDir);
      Files.writeString(
          caseDir.resolve("notes.txt"),
          notes.stream().map(n -> n + "\n").reduce("", String::concat),
          StandardCharsets.UTF_8);
    }
    assertThat(GoldenTree.manifest(tree))
        .as("%s: the tree after close (tree.txt)", caseDir)
        .containsExactlyElementsOf(GoldenTree.readManifest(caseDir));
    for (String line : GoldenTree.readManifest(caseDir)) {
      String[] f = line.split("\t");
      if (f[1].equals("file")) {
        assertThat(Files.readString(tree.resolve(f[0]), StandardCharsets.ISO_8859_1))
            .as("%s: content of %s", caseDir, f[0])
            .isEqualTo(
                Files.readString(
                    caseDir.resolve("expected").resolve(f[0]), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(notes)
        .as("%s: notes.txt", caseDir)
        .containsExactlyElementsOf(
            Files.readAllLines(caseDir.resolve("notes.txt"), StandardCharsets.UTF_8));
    // A change keeps the owner of what it changes (renamed links, rewritten or chmod'ed files).
    SortedMap<String, String> ownersAfter = GoldenTree.owners(tree);
    ownersBefore.forEach(
        (path, owner) -> {
          if (ownersAfter.containsKey(path)) {
            assertThat(ownersAfter.get(path)).as("owner of %s", path).isEqualTo(owner);
          }
        });

    try (Journal journal = Journal.open(tree, journalDir)) {
      UndoReport report = journal.undo(null, false);
      assertThat(report.changeSetId()).isEqualTo(id);
      assertThat(report.steps())
          .extracting(UndoReport.Step::outcome)
          .containsOnly(UndoReport.Outcome.REVERTED);
    }
    assertThat(GoldenTree.snapshot(tree, null)).as("%s after undo", c.layout()).isEqualTo(before);
  }
}
