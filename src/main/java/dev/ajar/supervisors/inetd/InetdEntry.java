package dev.ajar.supervisors.inetd;

import dev.ajar.model.Family;
import dev.ajar.model.Protocol;
import java.util.List;
import java.util.Set;

/**
 * One service line of /etc/inetd.conf (or of a file in /etc/inetd.d), active or commented out.
 *
 * @param line the 1-based line where the entry starts
 * @param status whether the line is active, commented out by an administrator ("#"), or turned off
 *     by a maintainer script through update-inetd ("#&lt;off&gt;#")
 * @param hosts the bind addresses as written before the service ("127.0.0.1:finger", or the last
 *     "host:" line); empty for every address ("*")
 * @param service the service as written after the host: "finger", "2323", "rstatd/1-5"
 * @param protocol the protocol field without socket buffer options: "tcp", "udp6", "rpc/udp"
 * @param waitField "wait", "nowait" or "nowait.400"
 * @param user "nobody", "nobody.tty", "root:root"
 * @param server the server program field: a path, or "internal"
 * @param args the server arguments, starting with argv[0]
 */
public record InetdEntry(
    String file,
    int line,
    Status status,
    List<String> hosts,
    String service,
    String socketType,
    String protocol,
    String waitField,
    String user,
    String server,
    List<String> args) {

  /** How the line is (or is not) commented out. */
  public enum Status {
    ACTIVE,
    /** Commented out with plain "#": the administrator's choice, kept across upgrades. */
    COMMENTED,
    /** "#&lt;off&gt;# ": disabled by update-inetd, which a package upgrade may enable again. */
    OFF
  }

  /** The directory tcpd looks in for a relative argv[0] (Debian's REAL_DAEMON_DIR). */
  public static final String TCPD_DAEMON_DIR = "/usr/sbin";

  public InetdEntry {
    hosts = List.copyOf(hosts);
    args = List.copyOf(args);
  }

  public boolean isActive() {
    return status == Status.ACTIVE;
  }

  public boolean isRpc() {
    return protocol.startsWith("rpc/");
  }

  public boolean isInternal() {
    return server.equals("internal");
  }

  /** inetutils' TCPMUX services ("tcpmux/NAME", "tcpmux/+NAME") listen on the tcpmux port. */
  public boolean isTcpmux() {
    return service.startsWith("tcpmux/");
  }

  /** TCP or UDP, or null for unix sockets and other protocols. */
  public Protocol transport() {
    String p = isRpc() ? protocol.substring(4) : protocol;
    if (p.startsWith("tcp")) {
      return Protocol.TCP;
    }
    if (p.startsWith("udp")) {
      return Protocol.UDP;
    }
    return null;
  }

  /** The name to look up in /etc/services, or null when the port is not fixed (RPC, unix). */
  public String portName() {
    if (isRpc() || transport() == null) {
      return null;
    }
    return isTcpmux() ? "tcpmux" : service;
  }

  /**
   * The address families of the sockets this line opens. A bare "tcp" means IPv4 and IPv6 to
   * openbsd-inetd (two sockets) but IPv4 only to inetutils-inetd; "tcp6" is IPv6 (dual-stack for
   * inetutils), "tcp46" an IPv6 socket that also takes IPv4.
   */
  public Set<Family> families(InetdConfParser.Dialect dialect) {
    String p = isRpc() ? protocol.substring(4) : protocol;
    String suffix = p.length() > 3 ? p.substring(3) : "";
    return switch (suffix) {
      case "4" -> Set.of(Family.INET);
      case "6", "46", "6only" -> Set.of(Family.INET6);
      default ->
          dialect == InetdConfParser.Dialect.INETUTILS
              ? Set.of(Family.INET)
              : Set.of(Family.INET, Family.INET6);
    };
  }

  /** The real server: "internal" for built-ins, the program behind tcpd, else the server. */
  public String program() {
    if (isInternal()) {
      return "internal";
    }
    return realProgram(server, args.isEmpty() ? null : args.get(0));
  }

  /**
   * The program a server field really runs: tcpd (TCP wrappers) executes its argv[0], taken as is
   * when absolute and from /usr/sbin otherwise.
   *
   * @param argv0 the first argument given to the server, or null
   */
  public static String realProgram(String server, String argv0) {
    if (server == null) {
      return null;
    }
    boolean tcpd = server.equals("tcpd") || server.endsWith("/tcpd");
    if (!tcpd || argv0 == null || argv0.isEmpty()) {
      return server;
    }
    if (argv0.startsWith("/")) {
      return argv0;
    }
    // tcpd.c: sprintf(path, "%s/%s", REAL_DAEMON_DIR, argv[0]). With no arguments at all inetd
    // passes the server's own name, and tcpd would run itself: nothing better to name then.
    return argv0.equals("tcpd") ? server : TCPD_DAEMON_DIR + "/" + argv0;
  }
}
