package dev.ajar.model;

import java.util.List;

/**
 * A socket with everything ajar knows about it: its namespace, service name, exposure, and every
 * process that holds it (several after fork, e.g. inetd's children or a pre-forking server).
 *
 * @param service the service name of the local port, or null
 * @param socketActivated true when only pid 1 holds it: systemd listens on the service's behalf
 */
public record OpenSocket(
    KernelSocket socket,
    Namespace netns,
    String service,
    Exposure exposure,
    List<ProcessInfo> processes,
    boolean socketActivated) {}
