package dev.ajar.remedy;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.pipeline.Run;
import dev.ajar.remedy.journal.Journal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The close path as `ajar close WORD... --yes` takes it, for tests that drive its steps. */
public final class Closing {
  private Closing() {}

  /** The targets the words name on this root (its run's closables). */
  public static Targets named(Host host, List<String> words) throws IOException {
    Run run = new Run(host, new Diagnostics());
    return run.closer()
        .targets(new CloseRequest(words, null, false, CloseRequest.Lock.NONE, null), run);
  }

  /** The targets' changes composed, each with the state its path is in now. */
  public static ClosePlan plan(Host host, List<Target> targets) throws IOException {
    return new Closer(host, new Diagnostics())
        .plan(new Targets(targets, List.of(), List.of(), null));
  }

  /** Plans and makes the targets in the journal; returns the change set's id. */
  public static String close(Host host, List<Target> targets, String description, Path journalDir)
      throws IOException {
    return close(host, plan(host, targets), description, journalDir);
  }

  /**
   * Makes a plan made earlier (checked again first) in the journal; returns the change set's id.
   */
  public static String close(Host host, ClosePlan plan, String description, Path journalDir)
      throws IOException {
    try (Journal journal = Journal.open(host.root(), journalDir)) {
      return close(host, plan, description, journal);
    }
  }

  /** The same in a journal the caller opened. */
  public static String close(Host host, ClosePlan plan, String description, Journal journal)
      throws IOException {
    return new Closer(host, new Diagnostics()).close(plan, null, description, journal).changeSet();
  }
}
