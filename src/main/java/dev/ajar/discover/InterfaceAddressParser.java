package dev.ajar.discover;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which interface holds a local address, from a namespace's own /proc/net files (so it works for
 * any namespace without entering it).
 */
final class InterfaceAddressParser {
  private InterfaceAddressParser() {}

  /**
   * IPv6 from /proc/net/if_inet6: address (network order, no colons), ifindex, prefix length,
   * scope, flags, name.
   *
   * <pre>
   * fe800000000000000a0027fffe4c3b2a 02 40 20 80     eth0
   * </pre>
   */
  public static Map<InetAddress, String> parseIfInet6(String text) {
    Map<InetAddress, String> owners = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 6 || f[0].length() != 32) {
        continue;
      }
      byte[] addr = new byte[16];
      try {
        for (int i = 0; i < 16; i++) {
          addr[i] = (byte) Integer.parseInt(f[0], 2 * i, 2 * i + 2, 16);
        }
        owners.putIfAbsent(Inet6Address.getByAddress(null, addr, -1), f[5]);
      } catch (NumberFormatException | UnknownHostException e) {
        // skip the line
      }
    }
    return owners;
  }

  /** One IPv4 route of /proc/net/route. */
  public record Route(String iface, int destination, int mask) {}

  /**
   * /proc/net/route: interface, destination, gateway, flags, refcnt, use, metric, mask (hex in host
   * byte order).
   *
   * <pre>
   * Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
   * eth0	0002000A	00000000	0001	0	0	0	00FFFFFF	0	0	0
   * </pre>
   */
  public static List<Route> parseRoutes(String text) {
    List<Route> routes = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || f[0].equals("Iface")) {
        continue;
      }
      try {
        routes.add(new Route(f[0], toNetworkOrder(f[1]), toNetworkOrder(f[7])));
      } catch (NumberFormatException e) {
        // skip the line
      }
    }
    return routes;
  }

  /** The interface of the most specific route containing {@code address}, or null. */
  public static String interfaceFor(InetAddress address, List<Route> routes) {
    byte[] b = address.getAddress();
    if (b.length != 4) {
      return null;
    }
    int a = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    Route best = null;
    for (Route r : routes) {
      if ((a & r.mask()) == r.destination()
          && r.mask() != 0
          && (best == null || Integer.compareUnsigned(r.mask(), best.mask()) > 0)) {
        best = r;
      }
    }
    return best == null ? null : best.iface();
  }

  private static int toNetworkOrder(String hex) {
    int v = (int) Long.parseLong(hex, 16);
    return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(v) : v;
  }
}
