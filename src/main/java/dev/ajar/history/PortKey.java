package dev.ajar.history;

/**
 * What makes one open port in the history: the same key in two snapshots is the same port, however
 * its holders changed (a daemon restarted with a new pid is not a change). Text is stored as {@link
 * dev.ajar.model.Text#forJson} gives it (undecodable bytes as the four characters \xNN).
 *
 * @param netns the namespace's name ("host", an `ip netns` name, a container's name,
 *     "netns:[inode]")
 * @param protocol tcp, udp, udplite or raw
 * @param address the local address as ss prints it ("0.0.0.0", "::", "127.0.0.1")
 * @param supervisor the owner's supervisor label ("systemd", "inetd", "manual"), "" when there is
 *     no owner (a kernel socket, or a holder ajar may not see)
 * @param entry the owner's entry ("ssh.service"), its program where it has no entry (a manual
 *     owner: "/usr/bin/python3.11"), "" when there is no owner
 */
public record PortKey(
    String netns, String protocol, String address, int port, String supervisor, String entry)
    implements Comparable<PortKey> {

  public PortKey {
    java.util.Objects.requireNonNull(netns, "netns");
    java.util.Objects.requireNonNull(protocol, "protocol");
    java.util.Objects.requireNonNull(address, "address");
    java.util.Objects.requireNonNull(supervisor, "supervisor");
    java.util.Objects.requireNonNull(entry, "entry");
  }

  /**
   * Written out: a record's generated equals and hashCode go through method handles, which the
   * watcher's C1-compiled loop paid for on every one of tens of thousands of lookups a snapshot.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof PortKey k
        && port == k.port
        && address.equals(k.address)
        && entry.equals(k.entry)
        && protocol.equals(k.protocol)
        && netns.equals(k.netns)
        && supervisor.equals(k.supervisor);
  }

  @Override
  public int hashCode() {
    int h = netns.hashCode();
    h = 31 * h + protocol.hashCode();
    h = 31 * h + address.hashCode();
    h = 31 * h + port;
    h = 31 * h + supervisor.hashCode();
    return 31 * h + entry.hashCode();
  }

  public boolean hasOwner() {
    return !supervisor.isEmpty();
  }

  /** "tcp 127.0.0.1:8080", "udp [::]:53". */
  public String endpoint() {
    return protocol
        + " "
        + (address.indexOf(':') >= 0 ? "[" + address + "]" : address)
        + ":"
        + port;
  }

  /** By namespace, protocol, port, address, supervisor, entry. */
  @Override
  public int compareTo(PortKey o) {
    int c = netns.compareTo(o.netns);
    if (c == 0) {
      c = protocol.compareTo(o.protocol);
    }
    if (c == 0) {
      c = Integer.compare(port, o.port);
    }
    if (c == 0) {
      c = address.compareTo(o.address);
    }
    if (c == 0) {
      c = supervisor.compareTo(o.supervisor);
    }
    return c != 0 ? c : entry.compareTo(o.entry);
  }
}
