package dev.ajar.supervisors;

import dev.ajar.change.FileChange;
import java.util.List;

/**
 * How to disable one supervisor entry persistently: the file changes (journaled, undoable), the
 * runtime steps that make it take effect now (skipped on an offline root), and notes for the
 * administrator (what else still starts it, what could not be done).
 */
public record DisablePlan(List<FileChange> changes, List<RuntimeStep> runtime, List<String> notes) {
  public DisablePlan {
    changes = List.copyOf(changes);
    runtime = List.copyOf(runtime);
    notes = List.copyOf(notes);
  }

  /** A command to run on the live host after the files are changed (never on an image). */
  public record RuntimeStep(String why, List<String> argv) {
    public RuntimeStep {
      argv = List.copyOf(argv);
    }
  }
}
