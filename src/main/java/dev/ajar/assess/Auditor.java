package dev.ajar.assess;

import dev.ajar.host.Host;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.knowledge.ServiceKnowledge;
import dev.ajar.model.Exposure;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.Severity;
import dev.ajar.model.SupervisorKind;
import dev.ajar.policy.Action;
import dev.ajar.policy.Decision;
import dev.ajar.policy.Policy;
import dev.ajar.policy.PolicyEvaluator;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.Supervisors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "assess" stage: every open port of every namespace, judged by the policy when there is one
 * (the administrator's decision), and by the knowledge base alone when there is none.
 *
 * <p>Ports are judged as a whole: the IPv4 and IPv6 sockets of one (namespace, protocol, port) make
 * one finding, whose exposure is the widest of them.
 */
public final class Auditor {
  private final Host host;
  private final KnowledgeBase knowledge;
  private final Policy policy;

  /** Whose terms each fix is in: every supervisor but manual's (there is none). */
  private final Map<SupervisorKind, Supervisor> supervisors = new EnumMap<>(SupervisorKind.class);

  /**
   * @param policy the policy, or null to judge by the knowledge base alone
   */
  public Auditor(Host host, KnowledgeBase knowledge, Policy policy) {
    this.host = host;
    this.knowledge = knowledge;
    this.policy = policy;
    Supervisors.all().forEach(s -> supervisors.put(s.kind(), s));
  }

  public List<Finding> audit(List<OpenSocket> sockets) {
    Map<String, List<OpenSocket>> ports = new LinkedHashMap<>();
    for (OpenSocket s : sockets) {
      if (s.socket().state().isOpenPort()) {
        ports.computeIfAbsent(portKey(s), k -> new ArrayList<>()).add(s);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (List<OpenSocket> port : ports.values()) {
      judge(port).ifPresent(findings::add);
    }
    findings.sort(
        Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparingInt(f -> f.first().socket().local().port())
            .thenComparing(Finding::id));
    return findings;
  }

  private Optional<Finding> judge(List<OpenSocket> port) {
    OpenSocket first = port.getFirst();
    Optional<ServiceKnowledge> kb =
        knowledge.match(
            first.socket().protocol(),
            first.socket().local().port(),
            program(first),
            packageName(first));
    Exposure.Scope exposure = Exposure.widest(port);
    boolean loopbackOk = kb.map(ServiceKnowledge::loopbackOk).orElse(false);
    List<String> posture = Posture.of(host, port, loopbackOk);
    String service = kb.map(ServiceKnowledge::id).orElse(first.service());
    if (policy != null) {
      Decision denied = null;
      for (OpenSocket s : port) {
        Decision d = PolicyEvaluator.evaluate(policy, s);
        if (d.action() == Action.DENY) {
          denied = d;
          break;
        }
      }
      if (denied == null) {
        return Optional.empty(); // the administrator allowed it
      }
      Severity severity = kb.map(k -> exposed(k, exposure)).orElse(Severity.MEDIUM);
      String rule =
          denied.rule() == null
              ? "policy "
                  + policy.file()
                  + ": default "
                  + policy.defaultAction().name().toLowerCase(java.util.Locale.ROOT)
              : "policy " + denied.rule().file() + ":" + denied.rule().line();
      String why =
          "not allowed by the policy"
              + (denied.rule() != null && denied.rule().comment() != null
                  ? " (" + denied.rule().comment() + ")"
                  : "")
              + kb.map(k -> ". " + k.why()).orElse("");
      return Optional.of(finding(port, severity, service, why, fix(first, kb), rule, posture));
    }
    if (kb.isEmpty()) {
      if (exposure == Exposure.Scope.LOOPBACK) {
        return Optional.empty();
      }
      return Optional.of(
          finding(
              port,
              Severity.INFO,
              service,
              "an unknown service listens beyond loopback; decide whether it should be open",
              fix(first, kb),
              "knowledge base",
              posture));
    }
    ServiceKnowledge k = kb.get();
    if (exposure == Exposure.Scope.LOOPBACK && k.loopbackOk()) {
      return Optional.empty(); // e.g. an MTA for local mail only: the seed's own advice
    }
    return Optional.of(
        finding(
            port,
            exposed(k, exposure),
            service,
            k.why(),
            fix(first, kb),
            "knowledge base",
            posture));
  }

  /** The knowledge base's severity when exposed; one step lower on loopback only. */
  private static Severity exposed(ServiceKnowledge k, Exposure.Scope exposure) {
    if (exposure != Exposure.Scope.LOOPBACK) {
      return k.severity();
    }
    return k.severity() == Severity.INFO
        ? Severity.INFO
        : Severity.values()[k.severity().ordinal() - 1];
  }

  private static Finding finding(
      List<OpenSocket> port,
      Severity severity,
      String service,
      String why,
      String fix,
      String rule,
      List<String> posture) {
    OpenSocket first = port.getFirst();
    String id =
        (service == null ? "port" : service)
            + "/"
            + first.socket().protocol().label()
            + "/"
            + first.socket().local().port()
            + "@"
            + first.netns().name();
    return new Finding(id, severity, List.copyOf(port), service, why, fix, rule, posture);
  }

  /**
   * What closes the port, in the owner's supervisor's own terms (Supervisor.howToDisable); `ajar
   * close` does it.
   */
  String fix(OpenSocket s, Optional<ServiceKnowledge> kb) {
    Owner o = s.owner();
    String instead = kb.map(k -> " Instead: " + k.instead()).orElse("");
    if (o == null) {
      return "find the owner (run ajar as root) and disable it where it is started." + instead;
    }
    String entry = o.entry();
    String how =
        o.supervisor() == SupervisorKind.MANUAL
            ? "nothing starts it at boot: stop the process (it will not come back)"
            : supervisors.get(o.supervisor()).howToDisable(o);
    String close =
        o.supervisor() == SupervisorKind.MANUAL || o.supervisor() == SupervisorKind.CONTAINER
            ? ""
            : " (ajar close " + (entry == null ? s.socket().local().port() : entry) + ")";
    String pkg = s.pkg() == null ? "" : "; if unneeded, remove package " + s.pkg().name();
    return how + close + pkg + "." + instead;
  }

  /** The program behind a socket: the owner's (the real server behind tcpd), else the holder's. */
  public static String program(OpenSocket s) {
    if (s.owner() != null && s.owner().program() != null && s.owner().program().startsWith("/")) {
      return s.owner().program();
    }
    return s.processes().isEmpty() ? null : s.processes().getFirst().exe();
  }

  private static String packageName(OpenSocket s) {
    return s.pkg() == null ? null : s.pkg().name();
  }

  private static String portKey(OpenSocket s) {
    String key = s.netns().inode() + "/" + s.socket().protocol() + "/" + s.socket().local().port();
    // Port 0 only in a boot prediction: a port each daemon gets from the kernel, not one port.
    return s.socket().local().port() == 0 && s.owner() != null
        ? key + "/" + s.owner().supervisor().label() + ":" + s.owner().entry()
        : key;
  }
}
