package dev.ajar.cli;

import dev.ajar.host.BadInputException;
import dev.ajar.model.Owner;
import dev.ajar.policy.PolicyParser;
import dev.ajar.remedy.CloseRequest;
import dev.ajar.remedy.Targets;
import dev.ajar.supervisors.SuperServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options `plan` and `close` share, mapped to a {@link CloseRequest}, and their notes. */
final class CloseOptions {
  @Option(
      names = "--unlisted",
      description = "Close every port the policy (--policy) does not allow.")
  boolean unlisted;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy, for --unlisted.")
  Path policy;

  @Option(
      names = "--superserver",
      description =
          "When the entries closed are the last active ones of inetd or xinetd, also"
              + " stop starting the super-server itself.")
  boolean superServer;

  @Option(
      names = "--remove-packages",
      description =
          "Then remove the services' packages (apt-get remove, never purge or autoremove;"
              + " plan shows what would go); refused when more would go than --also-remove"
              + " allows.")
  boolean removePackages;

  @Option(
      names = "--also-remove",
      paramLabel = "PKG",
      split = ",",
      description =
          "With --remove-packages: packages that may go too (they depend on the services' ones).")
  Set<String> alsoRemove = Set.of();

  /** The request, for the words named (none with --unlisted). */
  CloseRequest request(
      CommandLine.Model.CommandSpec spec, List<String> words, CloseRequest.Lock lock) {
    if (unlisted == !words.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "name the ports or services to close, or use --unlisted with --policy (not both)");
    }
    if (unlisted && policy == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--unlisted needs --policy FILE");
    }
    if (!removePackages && !alsoRemove.isEmpty()) {
      throw new BadInputException("--also-remove needs --remove-packages");
    }
    return new CloseRequest(
        words,
        unlisted ? PolicyParser.parse(policy) : null,
        superServer,
        lock,
        removePackages ? alsoRemove : null);
  }

  /**
   * On stderr: the ports --unlisted leaves open and why, and, when the targets are a super-server's
   * last active entries and the request did not say --superserver, the offer.
   */
  static void notes(Targets targets, CloseRequest request, PrintStream err, String command) {
    for (String s : targets.leftOpen()) {
      err.println(command + ": left open: " + s);
    }
    List<Owner> idle = targets.idleSuperServers();
    if (!idle.isEmpty() && !request.superServer()) {
      List<String> names =
          idle.stream().map(o -> o.supervisor().label() + " " + o.entry()).toList();
      err.println(
          command
              + ": note: no active "
              + SuperServer.kindStartedBy(idle.getFirst()).label()
              + " entry would remain; add --superserver to stop starting it too ("
              + String.join(", ", names)
              + ")");
    }
  }
}
