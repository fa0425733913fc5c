package dev.ajar.remedy.journal;

import dev.ajar.host.Host;
import dev.ajar.remedy.Closing;
import dev.ajar.remedy.Target;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs in a separate JVM for {@link CloseCrashTest}: a whole `ajar close --root ROOT WORDS...`
 * (plan, then apply through the journal, as CloseCommand does), printing every checkpoint of the
 * journal it passes; at checkpoint number {@code pauseAt} it prints PAUSED and waits to be killed.
 *
 * <p>Arguments: ROOT JOURNAL_DIR PAUSE_AT (0: never pause) WORD...
 */
public final class CloseCrashChild {
  private CloseCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path journalDir = Path.of(args[1]);
    int pauseAt = Integer.parseInt(args[2]);
    List<String> words = Arrays.asList(args).subList(3, args.length);
    Host host = Host.offline(root);
    List<Target> targets = Closing.named(host, words).list();
    try (Journal journal = Journal.open(root, journalDir)) {
      journal.checkpoints(CrashChild.pausingAt(pauseAt));
      Closing.close(host, Closing.plan(host, targets), "close " + String.join(" ", words), journal);
    }
    System.out.println("DONE");
    System.out.flush();
  }
}
