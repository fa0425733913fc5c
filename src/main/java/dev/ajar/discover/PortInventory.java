package dev.ajar.discover;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.supervisors.ProcessLookup;
import java.util.List;

/**
 * Everything `ajar ports` found.
 *
 * @param namespaces every network namespace that was read
 * @param hiddenProcesses the pids, in order, of the processes whose open files we may not read (not
 *     root); {@code processes} names them
 * @param hiddenNamespaces namespaces we could not read
 * @param processes the processes read during discovery, for later stages (parents of holders)
 */
public record PortInventory(
    List<OpenSocket> sockets,
    List<Namespace> namespaces,
    Diagnostics diagnostics,
    List<Integer> hiddenProcesses,
    int hiddenNamespaces,
    ProcessLookup processes) {

  public PortInventory {
    hiddenProcesses = List.copyOf(hiddenProcesses);
  }

  /** The same inventory with its sockets replaced (after attribution). */
  public PortInventory withSockets(List<OpenSocket> replaced) {
    return new PortInventory(
        List.copyOf(replaced),
        namespaces,
        diagnostics,
        hiddenProcesses,
        hiddenNamespaces,
        processes);
  }
}
