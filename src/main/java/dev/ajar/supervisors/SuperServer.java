package dev.ajar.supervisors;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import java.util.List;
import java.util.function.Predicate;

/**
 * What inetd and xinetd (and systemd) share: being installed is a matter of their binary being
 * there, and a super-server's socket is held either by the super-server itself or, for a "wait"
 * service that inherited the listening socket, by a child of it. A super-server re-reads its
 * configuration file and directory on SIGHUP, and a socket it holds that no entry names means the
 * configuration changed since it last read it.
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

  /**
   * The reload step when an undo restored the super-server's configuration file or a file of its
   * directory, else none.
   */
  public static List<DisablePlan.RuntimeStep> reloadsAfterUndo(
      List<String> restoredPaths, String conf, String dir, DisablePlan.RuntimeStep reload) {
    return restoredPaths.stream().anyMatch(p -> p.equals(conf) || p.startsWith(dir + "/"))
        ? List.of(reload)
        : List.of();
  }

  /**
   * Reports a TCP or UDP socket that the super-server holds itself but no entry of its
   * configuration names (one a child holds may be the child's own): "inetd (pid 612) holds tcp port
   * 23 but no active entry names it (changed since inetd last read it?)".
   *
   * @param files the configuration files, as the subject
   * @param server the super-server as the message names it
   * @param noEntry what is missing, after "but"
   */
  public static void reportUnnamed(
      Holder holder,
      KernelSocket socket,
      String files,
      String server,
      String noEntry,
      Diagnostics diagnostics) {
    Protocol protocol = socket.protocol();
    if (holder.direct() && (protocol == Protocol.TCP || protocol == Protocol.UDP)) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          files,
          server
              + " (pid "
              + holder.process().pid()
              + ") holds "
              + protocol.label()
              + " port "
              + socket.local().port()
              + " but "
              + noEntry);
    }
  }
}
