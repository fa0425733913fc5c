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
 * The kernel NFS server as rpc.nfsd (nfs-utils 2.6.2) sets it up from /etc/nfs.conf: [nfsd] port
 * (2049), tcp (default yes) and udp (default no since nfs-utils 2.3.x), host (a comma separated
 * list; all addresses when unset). With NFSv3 on ([nfsd] vers3, default yes) the kernel also starts
 * lockd, which listens on [lockd] port (TCP) and udp-port (UDP).
 *
 * <p>Port 0 in a result means "a port the kernel picks at start" (lockd's default).
 * /etc/default/nfs-kernel-server gives rpc.nfsd only a thread count, and only when booted by the
 * SysV script (systemd's nfs-server.service runs rpc.nfsd without arguments); 0 threads ([nfsd]
 * threads=0 or RPCNFSDCOUNT=0) starts no server.
 */
final class NfsdConfigReader implements NfsSettings.Reader {
  static final String DEFAULTS = "/etc/default/nfs-kernel-server";
  static final int PORT = 2049;

  public NfsdConfigReader() {}

  @Override
  public String name() {
    return "nfsd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("nfs-server", "nfs-kernel-server", "nfsd", "rpc.nfsd");
  }

  @Override
  public List<ConfiguredListen> listens(Host root, NfsSettings settings, Diagnostics diagnostics) {
    if (!(InitSystem.detect(root) == InitSystem.SYSTEMD)) {
      ConfigFiles.read(root, DEFAULTS, diagnostics)
          .ifPresent(
              text -> {
                ShellAssignments.Value count = ShellAssignments.parse(text).get("RPCNFSDCOUNT");
                if (count != null) {
                  settings.override(
                      "nfsd", "threads", new IniSetting(count.text(), DEFAULTS, count.line()));
                }
              });
    }
    Optional<IniSetting> threads = settings.get("nfsd", "threads");
    if (threads.isPresent() && threads.get().value().strip().equals("0")) {
      return List.of();
    }
    List<ConfiguredListen> out = new ArrayList<>();
    Optional<IniSetting> portSetting = settings.port("nfsd", "port", diagnostics);
    int port = IniSetting.portOr(portSetting, PORT);
    List<String> addresses = hosts(settings, diagnostics);
    Optional<IniSetting> where = portSetting.or(() -> settings.get("nfsd", "host"));
    for (Protocol protocol : protocols(settings, true, false, diagnostics)) {
      for (String address : addresses) {
        out.add(IniSetting.listen(protocol, port, address, where));
      }
    }
    if (settings.bool("nfsd", "vers3", true, diagnostics)) {
      out.addAll(lockd(settings, diagnostics));
    }
    return Listens.distinct(out);
  }

  /** The protocols [nfsd] tcp/udp enable (mountd reads the same keys, with UDP on). */
  static List<Protocol> protocols(
      NfsSettings settings, boolean tcpDefault, boolean udpDefault, Diagnostics diagnostics) {
    List<Protocol> out = new ArrayList<>();
    if (settings.bool("nfsd", "tcp", tcpDefault, diagnostics)) {
      out.add(Protocol.TCP);
    }
    if (settings.bool("nfsd", "udp", udpDefault, diagnostics)) {
      out.add(Protocol.UDP);
    }
    return out;
  }

  private static List<String> hosts(NfsSettings settings, Diagnostics diagnostics) {
    Optional<IniSetting> host = settings.get("nfsd", "host");
    if (host.isEmpty()) {
      return List.of("0.0.0.0", "::");
    }
    List<String> out = new ArrayList<>();
    for (String name : host.get().value().split("[,\\s]+")) {
      if (name.isEmpty()) {
        continue;
      }
      Optional<String> literal = Listens.literal(name);
      if (literal.isPresent()) {
        out.add(literal.get());
      } else if (name.equals("localhost")) {
        out.add("127.0.0.1");
        out.add("::1");
      } else {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            host.get().file() + ":" + host.get().line(),
            "[nfsd] host " + name + ": a host name is not resolved offline");
      }
    }
    return out;
  }

  private static List<ConfiguredListen> lockd(NfsSettings settings, Diagnostics diagnostics) {
    List<ConfiguredListen> out = new ArrayList<>();
    for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP)) {
      String key = protocol == Protocol.TCP ? "port" : "udp-port";
      Optional<IniSetting> s = settings.port("lockd", key, diagnostics);
      int port = IniSetting.portOr(s, 0);
      for (String any : List.of("0.0.0.0", "::")) {
        out.add(IniSetting.listen(protocol, port, any, s));
      }
    }
    return out;
  }
}
