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
 * rpc.statd (nfs-utils 2.6.2, the NFSv3 lock status monitor): TCP and UDP on 0.0.0.0 and :: at
 * [statd] port of /etc/nfs.conf, plus one UDP socket on 127.0.0.1 at a reserved port the kernel
 * picks, through which it tells lockd of peer reboots. Port 0 in a result means "a port the kernel
 * picks at start" (the default: statd registers it with rpcbind). outgoing-port opens nothing that
 * stays: it is sm-notify's source port. Checked against rpc.statd run from a Debian 12 root
 * (BootPredictionIT): pinned port=32765 and outgoing-port=32766 gave tcp and udp 32765 on both
 * wildcards and udp 127.0.0.1 on a port below 1024, nothing on 32766.
 *
 * <p>STATDOPTS of /etc/default/nfs-common ({@code --port N --outgoing-port M}) is passed only by
 * the SysV init script; systemd's rpc-statd.service runs rpc.statd without arguments, so on a
 * systemd root it is reported and not applied.
 */
final class StatdConfigReader implements NfsSettings.Reader {
  static final String DEFAULTS = "/etc/default/nfs-common";

  public StatdConfigReader() {}

  @Override
  public String name() {
    return "statd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("rpc-statd", "rpc.statd", "statd", "nfs-common");
  }

  @Override
  public List<ConfiguredListen> listens(Host root, NfsSettings settings, Diagnostics diagnostics) {
    ShellAssignments.Value options =
        ConfigFiles.read(root, DEFAULTS, diagnostics)
            .map(t -> ShellAssignments.parse(t).get("STATDOPTS"))
            .orElse(null);
    if (options != null && !options.text().isBlank()) {
      Optional<String> port = NfsSettings.option(options.text(), "--port", "-p");
      Optional<String> outgoing = NfsSettings.option(options.text(), "--outgoing-port", "-o");
      if ((InitSystem.detect(root) == InitSystem.SYSTEMD)) {
        if (port.isPresent() || outgoing.isPresent()) {
          diagnostics.add(
              Diagnostics.Kind.SKIPPED,
              DEFAULTS + ":" + options.line(),
              "STATDOPTS is passed only by the SysV init script; rpc-statd.service ignores "
                  + "it (set [statd] port in /etc/nfs.conf.d/ instead)");
        }
      } else {
        port.ifPresent(
            p -> settings.override("statd", "port", new IniSetting(p, DEFAULTS, options.line())));
      }
    }
    List<ConfiguredListen> out = new ArrayList<>();
    Optional<IniSetting> portSetting = settings.port("statd", "port", diagnostics);
    int port = IniSetting.portOr(portSetting, 0);
    for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP)) {
      for (String any : List.of("0.0.0.0", "::")) {
        out.add(IniSetting.listen(protocol, port, any, portSetting));
      }
    }
    // The socket statd tells the local lockd of reboots through: bindresvport() on 127.0.0.1
    // (statd/rmtcall.c), always a reserved port the kernel picks. outgoing-port only sets the
    // source port of sm-notify, a separate program that sends and exits: no socket stays open.
    out.add(new ConfiguredListen(Protocol.UDP, 0, "127.0.0.1", null, 0));
    return Listens.distinct(out);
  }
}
