package dev.ajar.cli;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.remedy.Closer;
import dev.ajar.remedy.PackageRemoval;
import dev.ajar.remedy.PlanApplier;
import dev.ajar.remedy.PlanComposer;
import dev.ajar.report.PlanStepsWriter;
import dev.ajar.report.PlanWriter;
import dev.ajar.report.RemovalWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `ajar close PORT|SERVICE...`: disable what opens it, persistently, journaled and undoable. */
@Command(
    name = "close",
    header = "Disable what opens ports or services, journaled.",
    mixinStandardHelpOptions = true,
    description = {
      "Disable, where it is started, whatever opens these ports or services: comment the inetd",
      "line, disable the xinetd service, mask the systemd service and its socket, turn start",
      "links into stop links... Every change is journaled first; 'ajar undo' reverts it.",
      "Live, the daemons are stopped too; on --root DIR only files change."
    })
final class CloseCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Parameters(paramLabel = "PORT|SERVICE", arity = "0..*", description = "e.g. finger, 79, rpcbind")
  List<String> what = List.of();

  @Option(names = "--unlisted", description = "Close every port the policy (--policy) does not allow.")
  boolean unlisted;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy, for --unlisted.")
  Path policy;

  @Option(names = "--lock-binaries",
      description = "Also chmod 0 each service's program, as the seed advises.")
  boolean lockBinaries;

  @Option(names = "--strip-setid",
      description = "With --lock-binaries: only clear set-UID/set-GID bits, keep it runnable.")
  boolean stripSetid;

  @Option(names = "--superserver",
      description = "When the entries closed are the last active ones of inetd or xinetd, also"
          + " stop starting the super-server itself.")
  boolean superServer;

  @Option(names = "--remove-packages",
      description = "Then remove the services' packages (apt-get remove, never purge or autoremove);"
          + " refused when more would go than --also-remove allows.")
  boolean removePackages;

  @Option(names = "--also-remove", paramLabel = "PKG", split = ",",
      description = "With --remove-packages: packages that may go too (they depend on the services' ones).")
  java.util.Set<String> alsoRemove = java.util.Set.of();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ChangeOptions change;

  @Override
  public Integer call() throws IOException {
    Host host = parent.host();
    Diagnostics diagnostics = new Diagnostics();
    Closer closer = new Closer(host, diagnostics);
    List<Closer.Target> targets = Targets.resolve(host, closer, what, unlisted, policy, parent.err, spec);
    if (targets.isEmpty()) {
      parent.out.println("Nothing to close.");
      return ExitCodes.OK;
    }
    targets = Targets.offerSuperServers(closer, targets, superServer, parent.err, "ajar close");
    if (lockBinaries || stripSetid) {
      targets = closer.withLockedBinaries(targets, stripSetid);
    }
    if (!change.force && host.isLive()) {
      Closer.refuseSshPort(targets.stream().flatMap(t -> t.ports().stream()).toList(),
          System.getenv("SSH_CONNECTION"));
    }
    PlanWriter.text(targets, host.isLive(), parent.out);
    PackageRemoval removal = new PackageRemoval(host, diagnostics);
    PackageRemoval.Plan removals = removePackages ? removal.plan(targets, alsoRemove) : null;
    if (removals != null) {
      RemovalWriter.text(removals, parent.out);
    } else if (!alsoRemove.isEmpty()) {
      throw new BadInputException("close: --also-remove needs --remove-packages");
    }
    if (change.dryRun) {
      ClosePlan composed = new PlanComposer(host).compose(targets);
      PlanStepsWriter.diffs(composed, new PlanApplier(host).currentContents(composed), parent.out);
      parent.out.println("Dry run: nothing was changed.");
      return ExitCodes.OK;
    }
    if (!change.yes && !Confirmation.ask(parent.in, parent.out, "close")) {
      parent.err.println("ajar close: not confirmed; nothing was changed (use --yes to skip the question)");
      return ExitCodes.BAD_INPUT;
    }
    String description = unlisted ? "close --unlisted" : "close " + String.join(" ", what);
    if (removals == null) {
      String id = closer.apply(targets, description, change.journal);
      parent.out.println("Changed files: change set " + id + " (undo with: ajar undo " + id + ")");
      for (String line : closer.runRuntimeSteps(targets)) {
        parent.out.println("  " + line);
      }
    } else {
      // The removal belongs to the same change set, after the daemons are stopped.
      List<String> report = new java.util.ArrayList<>();
      List<Closer.Target> planned = targets;
      String id = closer.apply(targets, description + " --remove-packages", change.journal, set -> {
        report.addAll(closer.runRuntimeSteps(planned));
        report.addAll(removal.apply(removals, set));
      });
      parent.out.println("Changed files and packages: change set " + id + " (undo with: ajar undo " + id + ")");
      for (String line : report) {
        parent.out.println("  " + line);
      }
    }
    parent.out.flush();
    return ExitCodes.OK;
  }
}
