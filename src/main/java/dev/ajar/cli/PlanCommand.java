package dev.ajar.cli;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.pipeline.Run;
import dev.ajar.remedy.CloseRequest;
import dev.ajar.remedy.Closer;
import dev.ajar.remedy.Targets;
import dev.ajar.report.PlanAnsibleWriter;
import dev.ajar.report.PlanJsonWriter;
import dev.ajar.report.PlanShellWriter;
import dev.ajar.report.PlanWriter;
import dev.ajar.report.RemovalWriter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar plan --close X`: the ordered steps `ajar close` would take, changing nothing. */
@Command(
    name = "plan",
    header = "Show the steps that would close ports or services.",
    mixinStandardHelpOptions = true,
    description = "Show the steps that would close these ports or services, with why and effect.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--close",
      paramLabel = "PORT|SERVICE",
      description = "A port or service to close (repeatable).")
  List<String> close = List.of();

  @Option(
      names = "--unlisted",
      description = "Close every port the policy (--policy) does not allow.")
  boolean unlisted;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy, for --unlisted.")
  java.nio.file.Path policy;

  @Option(
      names = "--superserver",
      description =
          "When the entries closed are the last active ones of inetd or xinetd, also"
              + " stop starting the super-server itself.")
  boolean superServer;

  @Option(
      names = "--remove-packages",
      description = "Also show the removal of the services' packages: what would go, or why not.")
  boolean removePackages;

  @Option(
      names = "--also-remove",
      paramLabel = "PKG",
      split = ",",
      description = "With --remove-packages: packages that may go too.")
  java.util.Set<String> alsoRemove = java.util.Set.of();

  /** Output formats. */
  enum Format {
    text,
    sh,
    ansible,
    json
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = {
        "text; sh: a shell script of the same steps; ansible: a playbook of them;",
        "json: the plan for 'ajar apply' (ajar.plan/1). Default: ${DEFAULT-VALUE}."
      })
  Format format;

  @Override
  public Integer call() throws IOException {
    Run run = parent.thisRun();
    Host host = run.host();
    if (removePackages && format != Format.text) {
      throw new BadInputException(
          "plan --remove-packages: package removal is shown in the text"
              + " plan only; the "
              + format
              + " plan changes files (ajar close --remove-packages"
              + " removes packages, journaled)");
    }
    CloseRequest request =
        CloseRequests.of(
            spec,
            close,
            unlisted,
            policy,
            superServer,
            CloseRequest.Lock.NONE,
            removePackages,
            alsoRemove);
    Closer closer = run.closer();
    Targets targets = closer.targets(request, run);
    CloseRequests.notes(targets, request, parent.err, "ajar plan");
    switch (format) {
      case sh -> PlanShellWriter.write(closer.plan(targets), parent.out);
      case ansible -> PlanAnsibleWriter.write(closer.plan(targets), parent.out);
      case json -> PlanJsonWriter.write(closer.plan(targets), parent.out);
      case text -> PlanWriter.text(targets.list(), host.isLive(), parent.out);
    }
    if (targets.removals() != null) {
      RemovalWriter.text(targets.removals(), parent.out);
    }
    parent.out.flush();
    return ExitCodes.OK;
  }
}
