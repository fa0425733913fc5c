package dev.ajar.supervisors.xinetd;

import dev.ajar.model.Protocol;
import dev.ajar.supervisors.inetd.InetdEntry;
import java.util.List;
import java.util.Set;

/**
 * One "service NAME { ... }" block of xinetd's configuration, as written. Attributes that were not
 * set are null; xinetd fills some of them in later (protocol from socket_type, port from
 * /etc/services), which {@link XinetdSupervisor} does.
 *
 * @param line the 1-based line of the "service" keyword
 * @param name the service name after the keyword: the /etc/services name unless UNLISTED
 * @param id the "id" attribute, defaulting to the name (what defaults' enabled/disabled list)
 * @param disable true for "disable = yes"
 * @param failures why xinetd would drop the service while reading it (a bad value, a missing brace,
 *     an attribute without a space before its operator); empty when it reads it fine
 * @param types the "type" values: INTERNAL, UNLISTED, RPC, TCPMUX, TCPMUXPLUS, SPECIAL
 * @param flags the "flags" values: IPv4, IPv6, NAMEINARGS, ...
 * @param port the "port" attribute
 * @param bind the "bind" (or "interface") address as written
 * @param waits the "wait" attribute
 * @param redirect whether "redirect" forwards connections elsewhere instead of running a server
 */
record XinetdService(
    String file,
    int line,
    String name,
    String id,
    boolean disable,
    List<String> failures,
    Set<String> types,
    Set<String> flags,
    String socketType,
    String protocol,
    Integer port,
    String server,
    List<String> serverArgs,
    String bind,
    Boolean v6only,
    Boolean waits,
    String user,
    boolean redirect) {

  public XinetdService {
    failures = List.copyOf(failures);
    types = Set.copyOf(types);
    flags = Set.copyOf(flags);
    serverArgs = List.copyOf(serverArgs);
  }

  public boolean isInternal() {
    return types.contains("INTERNAL");
  }

  public boolean isUnlisted() {
    return types.contains("UNLISTED");
  }

  public boolean isRpc() {
    return types.contains("RPC");
  }

  /** A TCPMUX service has no port of its own: it is reached through tcpmux (port 1). */
  public boolean isMuxClient() {
    return types.contains("TCPMUX") || types.contains("TCPMUXPLUS");
  }

  /** The protocol as xinetd completes it: given, or tcp for stream and udp for dgram sockets. */
  public String effectiveProtocol() {
    if (protocol != null) {
      return protocol;
    }
    if ("stream".equals(socketType)) {
      return "tcp";
    }
    if ("dgram".equals(socketType)) {
      return "udp";
    }
    return null;
  }

  /** The socket type as xinetd completes it from the protocol. */
  public String effectiveSocketType() {
    if (socketType != null) {
      return socketType;
    }
    String p = effectiveProtocol();
    if ("tcp".equals(p)) {
      return "stream";
    }
    if ("udp".equals(p)) {
      return "dgram";
    }
    return null;
  }

  /** TCP, UDP or UDP-Lite; null for other protocols. */
  public Protocol transport() {
    String p = effectiveProtocol();
    if (p == null) {
      return null;
    }
    return switch (p) {
      case "tcp" -> Protocol.TCP;
      case "udp" -> Protocol.UDP;
      case "udplite" -> Protocol.UDPLITE;
      default -> null;
    };
  }

  /**
   * The real server: "internal" for INTERNAL services, the program tcpd runs when the server is
   * tcpd (its first server_args word, with or without NAMEINARGS), null for redirections.
   */
  public String program() {
    if (isInternal()) {
      return "internal";
    }
    if (redirect) {
      return null;
    }
    return InetdEntry.realProgram(server, serverArgs.isEmpty() ? null : serverArgs.get(0));
  }
}
