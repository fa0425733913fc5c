package dev.ajar.verify;

import dev.ajar.assess.Auditor;
import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.BundledPortDefaults;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.knowledge.ServiceCatalog;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.pipeline.Pipeline;
import dev.ajar.policy.Policy;
import dev.ajar.remedy.Closable;
import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.Supervisors;
import dev.ajar.verify.config.DaemonConfigReaders;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The verify stage's entry points for the commands, with every supervisor and reader. */
public final class Verification {
  private Verification() {}

  /**
   * Drift between what the live host's namespace listens on now and what its next boot opens;
   * with a policy, also what the policy forbids in either. The listening sockets are
   * attributed, then the prediction is made with the same supervisors and package databases,
   * so that what attribution read of the host (the dpkg database, the unit files) is not read
   * again.
   */
  public static Drift driftOfLiveHost(Host host, Policy policy, Diagnostics diagnostics) {
    List<Supervisor> supervisors = Supervisors.all();
    List<PackageDatabase> databases = PackageDatabases.all();
    PortQuery hostNamespace =
        new PortQuery(false, Set.of(), Set.of(), List.of(), Set.of(), Set.of(), "host");
    List<OpenSocket> live =
        Pipeline.ports(host, hostNamespace, supervisors, databases, diagnostics).sockets();
    return drift(host, live, policy, supervisors, databases, diagnostics);
  }

  /**
   * Predicts with the supervisors and databases that attributed {@code live} (each reads the
   * host once). What they report is reported again for the prediction, as separate instances
   * would.
   */
  private static Drift drift(Host host, List<OpenSocket> live, Policy policy,
      List<Supervisor> supervisors, List<PackageDatabase> databases, Diagnostics diagnostics) {
    Diagnostics ofPrediction = new Diagnostics();
    BootPrediction prediction = predict(host, supervisors, databases, ofPrediction);
    for (Diagnostics.Diagnostic d : ofPrediction.all()) {
      for (int i = 0; i < d.count(); i++) {
        diagnostics.add(d.kind(), d.subject(), d.message());
      }
    }
    List<Finding> now = List.of();
    List<Finding> atBoot = List.of();
    if (policy != null) {
      Auditor auditor = new Auditor(host, KnowledgeBase.bundled(), policy);
      now = auditor.audit(live.stream().filter(s -> s.netns().isHost()).toList());
      atBoot = auditor.audit(PredictedSockets.of(prediction));
    }
    return Drift.between(live, prediction.ports(), now, atBoot);
  }

  /**
   * The sockets to judge for a root: on the live host what listens now (as {@code query}
   * selects), on an offline root, where nothing runs, what its next boot opens.
   */
  public static List<OpenSocket> judgeable(Host host, PortQuery query, Diagnostics diagnostics) {
    return host.isLive()
        ? Pipeline.ports(host, query, true, diagnostics).sockets()
        : PredictedSockets.of(predict(host, diagnostics));
  }

  /**
   * What `close` and `plan` resolve words against: on the live host every listening socket with
   * its owner; on an offline root every port its next boot opens, whatever the prediction's
   * source, the entries it starts with no known port, the other enabled entries, and, dormant,
   * the enabled entries of a supervisor that does not run at boot.
   */
  public static List<Closable> closables(Host host, Diagnostics diagnostics) {
    if (host.isLive()) {
      return Pipeline.ports(host, PortQuery.listening(), true, diagnostics).sockets().stream()
          .filter(s -> s.owner() != null)
          .map(Closable::open)
          .toList();
    }
    List<Supervisor> supervisors = Supervisors.all();
    List<PackageDatabase> databases = PackageDatabases.all();
    ServiceCatalog names = ServiceCatalog.load(host, diagnostics);
    List<Closable> closables = new ArrayList<>();
    Set<String> atBoot = new HashSet<>();
    Set<SupervisorKind> running = EnumSet.noneOf(SupervisorKind.class);
    BootPrediction prediction = predict(host, supervisors, databases, diagnostics);
    for (PredictedPort p : prediction.ports()) {
      closables.add(new Closable(p.owner(), p.pkg(), p.protocol(), p.port(),
          p.isDynamic() ? null : names.name(p.protocol(), p.port()), basis(p), null, false));
      atBoot.add(p.owner().supervisor().label() + " " + p.owner().entry());
      running.add(p.owner().supervisor());
    }
    for (BootStart b : prediction.unknown()) {
      Owner o = b.entry().owner();
      closables.add(new Closable(o, null, null, -1, null, "starts at boot (" + b.reason()
          + "), port unknown", null, false));
      atBoot.add(o.supervisor().label() + " " + o.entry());
      running.add(o.supervisor());
    }
    for (ServiceCatalogue.Listing l :
        ServiceCatalogue.list(host, supervisors, databases, diagnostics)) {
      Owner o = l.entry().owner();
      if (!l.entry().enabled() || atBoot.contains(o.supervisor().label() + " " + o.entry())) {
        continue;
      }
      // An entry of a supervisor that does not run at boot (openssh-server's runit service on
      // a SysV root, inetd's entries when inetd does not start) is dormant.
      boolean dormant = !running.contains(o.supervisor());
      String where = "enabled" + (o.file() == null ? "" : " in " + o.file()
          + (o.line() > 0 ? ":" + o.line() : "")) + (dormant ? ", but " + o.supervisor().label()
          + " does not run at boot" : "");
      if (l.entry().listens().isEmpty()) {
        closables.add(new Closable(o, l.pkg(), null, -1, null, where, null, dormant));
      }
      for (ListenSpec spec : l.entry().listens()) {
        closables.add(new Closable(o, l.pkg(), spec.protocol(), spec.port(),
            spec.protocol() == null ? null : names.name(spec.protocol(), spec.port()), where,
            null, dormant));
      }
    }
    return closables;
  }

  /**
   * How sure a predicted port is, for the user: "predicted from /etc/vsftpd.conf:12 (config)",
   * "predicted from named's built-in default (config)" when its configuration sets none,
   * "predicted by default: the knowledge base's port for X (default)".
   */
  static String basis(PredictedPort p) {
    String program = p.owner().program() == null || !p.owner().program().startsWith("/")
        ? p.owner().entry()
        : p.owner().program().substring(p.owner().program().lastIndexOf('/') + 1);
    if (p.source() == PredictedPort.Source.DEFAULT) {
      return "predicted by default: the knowledge base's port for " + program + " (default)";
    }
    if (p.file() == null) {
      return "predicted from " + program + "'s built-in default (" + p.source().label() + ")";
    }
    return "predicted from " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + " ("
        + p.source().label() + ")";
  }

  /** What the root opens at its next boot. */
  public static BootPrediction predict(Host root, Diagnostics diagnostics) {
    return predict(root, Supervisors.all(), PackageDatabases.all(), diagnostics);
  }

  private static BootPrediction predict(Host root, List<Supervisor> supervisors,
      List<PackageDatabase> databases, Diagnostics diagnostics) {
    return new BootPredictor(root, BundledPortDefaults.bundled(), DaemonConfigReaders.all(),
        supervisors, databases).predict(diagnostics);
  }
}
