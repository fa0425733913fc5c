package dev.ajar.cli;

import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.policy.PolicyParser;
import dev.ajar.remedy.Closer;
import dev.ajar.supervisors.SuperServer;
import dev.ajar.verify.Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** What `plan` and `close` are asked to close: named ports and services, or the unlisted ones. */
final class Targets {
  private Targets() {}

  static List<Closer.Target> resolve(Host host, Closer closer, List<String> named, boolean unlisted,
      Path policy, PrintStream err, CommandLine.Model.CommandSpec spec) throws IOException {
    if (unlisted && !named.isEmpty() || !unlisted && named.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "name the ports or services to close, or use --unlisted with --policy (not both)");
    }
    if (!unlisted) {
      return closer.plan(named, Verification.closables(host, new Diagnostics()));
    }
    if (policy == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--unlisted needs --policy FILE");
    }
    List<String> skipped = new ArrayList<>();
    Diagnostics diagnostics = new Diagnostics();
    // Live: what listens now. An offline root runs nothing: what its next boot opens.
    List<OpenSocket> sockets = Verification.judgeable(host, PortQuery.listening(), diagnostics);
    List<Closer.Target> targets =
        closer.planUnlisted(PolicyParser.parse(policy), sockets, skipped);
    for (String s : skipped) {
      err.println(spec.qualifiedName(" ") + ": left open: " + s);
    }
    return targets;
  }

  /**
   * When the targets are a super-server's last active entries: with {@code superServer}, also
   * stop starting inetd or xinetd itself; without, say that it could be (the offer).
   */
  static List<Closer.Target> offerSuperServers(Closer closer, List<Closer.Target> targets,
      boolean superServer, PrintStream err, String command) throws IOException {
    List<Owner> idle = closer.idleSuperServers(targets);
    if (idle.isEmpty()) {
      return targets;
    }
    if (superServer) {
      return closer.withSuperServers(targets, idle);
    }
    List<String> names = idle.stream().map(o -> o.supervisor().label() + " " + o.entry()).toList();
    err.println(command + ": note: no active " + SuperServer.kindStartedBy(idle.getFirst())
        + " entry would remain; add --superserver to stop starting it too ("
        + String.join(", ", names) + ")");
    return targets;
  }
}
