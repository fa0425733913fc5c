package dev.ajar.verify;

import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Protocol;
import java.util.List;

/**
 * A port that will be open after the next boot, and why ajar thinks so.
 *
 * @param port the port; 0 when the daemon takes one the kernel picks at start (a "dynamic" port:
 *     statd and mountd unpinned, avahi's unicast replies)
 * @param addresses where it binds: wildcards ("0.0.0.0", "::"), literals, or {@link
 *     dev.ajar.verify.config.ConfiguredListen#EVERY_IPV4} / EVERY_IPV6
 * @param owner the entry that starts it
 * @param pkg the package of the entry's program (or of its unit file or script), or null
 * @param source how it was predicted
 * @param file where the port is configured (unit, inetd.conf, daemon configuration), or null for a
 *     knowledge-base default
 * @param line the 1-based line in {@code file}, 0 when not one line
 * @param startedBy what starts the entry at boot ("multi-user.target pulls it in")
 */
public record PredictedPort(
    Protocol protocol,
    int port,
    List<String> addresses,
    Owner owner,
    PackageRef pkg,
    Source source,
    String file,
    int line,
    String startedBy) {

  public PredictedPort {
    addresses = List.copyOf(addresses);
  }

  public boolean isDynamic() {
    return port == 0;
  }

  /** How a port was predicted: exactly, from the daemon's configuration, or by default. */
  public enum Source {
    SOCKET_UNIT("socket-unit"),
    INETD("inetd"),
    XINETD("xinetd"),
    CONFIG("config"),
    DEFAULT("default");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
