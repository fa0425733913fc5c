package dev.ajar.cli;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.menu.Menu;
import dev.ajar.model.Text;
import dev.ajar.pipeline.Run;
import dev.ajar.policy.Policy;
import dev.ajar.policy.PolicyParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar menu`: the open ports in a full-screen menu, to keep or close, apply and undo. */
@Command(
    name = "menu",
    header = "Choose the ports to close in a full-screen menu.",
    mixinStandardHelpOptions = true,
    description = {
      "A full-screen menu, in the spirit of ntsysv: every owner of an open port with its",
      "ports, package, exposure and risk; Space marks it to keep or close, p shows the plan,",
      "a applies it after a y/N question (journaled, as ajar close), u undoes the last change",
      "set, ? lists the keys. Offline (--root DIR) the rows are what the root's next boot opens.",
      "Needs a terminal (80x24 is enough); keyboard only."
    })
final class MenuCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Judge the risk by this policy instead of the knowledge base.")
  Path policy;

  @Override
  public Integer call() throws IOException {
    if (parent.in == null) {
      throw new BadInputException(
          "no terminal: standard input and output must be a terminal (use ajar plan and ajar"
              + " close)");
    }
    Policy p = policy == null ? null : PolicyParser.parse(policy);
    Run run = parent.thisRun();
    Host host = run.host();
    List<String> transcript =
        Menu.show(run, () -> new Run(host, new Diagnostics()), p, System.getenv("SSH_CONNECTION"));
    for (String line : transcript) {
      parent.out.println(line);
    }
    for (Diagnostics.Diagnostic d : run.diagnostics().all()) {
      parent.err.println("ajar menu: note: " + Text.forTerminal(d.toString()));
    }
    parent.out.flush();
    return ExitCodes.OK;
  }
}
