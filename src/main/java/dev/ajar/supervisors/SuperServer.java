package dev.ajar.supervisors;

import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.SupervisorKind;
import java.util.List;
import java.util.function.Predicate;

/**
 * What inetd and xinetd (and systemd) share: being installed is a matter of their binary being
 * there, and a super-server's socket is held either by the super-server itself or, for a "wait"
 * service that inherited the listening socket, by a child of it.
 */
public final class SuperServer {
  /** The super-server process behind a socket; {@code direct} when it holds the socket itself. */
  public record Holder(ProcessInfo process, boolean direct) {}

  private SuperServer() {}

  /**
   * {@code INETD} or {@code XINETD} when the entry starts a super-server itself (inetd.service,
   * /etc/init.d/openbsd-inetd, rc.inetd, an OpenRC xinetd), else null.
   */
  public static SupervisorKind kindStartedBy(Owner owner) {
    String name = owner.entry() == null ? "" : owner.entry().replaceFirst("\\.service$", "");
    if (name.startsWith("rc.")) {
      name = name.substring(3);
    }
    String program =
        owner.program() == null
            ? ""
            : owner.program().substring(owner.program().lastIndexOf('/') + 1);
    if (name.equals("xinetd") || program.equals("xinetd")) {
      return SupervisorKind.XINETD;
    }
    if (List.of("inetd", "openbsd-inetd", "inetutils-inetd").contains(name)
        || program.equals("inetd")
        || program.equals("inetutils-inetd")) {
      return SupervisorKind.INETD;
    }
    return null;
  }

  /** Whether any of the binaries is a regular file in the root. */
  public static boolean installed(Host root, List<String> binaries) {
    for (String binary : binaries) {
      if (root.isRegularFile(binary)) {
        return true;
      }
    }
    return false;
  }

  /** The holder that {@code isServer} recognises, or its parent; null when neither is. */
  public static Holder holderOf(
      OpenSocket socket, ProcessLookup processes, Predicate<ProcessInfo> isServer) {
    for (ProcessInfo p : socket.processes()) {
      if (isServer.test(p)) {
        return new Holder(p, true);
      }
    }
    for (ProcessInfo p : socket.processes()) {
      ProcessInfo parent = p.ppid() > 0 ? processes.process(p.ppid()) : null;
      if (parent != null && isServer.test(parent)) {
        return new Holder(parent, false);
      }
    }
    return null;
  }
}
