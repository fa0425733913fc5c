package dev.ajar.remedy.journal;

import java.time.Instant;
import java.util.List;

/**
 * One change set as `ajar log` shows it.
 *
 * @param changes the number of changes recorded (a torn last record is not counted)
 * @param summaries one line per change, in the order they were made
 */
public record ChangeSetInfo(
    String id,
    Instant created,
    String description,
    State state,
    int changes,
    List<String> summaries) {
  public ChangeSetInfo {
    summaries = List.copyOf(summaries);
  }

  public enum State {
    /** Being written by this journal right now. */
    OPEN,
    /** Not committed: the process stopped (or failed) in the middle; undo it or look at it. */
    PARTIAL,
    /** Committed: every change was made. */
    APPLIED,
    /** An undo started and did not finish; running undo again completes it. */
    UNDO_INTERRUPTED,
    UNDONE,
    /** A record or the header cannot be read; undo refuses and names the file. */
    DAMAGED;

    /** As printed by `ajar log`. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }
}
