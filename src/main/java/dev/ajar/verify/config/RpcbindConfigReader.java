package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import dev.ajar.supervisors.InitSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * rpcbind (the portmapper): port 111, TCP and UDP, on 0.0.0.0 and :: (Debian's rpcbind.socket lists
 * exactly these, IPv6-only; rpcbind started by its init script binds the same).
 *
 * <p>{@code -h ADDR} in OPTIONS (/etc/default/rpcbind, also /etc/rpcbind.conf which the unit reads)
 * restricts the UDP sockets only (rpcbind(8)): one per given address, 127.0.0.1 and ::1 always
 * added; TCP stays on the wildcards. Under systemd the sockets come from rpcbind.socket and
 * rpcbind(8) says -h is then ignored: this reader reports that as a diagnostic and keeps the socket
 * unit's wildcards (a drop-in changing rpcbind.socket is the systemd supervisor's business). {@code
 * -l} (libwrap logging) opens nothing.
 */
final class RpcbindConfigReader implements DaemonConfigReader {
  static final String DEFAULTS = "/etc/default/rpcbind";
  static final String UNIT_ENVIRONMENT = "/etc/rpcbind.conf";
  static final int PORT = 111;

  public RpcbindConfigReader() {}

  @Override
  public String name() {
    return "rpcbind";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("rpcbind", "portmap");
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> defaults = ConfigFiles.read(root, DEFAULTS, diagnostics);
    Optional<String> unitEnvironment = ConfigFiles.read(root, UNIT_ENVIRONMENT, diagnostics);
    if (defaults.isEmpty() && unitEnvironment.isEmpty()) {
      return Optional.empty();
    }
    // systemd reads /etc/rpcbind.conf, then /etc/default/rpcbind: the later file wins.
    String file = DEFAULTS;
    ShellAssignments.Value options =
        defaults.map(t -> ShellAssignments.parse(t).get("OPTIONS")).orElse(null);
    if (options == null) {
      options = unitEnvironment.map(t -> ShellAssignments.parse(t).get("OPTIONS")).orElse(null);
      file = UNIT_ENVIRONMENT;
    }
    List<String> hosts = options == null ? List.of() : hostOptions(options.text());
    List<ConfiguredListen> out = new ArrayList<>();
    for (String any : List.of("0.0.0.0", "::")) {
      out.add(Listens.of(Protocol.TCP, PORT, any, null, 0));
    }
    if (hosts.isEmpty()) {
      for (String any : List.of("0.0.0.0", "::")) {
        out.add(Listens.of(Protocol.UDP, PORT, any, null, 0));
      }
    } else if ((InitSystem.detect(root) == InitSystem.SYSTEMD)) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          file + ":" + options.line(),
          "rpcbind -h is ignored under systemd socket activation (rpcbind(8)); "
              + "rpcbind.socket's addresses apply");
      for (String any : List.of("0.0.0.0", "::")) {
        out.add(Listens.of(Protocol.UDP, PORT, any, null, 0));
      }
    } else {
      out.addAll(udpHosts(hosts, file, options.line(), diagnostics));
    }
    return Optional.of(Listens.distinct(out));
  }

  private static List<ConfiguredListen> udpHosts(
      List<String> hosts, String file, int line, Diagnostics diagnostics) {
    List<ConfiguredListen> out = new ArrayList<>();
    for (String host : hosts) {
      Optional<String> literal =
          host.equals("localhost") ? Optional.of("127.0.0.1") : Listens.literal(host);
      if (literal.isPresent()) {
        out.add(Listens.of(Protocol.UDP, PORT, literal.get(), file, line));
      } else {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            file + ":" + line,
            "rpcbind -h " + host + ": a host name is not resolved offline");
      }
    }
    // rpcbind adds the loopback address of each family to the -h list.
    out.add(Listens.of(Protocol.UDP, PORT, "127.0.0.1", file, line));
    out.add(Listens.of(Protocol.UDP, PORT, "::1", file, line));
    return out;
  }

  /** The arguments of every -h in an rpcbind command line: "-w -h 10.0.0.1 -h::1". */
  static List<String> hostOptions(String options) {
    List<String> hosts = new ArrayList<>();
    String[] words = options.strip().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.equals("-h") && i + 1 < words.length) {
        hosts.add(words[++i]);
      } else if (w.startsWith("-h") && w.length() > 2) {
        hosts.add(w.substring(2));
      }
    }
    return hosts;
  }
}
