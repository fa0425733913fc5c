package dev.ajar.discover;

import dev.ajar.host.Host;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** The interfaces of one namespace, read on first need from a member's /proc/PID/net. */
final class NamespaceAddresses {
  private final Host host;
  private final String reader;
  private Map<InetAddress, String> v6;
  private List<InterfaceAddressParser.Route> routes;

  NamespaceAddresses(Host host, String reader) {
    this.host = host;
    this.reader = reader;
  }

  /** The interface holding a local address, or null when none does (or it cannot be read). */
  String interfaceOf(InetAddress address) {
    try {
      if (address instanceof Inet4Address) {
        if (routes == null) {
          routes = InterfaceAddressParser.parseRoutes(host.readText(reader + "/net/route"));
        }
        return InterfaceAddressParser.interfaceFor(address, routes);
      }
      if (v6 == null) {
        v6 = InterfaceAddressParser.parseIfInet6(host.readText(reader + "/net/if_inet6"));
      }
      return v6.get(address);
    } catch (IOException e) {
      return null;
    }
  }
}
