package dev.ajar.remedy.journal;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChange;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The change set the crash tests cut at every step: one `ajar close` of telnet, rlogin and rsh on
 * the {@link Fixture} tree, one change of every kind (eight changes).
 */
final class Scenario {
  static final String DESCRIPTION = "close telnet, rlogin, rsh";

  private Scenario() {}

  static List<FileChange> changes() {
    return List.of(
        new WriteFile("/etc/inetd.conf", Fixture.INETD_CLOSED.getBytes(StandardCharsets.UTF_8)),
        new WriteFile(
            "/etc/xinetd.d/telnet",
            Fixture.XINETD_TELNET_CLOSED.getBytes(StandardCharsets.UTF_8),
            0640),
        new CreateSymlink("/etc/systemd/system/telnet.socket", "/dev/null"),
        new CreateSymlink("/etc/systemd/system/rsh.service", "/dev/null"),
        new RenamePath("/etc/rc2.d/S20telnetd", "/etc/rc2.d/K80telnetd"),
        new RemovePath("/etc/rc3.d/S20telnetd"),
        // chmod 0 as root; a user cannot read a mode 0000 file back to undo it, so strip set-UID.
        new ChangeMode("/usr/sbin/in.rlogind", Fixture.runningAsRoot() ? 0 : 0755),
        new RemovePath("/etc/obsolete.conf"));
  }

  /** Plans (captures every precondition first, as a planner would), then applies and commits. */
  static String apply(Journal journal) throws IOException {
    List<FileChange> changes = changes();
    List<Precondition> expected = new ArrayList<>();
    for (FileChange change : changes) {
      expected.add(journal.capture(change.path()));
    }
    try (ChangeSet set = journal.begin(DESCRIPTION)) {
      for (int i = 0; i < changes.size(); i++) {
        set.apply(changes.get(i), expected.get(i));
      }
      set.commit();
      return set.id();
    }
  }
}
