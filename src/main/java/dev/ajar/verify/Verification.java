package dev.ajar.verify;

import dev.ajar.assess.Auditor;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.BundledPortDefaults;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.pipeline.Pipeline;
import dev.ajar.policy.Policy;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.Supervisors;
import dev.ajar.verify.config.DaemonConfigReaders;
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
