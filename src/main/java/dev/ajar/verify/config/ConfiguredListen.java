package dev.ajar.verify.config;

import dev.ajar.model.Protocol;
import java.util.Objects;

/**
 * One socket a daemon's configuration makes it open.
 *
 * @param address where it binds, one of: a wildcard ({@code "0.0.0.0"} or {@code "::"}); an address
 *     literal ({@code "127.0.0.1"}, {@code "::1"}, {@code "192.0.2.7"}), hostnames already resolved
 *     where the root says how ({@code localhost}); or {@link #EVERY_IPV4} / {@link #EVERY_IPV6} for
 *     daemons that bind each interface address separately (named, nmbd), loopback included
 * @param file the configuration file that says so, as a path inside the root (null for a built-in
 *     default of the daemon)
 * @param line the 1-based line in {@code file}, 0 when not one line
 */
public record ConfiguredListen(Protocol protocol, int port, String address, String file, int line) {
  /** One socket on every IPv4 address of the host's interfaces (127.0.0.1 included). */
  public static final String EVERY_IPV4 = "every-ipv4";

  /** One socket on every IPv6 address of the host's interfaces (::1 included). */
  public static final String EVERY_IPV6 = "every-ipv6";

  public ConfiguredListen {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
