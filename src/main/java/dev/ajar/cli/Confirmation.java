package dev.ajar.cli;

import dev.ajar.host.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The question `close` and `apply` ask before changing anything, on a terminal only. */
final class Confirmation {
  private Confirmation() {}

  /** Asks on {@code in} (null: no terminal, refused); true only for "y" or "yes". */
  static boolean ask(InputStream in, PrintStream out, String command) throws IOException {
    if (in == null) {
      throw new BadInputException(
          command + ": no terminal to confirm on; use --yes (or --dry-run first)");
    }
    out.print("Make these changes? [y/N] ");
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
  }
}
