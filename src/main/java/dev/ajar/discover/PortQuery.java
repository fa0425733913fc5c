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
 */
public record PortQuery(
    boolean allStates,
    Set<Protocol> protocols,
    Set<Family> families,
    java.util.List<int[]> ports,
    Set<Integer> pids,
    Set<String> users,
    String netns) {

  public static PortQuery listening() {
    return new PortQuery(
        false,
        EnumSet.noneOf(Protocol.class),
        EnumSet.noneOf(Family.class),
        java.util.List.of(),
        Set.of(),
        Set.of(),
        "all");
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
