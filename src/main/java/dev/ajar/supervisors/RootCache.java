package dev.ajar.supervisors;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BiFunction;

/**
 * A supervisor's configuration, read once per root and kept while the root is in use: ownerOf is
 * asked once per socket and must not re-read every file each time. What the first read reported is
 * handed once to every Diagnostics that asks, so a malformed line is one diagnostic, not one per
 * socket.
 *
 * <p>Roots are told apart by {@link Host#identity()} (two views of one root share what was read);
 * diagnostics by identity, held weakly. The last pair asked answers the next question without a
 * lookup.
 */
public final class RootCache<T> {
  private record Snapshot<T>(T value, Diagnostics recorded, Set<Diagnostics> told) {}

  private final Map<Host.Identity, Snapshot<T>> byRoot = new HashMap<>();
  // The last answer: ownerOf asks once per socket, with the same root and diagnostics each time.
  private Host lastRoot;
  private Diagnostics lastDiagnostics;
  private T lastValue;

  public synchronized T get(
      Host root, Diagnostics diagnostics, BiFunction<Host, Diagnostics, T> loader) {
    if (root == lastRoot && diagnostics == lastDiagnostics && root != null) {
      return lastValue;
    }
    Host.Identity id = root == null ? null : root.identity();
    Snapshot<T> snapshot = byRoot.get(id);
    if (snapshot == null) {
      Diagnostics recorded = new Diagnostics();
      T value = loader.apply(root, recorded);
      snapshot = new Snapshot<>(value, recorded, Collections.newSetFromMap(new WeakHashMap<>()));
      byRoot.put(id, snapshot);
    }
    if (snapshot.told().add(diagnostics)) {
      for (Diagnostics.Diagnostic d : snapshot.recorded().all()) {
        for (int i = 0; i < d.count(); i++) {
          diagnostics.add(d.kind(), d.subject(), d.message());
        }
      }
    }
    lastRoot = root;
    lastDiagnostics = diagnostics;
    lastValue = snapshot.value();
    return snapshot.value();
  }
}
