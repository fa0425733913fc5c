package dev.ajar.cli;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.remedy.Closer;
import dev.ajar.report.PlanWriter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar plan --close X`: the ordered steps `ajar close` would take, changing nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show the steps that would close these ports or services, with why and effect.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Option(names = "--close", paramLabel = "PORT|SERVICE", required = true,
      description = "A port or service to close (repeatable).")
  List<String> close;

  @Override
  public Integer call() throws IOException {
    Host host = parent.host();
    List<Closer.Target> targets = new Closer(host, new Diagnostics()).plan(close);
    PlanWriter.text(targets, host.isLive(), parent.out);
    parent.out.flush();
    return ExitCodes.OK;
  }
}
