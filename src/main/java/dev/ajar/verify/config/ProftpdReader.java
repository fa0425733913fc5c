package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ProFTPD: proftpd.conf's Port, DefaultAddress, SocketBindTight, UseIPv6 and ServerType, and each
 * &lt;VirtualHost&gt; with its own Port, with Include (files, globs, directories) read in place. As
 * ProFTPD does, without SocketBindTight every distinct port is one wildcard socket ("::" with
 * UseIPv6, which Debian turns on; else 0.0.0.0) whatever the servers' addresses; with it, each
 * server binds its own addresses. "Port 0" switches a server off; ServerType inetd leaves the
 * listening to inetd. &lt;IfModule&gt; and &lt;IfDefine&gt; are read as if true, which errs towards
 * more ports.
 */
final class ProftpdReader implements DaemonConfigReader {
  static final String CONFIG = "/etc/proftpd/proftpd.conf";
  static final String BASE = "/etc/proftpd";
  static final int FTP_PORT = 21;

  public ProftpdReader() {}

  @Override
  public String name() {
    return "proftpd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("proftpd");
  }

  /** A server (the main one or a virtual host) and where its settings come from. */
  private static final class Server {
    final List<String> addresses = new ArrayList<>();
    int port = FTP_PORT;
    String file;
    int line;

    Server(String file, int line) {
      this.file = file;
      this.line = line;
    }
  }

  private static final class State {
    final Server main = new Server(null, 0);
    final List<Server> virtualHosts = new ArrayList<>();
    Server current = main;
    boolean bindTight;
    boolean ipv6 = true;
    boolean inetd;
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, CONFIG, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    State state = new State();
    readFile(root, CONFIG, text.get(), state, diagnostics, 0);
    if (state.inetd) {
      return Optional.of(List.of());
    }
    Listens listens = new Listens();
    HostNames names = HostNames.of(root, diagnostics);
    List<Server> servers = new ArrayList<>();
    servers.add(state.main);
    servers.addAll(state.virtualHosts);
    for (Server server : servers) {
      if (server.port == 0) {
        continue;
      }
      if (!state.bindTight) {
        listens.add(
            Protocol.TCP, server.port, state.ipv6 ? "::" : "0.0.0.0", server.file, server.line);
        continue;
      }
      if (server.addresses.isEmpty()) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            CONFIG,
            "SocketBindTight without DefaultAddress: the main server binds the address of the"
                + " host's name, not known offline");
        continue;
      }
      for (String name : server.addresses) {
        List<String> resolved = names.resolve(name);
        if (resolved.isEmpty()) {
          diagnostics.add(
              Diagnostics.Kind.SKIPPED,
              server.file + ":" + server.line,
              name + ": not an address, and not in the root's /etc/hosts");
        }
        for (String address : resolved) {
          if (state.ipv6 || !HostNames.isIpv6(address)) {
            listens.add(Protocol.TCP, server.port, address, server.file, server.line);
          }
        }
      }
    }
    return Optional.of(listens.toList(diagnostics, CONFIG));
  }

  private void readFile(
      Host root, String file, String text, State state, Diagnostics diagnostics, int depth) {
    List<ApacheStyleLine> lines = ApacheStyleLine.parse(text);
    for (ApacheStyleLine line : lines) {
      String where = file + ":" + line.number();
      if (line.error() != null) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, line.error());
        continue;
      }
      String directive = line.directive().toLowerCase(Locale.ROOT);
      List<String> args = line.args();
      switch (directive) {
        case "<virtualhost" -> {
          Server server = new Server(file, line.number());
          server.addresses.addAll(args);
          if (args.isEmpty()) {
            diagnostics.add(Diagnostics.Kind.MALFORMED, where, "<VirtualHost> without address");
          }
          state.virtualHosts.add(server);
          state.current = server;
        }
        case "</virtualhost" -> state.current = state.main;
        case "port" -> {
          int port =
              args.size() == 1 && args.get(0).equals("0")
                  ? 0
                  : args.size() == 1 ? PortNumbers.parse(args.get(0)) : -1;
          if (port < 0) {
            diagnostics.add(
                Diagnostics.Kind.MALFORMED, where, "bad Port " + String.join(" ", args));
          } else {
            state.current.port = port;
            state.current.file = file;
            state.current.line = line.number();
          }
        }
        case "defaultaddress" -> {
          state.main.addresses.clear();
          state.main.addresses.addAll(args);
        }
        case "sockbindtight", "socketbindtight" ->
            state.bindTight = on(args, state.bindTight, where, diagnostics);
        case "useipv6" -> state.ipv6 = on(args, state.ipv6, where, diagnostics);
        case "servertype" -> {
          String type = args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
          if (type.equals("inetd")) {
            state.inetd = true;
          } else if (type.equals("standalone")) {
            state.inetd = false;
          } else {
            diagnostics.add(Diagnostics.Kind.MALFORMED, where, "bad ServerType " + type);
          }
        }
        case "include" -> include(root, where, args, state, diagnostics, depth);
        default -> {
          // Other directives and sections do not change where ProFTPD listens.
        }
      }
    }
  }

  private void include(
      Host root, String where, List<String> args, State state, Diagnostics diagnostics, int depth) {
    if (args.size() != 1) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where, "Include needs one path");
      return;
    }
    if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where, "Include nested too deep (a loop?)");
      return;
    }
    String pattern = args.get(0);
    while (pattern.length() > 1 && pattern.endsWith("/")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    List<String> files =
        ConfigFiles.expand(root, BASE, pattern, true).stream()
            .filter(included -> !included.endsWith("~"))
            .toList();
    ConfigFiles.readEach(
        root,
        files,
        diagnostics,
        (included, t) -> readFile(root, included, t, state, diagnostics, depth + 1));
  }

  /** An on/off value; a bad one (ProFTPD refuses it) is a diagnostic and changes nothing. */
  private static boolean on(
      List<String> args, boolean current, String where, Diagnostics diagnostics) {
    String value = args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "on", "yes", "true", "1" -> true;
      case "off", "no", "false", "0" -> false;
      default -> {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, "expected on or off: " + value);
        yield current;
      }
    };
  }
}
