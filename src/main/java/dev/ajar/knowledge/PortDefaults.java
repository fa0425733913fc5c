package dev.ajar.knowledge;

import dev.ajar.knowledge.ServiceKnowledge.PortSpec;
import java.util.List;
import java.util.Optional;

/**
 * The part of the knowledge base that boot prediction needs: the default ports of the service a
 * program or a package runs. {@link KnowledgeBase} answers it, and so does the lighter {@link
 * BundledPortDefaults}, which reads only those fields of the bundled files.
 */
public interface PortDefaults {
  /**
   * The default ports of the entry {@link KnowledgeBase#match} picks for {@code program} (a path or
   * a base name) and {@code packageName} without a port: by program, then by package. Empty when no
   * entry claims either.
   */
  Optional<List<PortSpec>> defaultPorts(String program, String packageName);

  /** The default ports of the entry with this id; empty when there is none. */
  Optional<List<PortSpec>> defaultPortsOf(String id);
}
