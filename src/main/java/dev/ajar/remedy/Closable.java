package dev.ajar.remedy;

import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Protocol;

/**
 * A port something opens, as `close` and `plan` see it: a socket open now on the live host, a port
 * the next boot of an offline root opens, or an entry enabled there whose port ajar does not know.
 * Words ("21", "ftp", "rsh", "vsftpd.service") are resolved against these, the same way live and
 * offline.
 *
 * @param protocol the protocol, null when no port is known
 * @param port the port; 0 for a dynamic one, -1 when none is known
 * @param service the port's name (/etc/services of the root, then IANA's), or null
 * @param basis how ajar knows, for the user: "open now", "predicted from /etc/vsftpd.conf:3
 *     (config)", "predicted by default: the knowledge base's port for vsftpd (default)"
 * @param socket the live socket (its holders say whether it runs in another root), or null
 * @param dormant an entry enabled in the configuration of a supervisor that does not run at boot (a
 *     runit service on a SysV root, inetd's entries when inetd does not start): named only by a
 *     word that names nothing else
 */
public record Closable(
    Owner owner,
    PackageRef pkg,
    Protocol protocol,
    int port,
    String service,
    String basis,
    OpenSocket socket,
    boolean dormant) {

  /** A socket open now, attributed. */
  public static Closable open(OpenSocket s) {
    return new Closable(
        s.owner(),
        s.pkg(),
        s.socket().protocol(),
        s.socket().local().port(),
        s.service(),
        "open now",
        s,
        false);
  }

  public boolean hasPort() {
    return protocol != null && port >= 0;
  }

  /** "tcp/21", "udp/dynamic", or "" without a port. */
  public String portLabel() {
    return !hasPort()
        ? ""
        : protocol.label() + "/" + (port == 0 ? "dynamic" : String.valueOf(port));
  }
}
