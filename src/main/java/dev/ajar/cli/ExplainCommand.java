package dev.ajar.cli;

import dev.ajar.assess.Auditor;
import dev.ajar.discover.PortInventory;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.knowledge.ServiceKnowledge;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Text;
import dev.ajar.report.ExplainWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `ajar explain PORT|SERVICE`: what ajar knows about a service and what it finds on this host. */
@Command(
    name = "explain",
    header = "Explain why a port or service is risky, and what to do.",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a port or service: why it is risky, what to use instead, and, on this host,",
      "who has it open and what ajar would do about it."
    })
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Parameters(paramLabel = "PORT|SERVICE", description = "e.g. 79, 111/udp, finger, portmap")
  String query;

  @Override
  public Integer call() {
    KnowledgeBase kb = KnowledgeBase.bundled();
    List<ServiceKnowledge> known = kb.find(query);
    Integer port = portOf(query);
    if (known.isEmpty() && port == null) {
      throw new BadInputException(
          "explain: nothing known about '"
              + Text.forTerminal(query)
              + "' (try a port number, or a name such as finger, portmap, telnet)");
    }
    Host host = parent.host();
    List<OpenSocket> here = new ArrayList<>();
    List<Finding> findings = List.of();
    if (host.isLive()) {
      PortInventory inventory = parent.thisRun().ports(PortQuery.listening(), true);
      for (OpenSocket s : inventory.sockets()) {
        int p = s.socket().local().port();
        boolean matches =
            (port != null && p == port)
                || known.stream().anyMatch(k -> k.ports().stream().anyMatch(x -> x.port() == p))
                || known.stream()
                    .anyMatch(
                        k ->
                            kb.match(
                                    s.socket().protocol(),
                                    p,
                                    Auditor.program(s),
                                    s.pkg() == null ? null : s.pkg().name())
                                .map(m -> m.id().equals(k.id()))
                                .orElse(false));
        if (matches) {
          here.add(s);
        }
      }
      findings = parent.thisRun().auditor(null).audit(here);
    }
    ExplainWriter.write(query, known, here, findings, host.isLive(), parent.out);
    parent.out.flush();
    return ExitCodes.OK;
  }

  /** "79" or "79/tcp" → 79; null for a name. */
  static Integer portOf(String query) {
    String number = query.contains("/") ? query.substring(0, query.indexOf('/')) : query;
    if (number.isEmpty() || number.length() > 5 || !number.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int p = Integer.parseInt(number);
    return p <= 65535 ? p : null;
  }
}
