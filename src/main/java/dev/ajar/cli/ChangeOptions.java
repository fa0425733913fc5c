package dev.ajar.cli;

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
}
