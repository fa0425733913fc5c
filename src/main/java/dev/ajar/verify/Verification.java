package dev.ajar.verify;

import dev.ajar.assess.Auditor;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.BundledPortDefaults;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.pipeline.Pipeline;
import dev.ajar.policy.Policy;
import dev.ajar.supervisors.Supervisors;
import dev.ajar.verify.config.DaemonConfigReaders;
import java.util.List;

/** The verify stage's entry points for the commands, with every supervisor and reader. */
public final class Verification {
  private Verification() {}

  /**
   * Drift between what the live host's namespace listens on now and what its next boot opens;
   * with a policy, also what the policy forbids in either.
   */
  public static Drift drift(
      Host host, List<OpenSocket> live, Policy policy, Diagnostics diagnostics) {
    BootPrediction prediction = predict(host, diagnostics);
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
    return new BootPredictor(root, BundledPortDefaults.bundled(), DaemonConfigReaders.all(),
        Supervisors.all(), PackageDatabases.all()).predict(diagnostics);
  }
}
