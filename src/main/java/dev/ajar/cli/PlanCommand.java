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
import picocli.CommandLine.Mixin;
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

  @Mixin CloseOptions options;

  @Option(
      names = "--close",
      paramLabel = "PORT|SERVICE",
      description = "A port or service to close (repeatable).")
  List<String> close = List.of();

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
    if (options.removePackages && format != Format.text) {
      throw new BadInputException(
          "plan --remove-packages: package removal is shown in the text"
              + " plan only; the "
              + format
              + " plan changes files (ajar close --remove-packages"
              + " removes packages, journaled)");
    }
    CloseRequest request = options.request(spec, close, CloseRequest.Lock.NONE);
    Closer closer = run.closer();
    Targets targets = closer.targets(request, run);
    CloseOptions.notes(targets, request, parent.err, "ajar plan");
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
