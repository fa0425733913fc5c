package dev.ajar.verify.config;

import dev.ajar.host.Host;
import java.io.IOException;

/**
 * Whether a root boots with systemd. Some daemons read /etc/default options only from their
 * SysV init script (Debian's nfs-common, nfs-kernel-server), or ignore them when systemd hands
 * them their sockets (rpcbind's -h), so what the configuration means depends on it.
 */
final class InitSystem {
  private InitSystem() {}

  /** /sbin/init is a link to systemd (Debian's systemd-sysv), the default on Debian 12. */
  static boolean bootsWithSystemd(Host root) {
    try {
      String target = root.readLink("/sbin/init");
      return target.endsWith("/systemd") || target.equals("systemd");
    } catch (IOException e) {
      // No link: sysvinit-core's own /sbin/init, or no init at all (then systemd's is the guess
      // only when it is there).
      return !root.exists("/sbin/init") && root.exists("/lib/systemd/systemd");
    }
  }
}
