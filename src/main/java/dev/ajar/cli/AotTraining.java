package dev.ajar.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run of the JDK's AOT cache (JEP 483/514/515): runs the usual read-only commands in
 * one JVM, output discarded, so the cache holds the classes, linkage and method profiles a real run
 * needs. Started by the build ({@code bin/aot-train}), never by users; nothing it runs changes the
 * host.
 */
public final class AotTraining {
  private AotTraining() {}

  /** Each command line the training runs, in order. */
  static final String[][] COMMANDS = {
    {"ports"},
    {"ports", "-a", "--json"},
    {"services"},
    {"--help"},
    {"ports", "--help"},
    {"explain", "telnet"},
    {"ports"},
  };

  public static void main(String[] args) {
    PrintStream nul = new PrintStream(OutputStream.nullOutputStream(), false);
    for (String[] command : COMMANDS) {
      try {
        Main.run(nul, nul, command);
      } catch (RuntimeException e) {
        // A command that cannot run on the build host (no /proc, no permission) trains less.
      }
    }
    System.exit(0);
  }
}
