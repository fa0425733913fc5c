package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one daemon's own configuration inside a root (the live host or an offline image) and says
 * which ports the daemon opens when it starts. Reads only through {@link Host}; never runs
 * anything. Bad configuration becomes a diagnostic naming FILE:LINE, never an exception.
 */
public interface DaemonConfigReader {
  /** A short name for reports and tests: "sshd", "exim4", "named". */
  String name();

  /**
   * What a boot entry must be called for this reader to answer for it: program basenames ("sshd",
   * "exim4") and service names ("ssh", "exim4", "bind9", "named"), compared with a unit's name
   * without ".service", an init script's name and the started program's basename.
   */
  Set<String> answersTo();

  /**
   * The sockets the daemon opens, from its configuration in the root. Empty when the root has no
   * configuration for it at all (the caller then falls back to the knowledge base's default ports);
   * an empty list inside the Optional means "configured to open nothing".
   */
  Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics);
}
