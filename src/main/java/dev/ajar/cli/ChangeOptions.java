package dev.ajar.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that changes the system: `close` and `apply`. */
final class ChangeOptions {
  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--dry-run", description = "Show the diffs and commands; change nothing.")
  boolean dryRun;

  @Option(
      names = "--force",
      description = "Also close the port of the SSH connection ajar runs through.")
  boolean force;

  @Option(
      names = "--journal",
      paramLabel = "DIR",
      hidden = true,
      description = "Journal directory (default: /var/lib/ajar in the root).")
  Path journal;

  /**
   * Whether to go ahead: with --yes, else when the administrator answers yes at the terminal; when
   * not, says that nothing was changed.
   */
  boolean confirmed(AjarCommand parent, String command) throws IOException {
    if (yes || Confirmation.ask(parent.in, parent.out, command)) {
      return true;
    }
    parent.err.println(
        "ajar "
            + command
            + ": not confirmed; nothing was changed (use --yes to skip the question)");
    return false;
  }
}
