package dev.ajar.discover;

import dev.ajar.model.Family;
import dev.ajar.model.Protocol;
import java.util.EnumSet;
import java.util.Set;

/**
 * What `ajar ports` is asked to show. Empty sets mean "no restriction".
 *
 * @param allStates every socket, not only listening TCP and bound UDP/RAW
 * @param ports allowed local ports as inclusive ranges {from, to}; empty for all
 * @param users user names or numeric uids
 * @param netns "all", "host", an `ip netns` or container name, or a pid whose namespace to show
 * @param withHolders whether to find the processes holding each socket (the /proc/*&#47;fd pass)
 * @param source where to read the sockets from
 */
public record PortQuery(
    boolean allStates,
    Set<Protocol> protocols,
    Set<Family> families,
    java.util.List<int[]> ports,
    Set<Integer> pids,
    Set<String> users,
    String netns,
    boolean withHolders,
    SocketSource source) {

  /** Where the kernel's socket tables are read. */
  public enum SocketSource {
    /** Netlink sock_diag where it can be had, /proc/net otherwise. */
    AUTO,
    /** Netlink sock_diag only: a namespace it cannot read is reported, not read another way. */
    NETLINK,
    /** /proc/PID/net text tables only. */
    PROC
  }

  /** Listening TCP and bound UDP/RAW sockets of every namespace, with their holders. */
  public static PortQuery listening() {
    return listening("all");
  }

  /**
   * Listening TCP and bound UDP/RAW sockets of one namespace, with their holders.
   *
   * @param netns as {@link #netns()}
   */
  public static PortQuery listening(String netns) {
    return new PortQuery(
        false,
        EnumSet.noneOf(Protocol.class),
        EnumSet.noneOf(Family.class),
        java.util.List.of(),
        Set.of(),
        Set.of(),
        netns,
        true,
        SocketSource.AUTO);
  }

  boolean portAllowed(int port) {
    if (ports.isEmpty()) {
      return true;
    }
    for (int[] range : ports) {
      if (port >= range[0] && port <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
