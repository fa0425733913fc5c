package dev.ajar.verify;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.supervisors.Supervisors;
import dev.ajar.verify.config.DaemonConfigReaders;

/** The verify stage's entry points for the commands, with every supervisor and reader. */
public final class Verification {
  private Verification() {}

  /** What the root opens at its next boot. */
  public static BootPrediction predict(Host root, Diagnostics diagnostics) {
    return new BootPredictor(root, KnowledgeBase.bundled(), DaemonConfigReaders.all(),
        Supervisors.all(), PackageDatabases.all()).predict(diagnostics);
  }
}
