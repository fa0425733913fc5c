package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import dev.ajar.supervisors.inetd.ServicePorts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * OpenSSH's sshd: sshd_config(5) Port, ListenAddress and AddressFamily, with Include processed in
 * place. As sshd does, ListenAddress lines are collected and resolved after the whole file (so Port
 * may come after them); a ListenAddress with its own port uses only that port; without any
 * ListenAddress sshd binds the wildcards of every Port.
 */
final class SshdReader implements DaemonConfigReader {
  static final String CONFIG = "/etc/ssh/sshd_config";
  static final String BASE = "/etc/ssh";
  static final int DEFAULT_PORT = 22;

  /** sshd's MAX_PORTS: it refuses more Port lines. */
  static final int MAX_PORTS = 256;

  public SshdReader() {}

  @Override
  public String name() {
    return "sshd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("sshd", "ssh");
  }

  /** A ListenAddress line as sshd queues it: port 0 means "every Port". */
  private record QueuedAddress(String host, int port, String file, int line) {}

  /** A Port line. */
  private record PortLine(int port, String file, int line) {}

  /** What the files said, first value winning where sshd keeps the first. */
  private static final class Settings {
    final List<PortLine> ports = new ArrayList<>();
    final List<QueuedAddress> addresses = new ArrayList<>();
    final Set<String> addressKeys = new HashSet<>();
    String family;
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, CONFIG, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Settings settings = new Settings();
    ServicePorts services =
        ServicePorts.parse(ConfigFiles.read(root, "/etc/services", diagnostics).orElse(""));
    readFile(root, CONFIG, text.get(), settings, services, diagnostics, 0);

    boolean v4 = !"inet6".equals(settings.family);
    boolean v6 = !"inet".equals(settings.family);
    List<PortLine> ports =
        settings.ports.isEmpty() ? List.of(new PortLine(DEFAULT_PORT, null, 0)) : settings.ports;
    Listens listens = new Listens();
    if (settings.addresses.isEmpty()) {
      for (PortLine p : ports) {
        if (v4) {
          listens.add(Protocol.TCP, p.port(), "0.0.0.0", p.file(), p.line());
        }
        if (v6) {
          listens.add(Protocol.TCP, p.port(), "::", p.file(), p.line());
        }
      }
      return Optional.of(listens.toList(diagnostics, CONFIG));
    }
    HostNames names = HostNames.of(root, diagnostics);
    for (QueuedAddress a : settings.addresses) {
      if (listens.isFull()) {
        break;
      }
      List<String> resolved = names.resolve(a.host());
      if (resolved.isEmpty()) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            a.file() + ":" + a.line(),
            "ListenAddress " + a.host() + ": not an address, and not in the root's /etc/hosts");
        continue;
      }
      for (String address : resolved) {
        if (HostNames.isIpv6(address) ? !v6 : !v4) {
          continue;
        }
        if (a.port() != 0) {
          listens.add(Protocol.TCP, a.port(), address, a.file(), a.line());
        } else {
          for (PortLine p : ports) {
            listens.add(Protocol.TCP, p.port(), address, a.file(), a.line());
          }
        }
      }
    }
    return Optional.of(listens.toList(diagnostics, CONFIG));
  }

  private void readFile(
      Host root,
      String file,
      String text,
      Settings settings,
      ServicePorts services,
      Diagnostics diagnostics,
      int depth) {
    String[] lines = text.split("\n", -1);
    // A Match block lasts to the next Match or the end of the file that opened it.
    boolean inMatch = false;
    for (int i = 0; i < lines.length; i++) {
      String where = file + ":" + (i + 1);
      List<String> words;
      try {
        words = SshdConfigLine.split(lines[i]);
      } catch (IllegalArgumentException e) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, e.getMessage());
        continue;
      }
      if (words.isEmpty()) {
        continue;
      }
      String keyword = words.get(0).toLowerCase(Locale.ROOT);
      List<String> args = words.subList(1, words.size());
      switch (keyword) {
        case "match" -> inMatch = true;
        case "include" -> include(root, where, args, settings, services, diagnostics, depth);
        case "port", "listenaddress", "addressfamily" -> {
          if (inMatch) {
            diagnostics.add(
                Diagnostics.Kind.MALFORMED,
                where,
                words.get(0) + " is not allowed in a Match block (sshd refuses to start)");
          } else {
            global(keyword, args, file, i + 1, settings, services, diagnostics);
          }
        }
        default -> {
          // Other keywords do not change where sshd listens.
        }
      }
    }
  }

  private void include(
      Host root,
      String where,
      List<String> patterns,
      Settings settings,
      ServicePorts services,
      Diagnostics diagnostics,
      int depth) {
    if (patterns.isEmpty()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where, "Include without a file");
      return;
    }
    if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where, "Include nested too deep (a loop?)");
      return;
    }
    for (String pattern : patterns) {
      ConfigFiles.readEach(
          root,
          ConfigFiles.expand(root, BASE, pattern, false),
          diagnostics,
          (included, text) ->
              readFile(root, included, text, settings, services, diagnostics, depth + 1));
    }
  }

  private static void global(
      String keyword,
      List<String> args,
      String file,
      int line,
      Settings settings,
      ServicePorts services,
      Diagnostics diagnostics) {
    String where = file + ":" + line;
    if (args.isEmpty()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where, keyword + " without a value");
      return;
    }
    switch (keyword) {
      case "port" -> {
        int port = port(args.get(0), services);
        if (port <= 0) {
          diagnostics.add(Diagnostics.Kind.MALFORMED, where, "bad port number " + args.get(0));
        } else if (settings.ports.size() >= MAX_PORTS) {
          diagnostics.add(Diagnostics.Kind.MALFORMED, where, "too many ports (sshd refuses)");
        } else if (settings.ports.stream().noneMatch(p -> p.port() == port)) {
          settings.ports.add(new PortLine(port, file, line));
        }
      }
      case "addressfamily" -> {
        String value = args.get(0).toLowerCase(Locale.ROOT);
        if (!Set.of("any", "inet", "inet6").contains(value)) {
          diagnostics.add(Diagnostics.Kind.MALFORMED, where, "bad AddressFamily " + args.get(0));
        } else if (settings.family == null) {
          settings.family = value;
        }
      }
      default -> {
        try {
          SshdConfigLine.ListenAddress parsed = SshdConfigLine.listenAddress(args);
          int port = 0;
          if (parsed.port() != null) {
            port = port(parsed.port(), services);
            if (port <= 0) {
              diagnostics.add(
                  Diagnostics.Kind.MALFORMED, where, "bad port number " + parsed.port());
              return;
            }
          }
          if (settings.addressKeys.add(parsed.host() + " " + port)) {
            settings.addresses.add(new QueuedAddress(parsed.host(), port, file, line));
          }
        } catch (IllegalArgumentException e) {
          diagnostics.add(Diagnostics.Kind.MALFORMED, where, e.getMessage());
        }
      }
    }
  }

  /** As OpenSSH's a2port: a number 1..65535 or a tcp service name; -1 when neither. */
  private static int port(String text, ServicePorts services) {
    OptionalInt port = services.port(text, "tcp");
    return port.isPresent() ? port.getAsInt() : -1;
  }
}
