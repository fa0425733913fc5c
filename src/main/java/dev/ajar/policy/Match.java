package dev.ajar.policy;

import dev.ajar.model.Addresses;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a rule matches. Every field is optional: null matches any socket. A socket matches when
 * every given field matches (and); a field given as a list matches when any element does (or).
 * docs/POLICY.md defines each field precisely.
 *
 * @param protocol tcp, udp, udplite, raw
 * @param port local ports and ranges (for raw sockets, the IP protocol number)
 * @param service the socket's service name (its {@code service} field: /etc/services or IANA)
 * @param program a holder's exe or the owner's program: absolute path, or base name
 * @param unit the owner's entry ({@code unit:} or {@code entry:} in the file): "ssh.service",
 *     "finger"
 * @param supervisor the owner's supervisor: systemd, inetd, container, manual, ...
 * @param packageName the name of the program's package ({@code package:} in the file)
 * @param netns the namespace's name; "host" is the host's namespace
 * @param container whether the socket is in a container, or which one
 * @param scope where the socket is bound: loopback, any (wildcard), address, not-any
 * @param address bind addresses: literal addresses or CIDR blocks
 */
record Match(
    List<Protocol> protocol,
    List<PortRange> port,
    List<String> service,
    List<String> program,
    List<String> unit,
    List<SupervisorKind> supervisor,
    List<String> packageName,
    List<String> netns,
    Container container,
    Scope scope,
    List<Cidr> address) {

  public Match {
    protocol = copy(protocol);
    port = copy(port);
    service = copy(service);
    program = copy(program);
    unit = copy(unit);
    supervisor = copy(supervisor);
    packageName = copy(packageName);
    netns = copy(netns);
    address = copy(address);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }

  /** Matches every socket: {@code {}}. */
  public static Match any() {
    return new Match(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** True when no field is given (the rule matches every socket). */
  public boolean isEmpty() {
    return equals(any());
  }

  /** True when a field needs to know who holds the socket (program, unit, supervisor, package). */
  public boolean usesOwner() {
    return program != null || unit != null || supervisor != null || packageName != null;
  }

  /** The match as a YAML flow mapping, keys in a fixed order: {@code {protocol: tcp, port: 22}}. */
  public String toYaml() {
    List<String> parts = new ArrayList<>();
    field(parts, "protocol", protocol, Protocol::label);
    field(parts, "port", port, PortRange::toString);
    field(parts, "service", service, YamlText::scalar);
    field(parts, "program", program, YamlText::scalar);
    field(parts, "unit", unit, YamlText::scalar);
    field(parts, "supervisor", supervisor, SupervisorKind::label);
    field(parts, "package", packageName, YamlText::scalar);
    field(parts, "netns", netns, YamlText::scalar);
    if (container != null) {
      parts.add("container: " + container.toYaml());
    }
    if (scope != null) {
      parts.add("scope: " + scope.label());
    }
    field(parts, "address", address, c -> YamlText.scalar(c.toString()));
    return "{" + String.join(", ", parts) + "}";
  }

  private static <T> void field(
      List<String> parts, String key, List<T> values, Function<T, String> text) {
    if (values == null) {
      return;
    }
    if (values.size() == 1) {
      parts.add(key + ": " + text.apply(values.getFirst()));
    } else {
      parts.add(key + ": [" + String.join(", ", values.stream().map(text).toList()) + "]");
    }
  }

  @Override
  public String toString() {
    return toYaml();
  }

  /** A port or an inclusive range of ports. */
  public record PortRange(int from, int to) {
    public PortRange {
      if (from < 0 || to > 65535 || from > to) {
        throw new IllegalArgumentException("bad port range " + from + "-" + to);
      }
    }

    public static PortRange of(int port) {
      return new PortRange(port, port);
    }

    public boolean contains(int port) {
      return port >= from && port <= to;
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  /** Where a socket is bound, as {@code scope:} names it. */
  public enum Scope {
    /** Bound to a loopback address: 127.0.0.0/8, ::1, ::ffff:127.x.y.z. */
    LOOPBACK("loopback"),
    /** Bound to the wildcard address: 0.0.0.0 or ::. */
    ANY("any"),
    /** Bound to one address that is neither loopback nor the wildcard. */
    ADDRESS("address"),
    /** Anything but the wildcard: loopback or one address. */
    NOT_ANY("not-any");

    private final String label;

    Scope(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The scope a word names, or null. */
    public static Scope of(String word) {
      for (Scope s : values()) {
        if (s.label.equals(word)) {
          return s;
        }
      }
      return null;
    }
  }

  /**
   * {@code container: true} (in any container), {@code false} (in none), or a name.
   *
   * @param inside whether the socket must be in a container (true) or in none (false)
   * @param name the container's name or id, or null for any container
   */
  public record Container(boolean inside, String name) {
    public String toYaml() {
      return name != null ? YamlText.scalar(name) : Boolean.toString(inside);
    }
  }

  /**
   * A literal address (prefix 32 or 128) or a CIDR block. An IPv4 block also contains the
   * IPv4-mapped IPv6 forms of its addresses (::ffff:10.0.0.1).
   */
  public record Cidr(InetAddress network, int prefix) {
    public Cidr {
      int bits = network.getAddress().length * 8;
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("bad prefix /" + prefix);
      }
      network = masked(network, prefix);
    }

    public boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      byte[] n = network.getAddress();
      if (a.length == 16 && n.length == 4 && isMappedV4(a)) {
        a = java.util.Arrays.copyOfRange(a, 12, 16);
      }
      if (a.length != n.length) {
        return false;
      }
      return java.util.Arrays.equals(mask(a, prefix), n);
    }

    @Override
    public String toString() {
      String text = Addresses.format(network);
      return prefix == network.getAddress().length * 8 ? text : text + "/" + prefix;
    }

    private static InetAddress masked(InetAddress address, int prefix) {
      try {
        return InetAddress.getByAddress(mask(address.getAddress(), prefix));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
      byte[] out = bytes.clone();
      for (int i = 0; i < out.length; i++) {
        int keep = Math.max(0, Math.min(8, prefix - 8 * i));
        out[i] &= (byte) (0xff << (8 - keep));
      }
      return out;
    }

    private static boolean isMappedV4(byte[] b) {
      for (int i = 0; i < 10; i++) {
        if (b[i] != 0) {
          return false;
        }
      }
      return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** Whether the block is IPv4 (its addresses and their IPv4-mapped forms). */
    public boolean isV4() {
      return network instanceof Inet4Address;
    }
  }
}
