package dev.ajar.discover;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import java.util.List;

/**
 * Everything `ajar ports` found.
 *
 * @param namespaces every network namespace that was read
 * @param hiddenProcesses processes whose open files we may not read (not root)
 * @param hiddenNamespaces namespaces we could not read
 */
public record PortInventory(
    List<OpenSocket> sockets,
    List<Namespace> namespaces,
    Diagnostics diagnostics,
    int hiddenProcesses,
    int hiddenNamespaces) {}
