package dev.ajar.cli;

import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Severity;
import dev.ajar.policy.Policy;
import dev.ajar.policy.PolicyParser;
import dev.ajar.report.AuditJsonWriter;
import dev.ajar.report.AuditJunitWriter;
import dev.ajar.report.AuditSarifWriter;
import dev.ajar.report.AuditTextWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar audit`: every open port of every namespace judged by the policy or the knowledge base. */
@Command(
    name = "audit",
    header = "Judge every open port by a policy or by known risks.",
    mixinStandardHelpOptions = true,
    description = {
      "Judge every open port: against a policy (--policy), or by the knowledge base of risky",
      "services alone. Exit 1 when a finding is at or above --fail-on."
    })
final class AuditCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    json,
    sarif,
    junit
  }

  @ParentCommand AjarCommand parent;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy (YAML) to judge by.")
  Path policyFile;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text, json, sarif or junit (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fail-on",
      defaultValue = "medium",
      paramLabel = "SEVERITY",
      converter = Converters.SeverityName.class,
      description =
          "Exit 1 when a finding is this severe or worse: info, low, medium, high, "
              + "critical (default: ${DEFAULT-VALUE}).")
  Severity threshold;

  @Option(
      names = "--netns",
      paramLabel = "all|host|NAME|PID",
      defaultValue = "all",
      description = "Network namespaces to audit (default: ${DEFAULT-VALUE}).")
  String netns;

  @Override
  public Integer call() {
    Host host = parent.host();
    Policy policy = policyFile == null ? null : PolicyParser.parse(policyFile);
    Diagnostics diagnostics = parent.thisRun().diagnostics();
    // Offline, nothing runs: the audit judges what the root's next boot opens.
    List<OpenSocket> sockets = parent.thisRun().judgeable(PortQuery.listening(netns));
    List<Finding> findings = parent.thisRun().auditor(policy).audit(sockets);
    switch (format) {
      case text -> AuditTextWriter.write(findings, openPorts(sockets), parent.out);
      case json -> AuditJsonWriter.write(findings, diagnostics, parent.out);
      case sarif -> AuditSarifWriter.write(findings, new AjarCommand.Version().get(), parent.out);
      case junit -> AuditJunitWriter.write(findings, threshold, parent.out);
    }
    if (format != Format.junit) {
      parent.out.println();
    }
    parent.out.flush();
    boolean failed = findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static int openPorts(List<OpenSocket> sockets) {
    return (int)
        sockets.stream()
            .map(
                s ->
                    s.netns().inode()
                        + "/"
                        + s.socket().protocol()
                        + "/"
                        + s.socket().local().port())
            .distinct()
            .count();
  }
}
