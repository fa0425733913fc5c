package dev.ajar.cli;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Text;
import dev.ajar.policy.Policy;
import dev.ajar.policy.PolicyParser;
import dev.ajar.report.VerifyJsonWriter;
import dev.ajar.report.VerifyTextWriter;
import dev.ajar.verify.Drift;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar verify`: what listens now against what the next boot opens. */
@Command(
    name = "verify",
    header = "Compare the ports open now with those of the next boot.",
    mixinStandardHelpOptions = true,
    description = {
      "Compare what listens now (host namespace) with what the next boot will open: ports",
      "open now that nothing starts at boot, ports closed now that boot will open, and with",
      "--policy what the policy forbids in either. Exit 1 when there is any."
    })
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Option(names = "--policy", paramLabel = "FILE", description = "Also judge both by this policy.")
  Path policyFile;

  @Option(names = "--json", description = "Print the ajar.verify/1 JSON document.")
  boolean json;

  @Override
  public Integer call() {
    Host host = parent.host();
    if (!host.isLive()) {
      throw new BadInputException(
          "verify --root: nothing runs in an offline root to compare"
              + " with; use 'ajar boot --root' for what it will open");
    }
    Policy policy = policyFile == null ? null : PolicyParser.parse(policyFile);
    Diagnostics diagnostics = parent.thisRun().diagnostics();
    Drift drift = parent.thisRun().drift(policy);
    if (json) {
      VerifyJsonWriter.write(drift, diagnostics, parent.out);
      parent.out.println();
    } else {
      VerifyTextWriter.write(drift, parent.out);
      for (Diagnostics.Diagnostic d : diagnostics.all()) {
        parent.err.println("ajar verify: note: " + Text.forTerminal(d.toString()));
      }
    }
    parent.out.flush();
    return drift.isClean() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }
}
