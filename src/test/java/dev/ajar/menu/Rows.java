package dev.ajar.menu;

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
import dev.ajar.model.Severity;
import dev.ajar.model.SocketState;
import dev.ajar.model.SupervisorKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Hand-made rows and sockets for the menu's tests. */
final class Rows {
  private Rows() {}

  static final Namespace HOST = new Namespace(4026531840L, "host", Namespace.Kind.HOST);

  static MenuRow row(String name, Severity risk) {
    return new MenuRow(
        new Owner(SupervisorKind.INETD, name, "/etc/inetd.conf", 1, "/usr/sbin/in." + name),
        "inetd " + name,
        List.of("tcp/79"),
        List.of(79),
        null,
        "any",
        risk,
        risk == null ? null : "why " + name,
        "/etc/inetd.conf:1",
        null);
  }

  static MenuRow refused(String name) {
    return new MenuRow(
        new Owner(SupervisorKind.MANUAL, name, null, 0, null),
        "manual " + name,
        List.of("tcp/8080"),
        List.of(8080),
        null,
        "any",
        null,
        null,
        "",
        "nothing starts it at boot: stop the process");
  }

  static List<MenuRow> many(int n) {
    List<MenuRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row("s" + i, Severity.LOW));
    }
    return rows;
  }

  static ProcessInfo process(int pid, String exe, String root, String containerId) {
    return new ProcessInfo(
        pid, 1, "x", List.of(exe), exe, 0, "root", null, null, containerId, root);
  }

  /** A listening socket on every address of the host's namespace. */
  static OpenSocket socket(
      Protocol proto, int port, Owner owner, PackageRef pkg, ProcessInfo... holders) {
    return socket(HOST, proto, "0.0.0.0", port, owner, pkg, holders);
  }

  static OpenSocket socket(
      Namespace ns,
      Protocol proto,
      String address,
      int port,
      Owner owner,
      PackageRef pkg,
      ProcessInfo... holders) {
    Endpoint local = new Endpoint(InetAddress.ofLiteral(address), port);
    KernelSocket k =
        new KernelSocket(
            proto,
            Family.INET,
            proto == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONN,
            local,
            new Endpoint(InetAddress.ofLiteral("0.0.0.0"), 0),
            0,
            1000 + port,
            null);
    Exposure exposure =
        new Exposure(
            local.isWildcard()
                ? Exposure.Scope.ANY
                : local.isLoopback() ? Exposure.Scope.LOOPBACK : Exposure.Scope.ADDRESS,
            null,
            null);
    return new OpenSocket(k, ns, null, exposure, List.of(holders), false, owner, pkg);
  }
}
