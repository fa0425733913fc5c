package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import dev.ajar.supervisors.inetd.ServicePorts;
import dev.ajar.verify.config.PostfixConf.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Postfix's master: the inet services of master.cf, each bound once per address of main.cf's
 * inet_interfaces (or the wildcard of each protocol for "all"), within inet_protocols. A service
 * written "host:port" binds that host only. Service names are ports of the root's /etc/services.
 */
final class PostfixReader implements DaemonConfigReader {
  static final String MASTER = "/etc/postfix/master.cf";
  static final String MAIN = "/etc/postfix/main.cf";

  public PostfixReader() {}

  @Override
  public String name() {
    return "postfix";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("postfix", "master");
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> master = ConfigFiles.read(root, MASTER, diagnostics);
    if (master.isEmpty()) {
      return Optional.empty();
    }
    List<Line> malformed = new ArrayList<>();
    Map<String, Line> main =
        PostfixConf.parameters(ConfigFiles.read(root, MAIN, diagnostics).orElse(""), malformed);
    report(MAIN, malformed, "not name = value", diagnostics);
    malformed.clear();
    List<PostfixConf.InetService> services = PostfixConf.inetServices(master.get(), malformed);
    report(MASTER, malformed, "not a service entry", diagnostics);

    boolean[] protocols = protocols(main, diagnostics);
    HostNames names = HostNames.of(root, diagnostics);
    List<String> interfaces = interfaces(main, protocols, names, diagnostics);
    ServicePorts ports =
        ServicePorts.parse(ConfigFiles.read(root, "/etc/services", diagnostics).orElse(""));
    Listens listens = new Listens();
    for (PostfixConf.InetService service : services) {
      if (listens.isFull()) {
        break;
      }
      String where = MASTER + ":" + service.line();
      OptionalInt port = ports.port(service.port(), "tcp");
      if (port.isEmpty()) {
        diagnostics.add(
            Diagnostics.Kind.MALFORMED,
            where,
            "unknown service " + service.port() + " (not in the root's /etc/services)");
        continue;
      }
      List<String> addresses = interfaces;
      if (service.host() != null) {
        addresses = names.resolve(service.host());
        if (addresses.isEmpty()) {
          diagnostics.add(
              Diagnostics.Kind.SKIPPED,
              where,
              "host " + service.host() + ": not an address, and not in the root's /etc/hosts");
        }
      }
      for (String address : addresses) {
        listens.add(Protocol.TCP, port.getAsInt(), address, MASTER, service.line());
      }
    }
    return Optional.of(listens.toList(diagnostics, MASTER));
  }

  /** inet_protocols: {IPv4, IPv6}; "all" (the default of Postfix 3) is both. */
  private static boolean[] protocols(Map<String, Line> main, Diagnostics diagnostics) {
    Line line = main.get("inet_protocols");
    if (line == null) {
      return new boolean[] {true, true};
    }
    boolean[] protocols = {false, false};
    for (String word : line.text().toLowerCase(Locale.ROOT).split("[\\s,]+")) {
      switch (word) {
        case "all" -> protocols = new boolean[] {true, true};
        case "ipv4" -> protocols[0] = true;
        case "ipv6" -> protocols[1] = true;
        default ->
            diagnostics.add(
                Diagnostics.Kind.MALFORMED,
                MAIN + ":" + line.number(),
                "bad inet_protocols value " + (word.isEmpty() ? "(empty)" : word));
      }
    }
    return protocols;
  }

  /** The addresses inet_interfaces makes the master bind, filtered by the protocols. */
  private static List<String> interfaces(
      Map<String, Line> main, boolean[] protocols, HostNames names, Diagnostics diagnostics) {
    Line line = main.get("inet_interfaces");
    String value = line == null ? "all" : line.text();
    String where = line == null ? MAIN : MAIN + ":" + line.number();
    try {
      value = PostfixConf.expand(value, main, 0);
    } catch (IllegalArgumentException e) {
      diagnostics.add(Diagnostics.Kind.SKIPPED, where, "inet_interfaces: " + e.getMessage());
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    for (String word : value.split("[\\s,]+")) {
      if (word.isEmpty()) {
        continue;
      }
      switch (word.toLowerCase(Locale.ROOT)) {
        case "all" -> {
          addresses.add("0.0.0.0");
          addresses.add("::");
        }
        case "loopback-only" -> {
          addresses.add("127.0.0.1");
          addresses.add("::1");
        }
        default -> {
          List<String> resolved = names.resolve(word);
          if (resolved.isEmpty()) {
            diagnostics.add(
                Diagnostics.Kind.SKIPPED,
                where,
                "inet_interfaces " + word + ": not an address, and not in the root's /etc/hosts");
          }
          addresses.addAll(resolved);
        }
      }
    }
    return addresses.stream()
        .distinct()
        .filter(a -> protocols[HostNames.isIpv6(a) ? 1 : 0])
        .toList();
  }

  private static void report(
      String file, List<Line> malformed, String what, Diagnostics diagnostics) {
    for (Line line : malformed) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, file + ":" + line.number(), what);
    }
  }
}
