package dev.ajar.cli;

import dev.ajar.discover.PortInventory;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.policy.Policy;
import dev.ajar.policy.PolicyParser;
import dev.ajar.policy.PolicyWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `ajar policy init|check`: start a policy from what is open now; check one for errors. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    header = "Write a starting policy, or check a policy file.",
    subcommands = {PolicyCommand.Init.class, PolicyCommand.Check.class})
final class PolicyCommand implements Runnable {
  @ParentCommand AjarCommand parent;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: init or check");
  }

  /** `ajar policy init`: a policy allowing exactly what is open now, default deny. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      header = "Print a policy that allows exactly the ports open now.",
      description = {
        "Print (or write with --output) a policy that allows exactly the ports open",
        "now, each commented with its owner and package, and denies the rest. Edit it, then",
        "run 'ajar audit --policy FILE'."
      })
  static final class Init implements Callable<Integer> {
    @ParentCommand PolicyCommand policy;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write to FILE (refused if it exists, unless --force).")
    Path output;

    @Option(names = "--force", description = "Replace an existing --output file.")
    boolean force;

    @Option(
        names = "--netns",
        paramLabel = "all|host|NAME|PID",
        defaultValue = "all",
        description = "Network namespaces whose ports to allow (default: ${DEFAULT-VALUE}).")
    String netns;

    @Override
    public Integer call() throws IOException {
      Host host = policy.parent.host();
      Diagnostics diagnostics = policy.parent.thisRun().diagnostics();
      PortInventory inventory = policy.parent.thisRun().ports(PortQuery.listening(netns), true);
      String text = PolicyWriter.initial(inventory.sockets());
      if (output == null) {
        policy.parent.out.print(text);
        policy.parent.out.flush();
        return ExitCodes.OK;
      }
      if (Files.exists(output) && !force) {
        throw new BadInputException(
            "policy init: " + output + " exists (use --force to replace it)");
      }
      writeAtomically(output, text);
      policy.parent.err.println("ajar policy init: wrote " + output);
      return ExitCodes.OK;
    }

    /** Temporary file in the same directory, then rename: never a half-written policy. */
    static void writeAtomically(Path file, String text) throws IOException {
      Path dir = file.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, ".ajar-policy-", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try (var ch =
            java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (FileAlreadyExistsException e) {
        throw new BadInputException("policy init: " + file + " exists");
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** `ajar policy check FILE`: parse, report the first error with its position. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      header = "Check a policy file and its includes.",
      description = "Check a policy file (and its includes); print FILE:LINE:COLUMN of an error.")
  static final class Check implements Callable<Integer> {
    @ParentCommand PolicyCommand policy;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      Policy parsed = PolicyParser.parse(file);
      policy.parent.out.println(
          file
              + ": ok, "
              + parsed.rules().size()
              + " rules, default "
              + parsed.defaultAction().name().toLowerCase(java.util.Locale.ROOT));
      policy.parent.out.flush();
      return ExitCodes.OK;
    }
  }
}
