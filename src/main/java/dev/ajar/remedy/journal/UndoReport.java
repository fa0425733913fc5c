package dev.ajar.remedy.journal;

import java.util.List;

/**
 * What an undo did, change by change in the order it went (the reverse of how they were made), and
 * anything the user should know: torn records ignored, temporary files removed, copies kept of
 * files that --force overwrote.
 */
public record UndoReport(String changeSetId, List<Step> steps, List<String> notes) {
  public UndoReport {
    steps = List.copyOf(steps);
    notes = List.copyOf(notes);
  }

  /** One change reverted: its number, what it was, what undo found, the paths it restored. */
  public record Step(int change, String summary, Outcome outcome, List<String> paths) {
    public Step {
      paths = List.copyOf(paths);
    }
  }

  public enum Outcome {
    /** The change was found as ajar left it and reversed. */
    REVERTED,
    /** The paths were already in their original state (the change was never made). */
    ALREADY_ORIGINAL,
    /** Changed by someone else after ajar; the original state was restored anyway (--force). */
    FORCED
  }
}
