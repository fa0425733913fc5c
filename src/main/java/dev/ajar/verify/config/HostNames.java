package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names as the root resolves them without the network: address literals, the root's own
 * /etc/hosts, and "localhost" (127.0.0.1 and ::1 when /etc/hosts does not say). A name only DNS
 * could answer is unknown here: the caller reports it and skips it.
 */
final class HostNames {
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");

  private final Map<String, List<String>> hosts;

  private HostNames(Map<String, List<String>> hosts) {
    this.hosts = hosts;
  }

  /** Reads the root's /etc/hosts (a missing one leaves only literals and localhost). */
  static HostNames of(Host root, Diagnostics diagnostics) {
    return parse(ConfigFiles.read(root, "/etc/hosts", diagnostics).orElse(""));
  }

  /**
   * Parses hosts(5); every address of a name is kept, in file order, as glibc returns them for
   * AF_UNSPEC.
   *
   * <pre>
   * 127.0.0.1	localhost
   * ::1		localhost ip6-localhost ip6-loopback
   * </pre>
   */
  static HostNames parse(String text) {
    Map<String, List<String>> hosts = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String[] fields = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      Optional<String> address = literal(fields[0]);
      if (address.isEmpty()) {
        continue;
      }
      for (int i = 1; i < fields.length; i++) {
        List<String> known =
            hosts.computeIfAbsent(fields[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        if (!known.contains(address.get())) {
          known.add(address.get());
        }
      }
    }
    return new HostNames(hosts);
  }

  /**
   * The addresses of a name or literal, in the canonical text form; empty when only DNS could tell.
   */
  List<String> resolve(String name) {
    Optional<String> literal = literal(name);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    List<String> known = hosts.get(name.toLowerCase(Locale.ROOT));
    if (known != null) {
      return List.copyOf(known);
    }
    if (name.equalsIgnoreCase("localhost")) {
      return List.of("127.0.0.1", "::1");
    }
    return List.of();
  }

  /** The addresses of a name of one family only (getaddrinfo with AF_INET or AF_INET6). */
  List<String> resolve(String name, boolean ipv6) {
    return resolve(name).stream().filter(a -> isIpv6(a) == ipv6).toList();
  }

  /**
   * An IPv4 or IPv6 literal in canonical form (RFC 5952, dotted quad); never a lookup. IPv6
   * literals may be bracketed. A zone ("%eth0") is dropped: the socket table does not show it.
   */
  static Optional<String> literal(String text) {
    String s =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    try {
      if (DOTTED_QUAD.matcher(s).matches()) {
        return Optional.of(Addresses.format(InetAddress.ofLiteral(s)));
      }
      if (s.indexOf(':') >= 0 && IPV6_TEXT.matcher(s).matches()) {
        int percent = s.indexOf('%');
        InetAddress address = InetAddress.ofLiteral(percent >= 0 ? s.substring(0, percent) : s);
        return Optional.of(Addresses.format(address));
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether a canonical address (or wildcard) is IPv6. */
  static boolean isIpv6(String address) {
    return address.indexOf(':') >= 0 || address.equals(ConfiguredListen.EVERY_IPV6);
  }
}
