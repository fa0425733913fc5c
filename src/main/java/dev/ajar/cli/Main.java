package dev.ajar.cli;

import dev.ajar.discover.PortDiscovery;
import dev.ajar.host.BadInputException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} does all the work and returns the exit code, so the whole command line
 * can be tested in-process. The one place where exceptions become messages and exit codes.
 */
public final class Main {
  private Main() {}

  /** The commands that read the live host's sockets, through the native fast paths. */
  private static final java.util.Set<String> LISTING =
      java.util.Set.of("ports", "audit", "verify", "policy", "menu", "watch");

  public static void main(String[] args) {
    if (args.length > 0 && LISTING.contains(args[0])) {
      PortDiscovery.linkNativeCallsInBackground(); // overlaps picocli's start-up work
    }
    // Buffered below the PrintStream: System.out flushes on every print, one write(2) per row,
    // and a loaded host's table has tens of thousands of rows.
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    // Questions are asked on a terminal only: piped input is not an administrator's answer.
    int code = run(System.console() == null ? null : System.in, out, err, args);
    out.flush();
    System.exit(code);
  }

  /** As {@link #run(InputStream, PrintStream, PrintStream, String...)} with no terminal. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(null, out, err, args);
  }

  /**
   * Runs one command and returns its exit code; every exception becomes a message here.
   *
   * @param in where answers to the confirmation question come from; null when there is no terminal
   *     to ask on (then `close` and `apply` need --yes)
   */
  public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
    AjarCommand root = new AjarCommand(in, out, err);
    CommandLine cl = new CommandLine(root);
    AjarCommand.addSubcommands(cl, args);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine failed = ex.getCommandLine();
          err.println(commandName(failed) + ": " + ex.getMessage());
          err.println("Try '" + commandName(failed) + " --help' for more information.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, failed, parseResult) -> {
          String name = commandName(failed);
          if (ex instanceof BadInputException bad) {
            err.println(name + ": " + bad.getMessage());
            if (root.debug) {
              bad.printStackTrace(err);
            }
            return ExitCodes.BAD_INPUT;
          }
          err.println(
              name
                  + ": internal error: "
                  + ex
                  + (root.debug ? "" : " (run with --debug for the stack trace)"));
          if (root.debug) {
            ex.printStackTrace(err);
          }
          return ExitCodes.INTERNAL;
        });
    try {
      return cl.execute(args);
    } catch (RuntimeException e) {
      // Thrown outside command execution (e.g. while printing help): still an exit code.
      err.println("ajar: internal error: " + e);
      return ExitCodes.INTERNAL;
    }
  }

  private static String commandName(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName(" ");
  }
}
