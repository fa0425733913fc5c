package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.PortState;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;

/**
 * One line per change on stdout ({@link ChangeText}). Under systemd stdout is the journal's: each
 * line then starts with its syslog priority ({@code <4>}), which journald reads as the entry's
 * priority, so {@code journalctl -p warning -u ajar-watch} shows the changes with findings.
 */
final class ChangeLog implements WatchListener {
  private final PrintStream out;
  private final boolean journal;

  /**
   * @param journal stdout is the journal's stream (prefix each line with its priority)
   */
  ChangeLog(PrintStream out, boolean journal) {
    this.out = out;
    this.journal = journal;
  }

  @Override
  public void snapshot(SnapshotStats stats, List<Change> changes, Collection<PortState> open) {
    if (changes.isEmpty()) {
      return;
    }
    for (Change c : changes) {
      if (journal) {
        out.print("<" + ChangeText.syslogSeverity(c) + ">");
      }
      out.println(ChangeText.line(c));
    }
    out.flush();
  }
}
