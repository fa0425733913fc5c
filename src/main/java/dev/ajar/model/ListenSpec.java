package dev.ajar.model;

import java.util.Set;

/**
 * A port a supervisor entry opens (or will open at boot).
 *
 * @param address the bind address as configured, or null for every address
 * @param families the address families of the sockets when the supervisor says (inetd's "tcp" is
 *     IPv4 and IPv6, "tcp6" IPv6 only); empty when unknown or implied by the address
 */
public record ListenSpec(Protocol protocol, int port, String address, Set<Family> families) {
  public ListenSpec {
    families = Set.copyOf(families);
  }

  public ListenSpec(Protocol protocol, int port, String address) {
    this(protocol, port, address, Set.of());
  }
}
