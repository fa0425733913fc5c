package dev.ajar.pipeline;

import dev.ajar.assess.Auditor;
import dev.ajar.attribute.Attributor;
import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.discover.PortDiscovery;
import dev.ajar.discover.PortInventory;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.host.Timing;
import dev.ajar.knowledge.BundledPortDefaults;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.knowledge.ServiceCatalog;
import dev.ajar.model.Finding;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.policy.Policy;
import dev.ajar.remedy.Closable;
import dev.ajar.remedy.Closer;
import dev.ajar.remedy.OpenPorts;
import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.Supervisors;
import dev.ajar.verify.BootPrediction;
import dev.ajar.verify.BootPredictor;
import dev.ajar.verify.Drift;
import dev.ajar.verify.PredictedPort;
import dev.ajar.verify.PredictedSockets;
import dev.ajar.verify.config.DaemonConfigReaders;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One command's run, and the one place the stages are wired: the root looked at, the registries
 * (every supervisor, every package database), each of which reads a root once and keeps what it
 * read for the run, and the run's {@link Diagnostics}. Its sockets come from one of two sources: on
 * the live host what is open now (discover, then attribute), on an offline root, where nothing
 * runs, what its next boot opens (the boot prediction). Both feed the same judge ({@link Auditor})
 * and the same resolution of words ({@link Closer}).
 */
public final class Run implements OpenPorts {
  private final Host host;
  private final Diagnostics diagnostics;
  // Made when first needed: `ports --no-owners` needs neither.
  private List<Supervisor> supervisors;
  private List<PackageDatabase> databases;
  private BootPrediction prediction;
  private List<OpenSocket> listening;

  public Run(Host host, Diagnostics diagnostics) {
    this.host = host;
    this.diagnostics = diagnostics;
  }

  public Host host() {
    return host;
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  private List<Supervisor> supervisors() {
    if (supervisors == null) {
      supervisors = Supervisors.all();
    }
    return supervisors;
  }

  private List<PackageDatabase> databases() {
    if (databases == null) {
      databases = PackageDatabases.all();
    }
    return databases;
  }

  /** Every socket the query selects, with its owner and package unless {@code attribute} is off. */
  public PortInventory ports(PortQuery query, boolean attribute) {
    long start = Timing.start();
    ServiceCatalog services = ServiceCatalog.load(host, diagnostics);
    Timing.end("service names", start);
    start = Timing.start();
    PortInventory found = new PortDiscovery(host, services, diagnostics).discover(query);
    Timing.end("discover", start);
    return attribute ? attributed(found) : found;
  }

  /**
   * Attributes the sockets in place in one list that nothing else holds (the discovered inventory
   * is let go first), so that each discovered copy can be collected once replaced: two full sets at
   * 70,000 sockets are megabytes of peak memory.
   */
  private PortInventory attributed(PortInventory found) {
    long start = Timing.start();
    List<OpenSocket> sockets = new ArrayList<>(found.sockets());
    found = found.withSockets(List.of());
    new Attributor(host, supervisors(), databases(), found.processes(), diagnostics)
        .attributeInPlace(sockets);
    PortInventory attributed = found.withSockets(sockets);
    Timing.end("attribute", start);
    return attributed;
  }

  /** What the root opens at its next boot (made once per run). */
  public BootPrediction prediction() {
    if (prediction == null) {
      prediction =
          new BootPredictor(
                  host,
                  BundledPortDefaults.bundled(),
                  DaemonConfigReaders.all(),
                  supervisors(),
                  databases())
              .predict(diagnostics);
    }
    return prediction;
  }

  /**
   * The sockets to judge: on the live host what listens now (as {@code query} selects), on an
   * offline root, where nothing runs, what its next boot opens.
   */
  public List<OpenSocket> judgeable(PortQuery query) {
    return host.isLive() ? ports(query, true).sockets() : PredictedSockets.of(prediction());
  }

  /** The judge, for a policy (null: the knowledge base alone). */
  public Auditor auditor(Policy policy) {
    return new Auditor(host, KnowledgeBase.bundled(), policy);
  }

  /** The close path, with this run's supervisors and package databases. */
  public Closer closer() {
    return new Closer(host, diagnostics, supervisors(), databases(), KnowledgeBase.bundled());
  }

  /** Every supervisor entry of the root with its package (`ajar services`). */
  public List<ServiceCatalogue.Listing> catalogue() {
    return ServiceCatalogue.list(host, supervisors(), databases(), diagnostics);
  }

  /** What --unlisted judges: the listening sockets, live or predicted. */
  @Override
  public List<OpenSocket> judged() {
    return judgeable(PortQuery.listening());
  }

  /**
   * What `close` and `plan` resolve words against: on the live host every listening socket with its
   * owner; on an offline root every port its next boot opens, whatever the prediction's source, the
   * entries it starts with no known port, the other enabled entries, and, dormant, the enabled
   * entries of a supervisor that does not run at boot.
   */
  @Override
  public List<Closable> closables() {
    if (host.isLive()) {
      if (listening == null) {
        listening = ports(PortQuery.listening(), true).sockets();
      }
      return listening.stream().filter(s -> s.owner() != null).map(Closable::open).toList();
    }
    ServiceCatalog names = ServiceCatalog.load(host, diagnostics);
    List<Closable> closables = new ArrayList<>();
    Set<String> atBoot = new HashSet<>();
    Set<SupervisorKind> running = EnumSet.noneOf(SupervisorKind.class);
    for (PredictedPort p : prediction().ports()) {
      closables.add(
          new Closable(
              p.owner(),
              p.pkg(),
              p.protocol(),
              p.port(),
              p.isDynamic() ? null : names.name(p.protocol(), p.port()),
              basis(p),
              null,
              false));
      atBoot.add(p.owner().supervisor().label() + " " + p.owner().entry());
      running.add(p.owner().supervisor());
    }
    for (BootStart b : prediction().unknown()) {
      Owner o = b.entry().owner();
      closables.add(
          new Closable(
              o,
              null,
              null,
              -1,
              null,
              "starts at boot (" + b.reason() + "), port unknown",
              null,
              false));
      atBoot.add(o.supervisor().label() + " " + o.entry());
      running.add(o.supervisor());
    }
    for (ServiceCatalogue.Listing l : catalogue()) {
      Owner o = l.entry().owner();
      if (!l.entry().enabled() || atBoot.contains(o.supervisor().label() + " " + o.entry())) {
        continue;
      }
      // An entry of a supervisor that does not run at boot (openssh-server's runit service on
      // a SysV root, inetd's entries when inetd does not start) is dormant.
      boolean dormant = !running.contains(o.supervisor());
      String where =
          "enabled"
              + (o.file() == null ? "" : " in " + o.file() + (o.line() > 0 ? ":" + o.line() : ""))
              + (dormant ? ", but " + o.supervisor().label() + " does not run at boot" : "");
      if (l.entry().listens().isEmpty()) {
        closables.add(new Closable(o, l.pkg(), null, -1, null, where, null, dormant));
      }
      for (ListenSpec spec : l.entry().listens()) {
        closables.add(
            new Closable(
                o,
                l.pkg(),
                spec.protocol(),
                spec.port(),
                spec.protocol() == null ? null : names.name(spec.protocol(), spec.port()),
                where,
                null,
                dormant));
      }
    }
    return closables;
  }

  /**
   * How sure a predicted port is, for the user: "predicted from /etc/vsftpd.conf:12 (config)",
   * "predicted from named's built-in default (config)" when its configuration sets none, "predicted
   * by default: the knowledge base's port for X (default)".
   */
  static String basis(PredictedPort p) {
    String program =
        p.owner().program() == null || !p.owner().program().startsWith("/")
            ? p.owner().entry()
            : p.owner().program().substring(p.owner().program().lastIndexOf('/') + 1);
    if (p.source() == PredictedPort.Source.DEFAULT) {
      return "predicted by default: the knowledge base's port for " + program + " (default)";
    }
    if (p.file() == null) {
      return "predicted from " + program + "'s built-in default (" + p.source().label() + ")";
    }
    return "predicted from "
        + p.file()
        + (p.line() > 0 ? ":" + p.line() : "")
        + " ("
        + p.source().label()
        + ")";
  }

  /**
   * Drift between what the live host's namespace listens on now and what its next boot opens; with
   * a policy, also what the policy forbids in either. The prediction is made with the supervisors
   * and package databases that attributed the sockets, so what attribution read of the host (the
   * dpkg database, the unit files) is not read again.
   */
  public Drift drift(Policy policy) {
    List<OpenSocket> live = ports(PortQuery.listening("host"), true).sockets();
    List<Finding> now = List.of();
    List<Finding> atBoot = List.of();
    if (policy != null) {
      Auditor auditor = auditor(policy);
      now = auditor.audit(live.stream().filter(s -> s.netns().isHost()).toList());
      atBoot = auditor.audit(PredictedSockets.of(prediction()));
    }
    return Drift.between(live, prediction().ports(), now, atBoot);
  }
}
