package dev.ajar.supervisors.inetd;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SocketState;
import dev.ajar.supervisors.ProcessLookup;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Roots, processes and sockets for the supervisor tests of inetd, xinetd and systemd. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * A root of src/test/resources/supervisors (README there), opened where it lies: Maven's copy on
   * the class path drops the links that dangle outside the root (masks, wants links).
   */
  public static Host root(String kind, String name) {
    return Host.offline(Path.of("src/test/resources/supervisors", kind, name));
  }

  public static ProcessInfo process(
      int pid, int ppid, String name, String exe, String unit, String... cmdline) {
    return new ProcessInfo(
        pid, ppid, name, List.of(cmdline), exe, 0, "root", null, unit, null, "/");
  }

  /** A listening TCP socket, or a bound UDP one, on a literal address. */
  public static OpenSocket socket(
      Protocol protocol,
      String address,
      int port,
      boolean socketActivated,
      ProcessInfo... holders) {
    InetAddress local = InetAddress.ofLiteral(address);
    Family family = local instanceof Inet4Address ? Family.INET : Family.INET6;
    InetAddress any =
        family == Family.INET ? InetAddress.ofLiteral("0.0.0.0") : InetAddress.ofLiteral("::");
    SocketState state = protocol == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONN;
    KernelSocket k =
        new KernelSocket(
            protocol,
            family,
            state,
            new Endpoint(local, port),
            new Endpoint(any, 0),
            0,
            4242,
            null);
    Exposure exposure =
        local.isLoopbackAddress()
            ? new Exposure(Exposure.Scope.LOOPBACK, null, null)
            : new Exposure(Exposure.Scope.ANY, null, null);
    return new OpenSocket(
        k,
        new Namespace(4026531840L, "host", Namespace.Kind.HOST),
        null,
        exposure,
        List.of(holders),
        socketActivated);
  }

  public static ProcessLookup lookup(ProcessInfo... processes) {
    Map<Integer, ProcessInfo> byPid = new HashMap<>();
    for (ProcessInfo p : processes) {
      byPid.put(p.pid(), p);
    }
    return byPid::get;
  }

  /** The entry of that name (and, when given, that line). */
  public static ServiceEntry entry(List<ServiceEntry> entries, String name, int line) {
    Optional<ServiceEntry> e =
        entries.stream()
            .filter(x -> x.owner().entry().equals(name) && (line == 0 || x.owner().line() == line))
            .findFirst();
    return e.orElseThrow(
        () -> new AssertionError("no entry " + name + " at line " + line + " in " + entries));
  }

  /** The diagnostics as "KIND subject: message" lines, for readable assertions. */
  public static List<String> lines(Diagnostics d) {
    return d.all().stream().map(x -> x.kind() + " " + x.subject() + ": " + x.message()).toList();
  }
}
