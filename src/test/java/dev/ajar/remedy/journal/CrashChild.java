package dev.ajar.remedy.journal;

import java.nio.file.Path;

/**
 * Runs in a separate JVM for the crash tests: opens the journal of a root, then either applies the
 * {@link Scenario} or undoes the latest change set. Prints every checkpoint it passes; at
 * checkpoint number {@code pauseAt} it prints PAUSED and waits to be killed (SIGKILL).
 *
 * <p>Arguments: apply|undo ROOT PAUSE_AT (0: never pause).
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path root = Path.of(args[1]);
    int pauseAt = Integer.parseInt(args[2]);
    try (Journal journal = Journal.open(root)) {
      journal.checkpoints(pausingAt(pauseAt));
      if (mode.equals("apply")) {
        Scenario.apply(journal);
      } else {
        journal.undo(null, false);
      }
    }
    System.out.println("DONE");
    System.out.flush();
  }

  /**
   * A checkpoint hook that prints each checkpoint reached and, at the {@code pauseAt}-th, says
   * PAUSED and waits to be killed: the parent test sends SIGKILL there.
   */
  static Checkpoint pausingAt(int pauseAt) {
    int[] count = {0};
    return name -> {
      count[0]++;
      System.out.println("CHECKPOINT " + count[0] + " " + name);
      if (count[0] == pauseAt) {
        System.out.println("PAUSED");
        System.out.flush();
        while (true) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    };
  }
}
