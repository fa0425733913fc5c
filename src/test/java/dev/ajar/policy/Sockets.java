package dev.ajar.policy;

import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import dev.ajar.model.SupervisorKind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/** Hand-built sockets for policy tests. */
public final class Sockets {
  private Sockets() {}

  static final Namespace HOST = new Namespace(4026531840L, "host", Namespace.Kind.HOST);
  static final Namespace LAB = new Namespace(4026532999L, "lab", Namespace.Kind.NAMED);
  static final Namespace WEB =
      new Namespace(4026533001L, "web-container", Namespace.Kind.CONTAINER);

  static ProcessInfo process(int pid, String exe) {
    return new ProcessInfo(
        pid,
        1,
        exe == null ? "?" : PolicyEvaluator.baseName(exe),
        List.of(exe == null ? "?" : exe),
        exe,
        0,
        "root",
        null,
        null,
        null,
        "/");
  }

  static ProcessInfo containerProcess(int pid, String exe, String containerId) {
    return new ProcessInfo(
        pid,
        1,
        PolicyEvaluator.baseName(exe),
        List.of(exe),
        exe,
        0,
        "root",
        null,
        null,
        containerId,
        "/");
  }

  /** A socket with the given holders, unattributed. */
  public static OpenSocket socket(
      Namespace ns,
      Protocol proto,
      String address,
      int port,
      String service,
      ProcessInfo... holders) {
    InetAddress a = InetAddress.ofLiteral(address);
    Family family = a instanceof Inet6Address ? Family.INET6 : Family.INET;
    InetAddress any = InetAddress.ofLiteral(family == Family.INET ? "0.0.0.0" : "::");
    Endpoint local = new Endpoint(a, port);
    Exposure.Scope scope =
        local.isWildcard()
            ? Exposure.Scope.ANY
            : local.isLoopback() ? Exposure.Scope.LOOPBACK : Exposure.Scope.ADDRESS;
    KernelSocket k =
        new KernelSocket(
            proto,
            family,
            proto == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONN,
            local,
            new Endpoint(any, 0),
            0,
            1000L + port,
            null);
    return new OpenSocket(k, ns, service, new Exposure(scope, null, null), List.of(holders), false);
  }

  static OpenSocket tcp(String address, int port, String service, ProcessInfo... holders) {
    return socket(HOST, Protocol.TCP, address, port, service, holders);
  }

  static OpenSocket attributed(OpenSocket s, Owner owner, PackageRef pkg) {
    return s.withAttribution(owner, pkg);
  }

  static final ProcessInfo SSHD = process(812, "/usr/sbin/sshd");
  static final Owner SSH_SERVICE =
      new Owner(
          SupervisorKind.SYSTEMD,
          "ssh.service",
          "/lib/systemd/system/ssh.service",
          0,
          "/usr/sbin/sshd");
  static final PackageRef OPENSSH = new PackageRef("dpkg", "openssh-server", "1:9.2p1-2");

  /** sshd on 0.0.0.0:22, attributed to ssh.service and openssh-server. */
  static OpenSocket sshV4() {
    return attributed(tcp("0.0.0.0", 22, "ssh", SSHD), SSH_SERVICE, OPENSSH);
  }

  static OpenSocket sshV6() {
    return attributed(tcp("::", 22, "ssh", SSHD), SSH_SERVICE, OPENSSH);
  }
}
