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
 * rpc.mountd (nfs-utils 2.6.2): TCP and UDP on 0.0.0.0 and :: at [mountd] port of /etc/nfs.conf.
 * Port 0 in a result means "a port the kernel picks at start" (the default: mountd registers
 * whatever it got with rpcbind). mountd.c reads the protocols from the [nfsd] section ({@code tcp},
 * {@code udp}), both on unless set off, unlike rpc.nfsd's UDP default.
 *
 * <p>RPCMOUNTDOPTS of /etc/default/nfs-kernel-server ({@code --port N}, {@code --no-udp}, {@code
 * --no-tcp}) are passed only by the SysV init script; systemd's nfs-mountd.service runs rpc.mountd
 * without arguments, so on a systemd root they are reported and not applied.
 */
final class MountdConfigReader implements NfsSettings.Reader {
  static final String DEFAULTS = "/etc/default/nfs-kernel-server";

  public MountdConfigReader() {}

  @Override
  public String name() {
    return "mountd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("rpc.mountd", "mountd", "nfs-mountd");
  }

  @Override
  public List<ConfiguredListen> listens(Host root, NfsSettings settings, Diagnostics diagnostics) {
    boolean noUdp = false;
    boolean noTcp = false;
    Optional<String> defaults = ConfigFiles.read(root, DEFAULTS, diagnostics);
    ShellAssignments.Value options =
        defaults.map(t -> ShellAssignments.parse(t).get("RPCMOUNTDOPTS")).orElse(null);
    if (options != null && !options.text().isBlank()) {
      String args = options.text();
      Optional<String> port = NfsSettings.option(args, "--port", "-p");
      noUdp = NfsSettings.flag(args, "--no-udp", "-u");
      noTcp = NfsSettings.flag(args, "--no-tcp", "-n");
      if ((InitSystem.detect(root) == InitSystem.SYSTEMD)) {
        if (port.isPresent() || noUdp || noTcp) {
          diagnostics.add(
              Diagnostics.Kind.SKIPPED,
              DEFAULTS + ":" + options.line(),
              "RPCMOUNTDOPTS is passed only by the SysV init script; nfs-mountd.service "
                  + "ignores it (set [mountd] port in /etc/nfs.conf.d/ instead)");
        }
        noUdp = false;
        noTcp = false;
      } else if (port.isPresent()) {
        settings.override("mountd", "port", new IniSetting(port.get(), DEFAULTS, options.line()));
      }
    }
    Optional<IniSetting> portSetting = settings.port("mountd", "port", diagnostics);
    int port = IniSetting.portOr(portSetting, 0);
    List<ConfiguredListen> out = new ArrayList<>();
    for (Protocol protocol : NfsdConfigReader.protocols(settings, true, true, diagnostics)) {
      if ((protocol == Protocol.UDP && noUdp) || (protocol == Protocol.TCP && noTcp)) {
        continue;
      }
      for (String any : List.of("0.0.0.0", "::")) {
        out.add(IniSetting.listen(protocol, port, any, portSetting));
      }
    }
    return out;
  }
}
