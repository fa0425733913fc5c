package dev.ajar.model;

import java.util.List;

/**
 * A socket with everything ajar knows about it: its namespace, service name, exposure, and every
 * process that holds it (several after fork, e.g. inetd's children or a pre-forking server).
 *
 * @param service the service name of the local port, or null
 * @param socketActivated true when only pid 1 holds it: systemd listens on the service's behalf
 * @param owner what starts it (null until attributed, or when nothing could be found)
 * @param pkg the package of its program (null until attributed, or when none owns it)
 */
public record OpenSocket(
    KernelSocket socket,
    Namespace netns,
    String service,
    Exposure exposure,
    List<ProcessInfo> processes,
    boolean socketActivated,
    Owner owner,
    PackageRef pkg) {

  /** The same socket as discovered, before attribution. */
  public OpenSocket(
      KernelSocket socket,
      Namespace netns,
      String service,
      Exposure exposure,
      List<ProcessInfo> processes,
      boolean socketActivated) {
    this(socket, netns, service, exposure, processes, socketActivated, null, null);
  }

  public OpenSocket withAttribution(Owner owner, PackageRef pkg) {
    return new OpenSocket(socket, netns, service, exposure, processes, socketActivated, owner, pkg);
  }
}
