package dev.ajar.discover;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.host.Timing;
import dev.ajar.knowledge.ServiceCatalog;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "discover" stage: every socket of every network namespace with the processes that hold it.
 * Each namespace's tables are read once, through /proc/PID/net of one of its members, so no
 * namespace has to be entered.
 */
public final class PortDiscovery {
  private record Table(String file, Protocol protocol, Family family) {}

  private static final List<Table> TABLES =
      List.of(
          new Table("tcp", Protocol.TCP, Family.INET),
          new Table("tcp6", Protocol.TCP, Family.INET6),
          new Table("udp", Protocol.UDP, Family.INET),
          new Table("udp6", Protocol.UDP, Family.INET6),
          new Table("udplite", Protocol.UDPLITE, Family.INET),
          new Table("udplite6", Protocol.UDPLITE, Family.INET6),
          new Table("raw", Protocol.RAW, Family.INET),
          new Table("raw6", Protocol.RAW, Family.INET6));

  private final Host host;
  private final ServiceCatalog services;
  private final Diagnostics diagnostics;

  public PortDiscovery(Host host, ServiceCatalog services, Diagnostics diagnostics) {
    this.host = host;
    this.services = services;
    this.diagnostics = diagnostics;
  }

  /**
   * Links the system calls of the fast paths on a daemon thread (about 20 ms with the AOT cache, 40
   * without), so that the command line's own start-up overlaps it; whoever needs them first waits
   * for the link to finish, as for any class being initialised.
   */
  public static void linkNativeCallsInBackground() {
    Thread.ofPlatform().daemon().name("ajar-link").start(Syscalls::get);
  }

  public PortInventory discover(PortQuery query) {
    if (!host.isLive()) {
      throw new BadInputException(
          "ports: " + host + " is not running: it has no processes or sockets to list");
    }
    long start = Timing.start();
    ProcessTable table = ProcessScanner.scan(host, query.withHolders(), diagnostics);
    Timing.end(query.withHolders() ? "process table and fds" : "process table", start);
    start = Timing.start();
    ProcessReader processes = new ProcessReader(host, diagnostics);
    NamespaceNamer namer = new NamespaceNamer(host, processes);
    long self = ProcessScanner.namespaceInode(host, "/proc/self/ns/net");
    Timing.end("namespace names", start);

    Map<Long, List<Integer>> members = new LinkedHashMap<>(table.netnsMembers());
    if (self > 0) {
      members.computeIfAbsent(self, k -> new ArrayList<>());
    }
    Set<Long> wanted = selectNamespaces(query.netns(), members, namer, processes);

    List<OpenSocket> result = new ArrayList<>();
    List<Namespace> namespaces = new ArrayList<>();
    // Most sockets have one holder, and thousands share it: one list per process, not per socket.
    Map<ProcessInfo, List<ProcessInfo>> soleHolders = new java.util.IdentityHashMap<>();
    int hiddenNamespaces = 0;
    for (Map.Entry<Long, List<Integer>> e : members.entrySet()) {
      long inode = e.getKey();
      if (!wanted.contains(inode)) {
        continue;
      }
      Namespace ns = namer.name(inode, e.getValue());
      List<String> readers = readers(inode, self, e.getValue());
      start = Timing.start();
      List<KernelSocket> sockets = readTables(ns, inode, self, readers, query);
      Timing.end("socket tables of " + ns.name(), start);
      if (sockets == null) {
        hiddenNamespaces++;
        continue;
      }
      namespaces.add(ns);
      start = Timing.start();
      NamespaceAddresses addresses = new NamespaceAddresses(host, readers.getFirst());
      Set<String> v4Wildcards = v4WildcardPorts(sockets);
      for (KernelSocket s : sockets) {
        if (!matchesSocket(query, s)) {
          continue;
        }
        List<ProcessInfo> holders = new ArrayList<>();
        for (int pid : table.holdersOf(s.inode())) {
          ProcessInfo p = processes.read(pid);
          if (p != null) {
            holders.add(p);
          }
        }
        if (!matchesOwners(query, s, holders)) {
          continue;
        }
        boolean activated = holders.size() == 1 && holders.getFirst().pid() == 1;
        result.add(
            new OpenSocket(
                s,
                ns,
                services.name(s.protocol(), s.local().port()),
                exposure(s, v4Wildcards, addresses),
                holders.size() == 1
                    ? soleHolders.computeIfAbsent(holders.getFirst(), List::of)
                    : List.copyOf(holders),
                activated));
      }
      Timing.end("sockets and holders of " + ns.name(), start);
    }
    for (Map.Entry<Long, String> named : namer.ipNetnsNames().entrySet()) {
      if (!members.containsKey(named.getKey()) && wanted.contains(named.getKey())) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            "/run/netns/" + named.getValue(),
            "no process is in this namespace; its sockets were not read");
      }
    }
    start = Timing.start();
    result.sort(ORDER);
    Timing.end("sort", start);
    return new PortInventory(
        List.copyOf(result),
        List.copyOf(namespaces),
        diagnostics,
        table.unreadable(),
        hiddenNamespaces,
        processes::read);
  }

  /**
   * Port, protocol, host namespace first then by name, family, local address, peer port, inode.
   * Written out rather than chained: it runs a million times at 70,000 sockets, and a chain of key
   * extractors copied each address on every comparison.
   */
  static final Comparator<OpenSocket> ORDER = PortDiscovery::compare;

  private static int compare(OpenSocket a, OpenSocket b) {
    KernelSocket x = a.socket();
    KernelSocket y = b.socket();
    int c = Integer.compare(x.local().port(), y.local().port());
    if (c != 0) {
      return c;
    }
    c = x.protocol().compareTo(y.protocol());
    if (c != 0) {
      return c;
    }
    if (a.netns() != b.netns()) {
      c = Boolean.compare(!a.netns().isHost(), !b.netns().isHost());
      if (c != 0) {
        return c;
      }
      c = a.netns().name().compareTo(b.netns().name());
      if (c != 0) {
        return c;
      }
    }
    c = x.family().compareTo(y.family());
    if (c != 0) {
      return c;
    }
    c = compareAddresses(x.local().address(), y.local().address());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(x.remote().port(), y.remote().port());
    return c != 0 ? c : Long.compare(x.inode(), y.inode());
  }

  /** Unsigned byte order; an IPv4 address's hashCode is its 32 bits, so no copy is made. */
  private static int compareAddresses(InetAddress a, InetAddress b) {
    if (a == b) {
      return 0;
    }
    if (a instanceof java.net.Inet4Address && b instanceof java.net.Inet4Address) {
      return Integer.compareUnsigned(a.hashCode(), b.hashCode());
    }
    return java.util.Arrays.compareUnsigned(a.getAddress(), b.getAddress());
  }

  private Set<Long> selectNamespaces(
      String selector,
      Map<Long, List<Integer>> members,
      NamespaceNamer namer,
      ProcessReader processes) {
    Set<Long> all = new HashSet<>(members.keySet());
    all.addAll(namer.ipNetnsNames().keySet());
    if (selector == null || selector.equals("all")) {
      return all;
    }
    if (selector.equals("host")) {
      return Set.of(namer.hostInode());
    }
    if (selector.chars().allMatch(Character::isDigit) && !selector.isEmpty()) {
      long inode = ProcessScanner.namespaceInode(host, "/proc/" + selector + "/ns/net");
      if (inode <= 0) {
        throw new BadInputException("--netns " + selector + ": no such process, or not readable");
      }
      return Set.of(inode);
    }
    List<String> known = new ArrayList<>();
    for (Map.Entry<Long, List<Integer>> e : members.entrySet()) {
      String name = namer.name(e.getKey(), e.getValue()).name();
      if (name.equals(selector)) {
        return Set.of(e.getKey());
      }
      known.add(name);
    }
    for (Map.Entry<Long, String> e : namer.ipNetnsNames().entrySet()) {
      if (e.getValue().equals(selector)) {
        return Set.of(e.getKey());
      }
    }
    known.sort(null);
    throw new BadInputException(
        "--netns "
            + selector
            + ": no such network namespace (known: "
            + String.join(", ", known)
            + ")");
  }

  /** Paths whose /net shows the namespace: our own first when it is ours, then its members. */
  private static List<String> readers(long inode, long self, List<Integer> members) {
    List<String> readers = new ArrayList<>();
    if (inode == self) {
      readers.add("/proc/self");
    }
    for (int pid : members) {
      readers.add("/proc/" + pid);
    }
    return readers;
  }

  /**
   * All sockets of a namespace that the query may show; null when none of its tables could be read.
   * Netlink first (the kernel filters by state), /proc/PID/net for what it cannot give.
   */
  private List<KernelSocket> readTables(
      Namespace ns, long inode, long self, List<String> readers, PortQuery query) {
    List<Table> viaProc = new ArrayList<>();
    List<KernelSocket> sockets = new ArrayList<>();
    try (NetlinkSockets netlink = openNetlink(query.source(), inode, self, readers)) {
      for (Table t : TABLES) {
        List<KernelSocket> got = null;
        if (netlink != null) {
          if (!wanted(query, t)) {
            continue;
          }
          got = netlink.dump(t.protocol(), t.family(), states(query, t));
        }
        if (got != null) {
          sockets.addAll(got);
        } else {
          viaProc.add(t);
        }
      }
      if (netlink != null) {
        for (String problem : netlink.problems()) {
          diagnostics.add(
              Diagnostics.Kind.UNREADABLE,
              "netlink sock_diag of " + ns.name(),
              problem
                  + (query.source() == PortQuery.SocketSource.NETLINK ? "" : "; read from /proc"));
        }
      }
    }
    if (viaProc.isEmpty()) {
      return sockets;
    }
    if (query.source() == PortQuery.SocketSource.NETLINK) {
      diagnostics.add(
          Diagnostics.Kind.UNREADABLE,
          "netlink sock_diag of " + ns.name(),
          "could not read "
              + viaProc.stream().map(Table::file).toList()
              + " (--sockets-from netlink)");
      return sockets;
    }
    List<KernelSocket> fromProc = readProcTables(ns, readers, viaProc);
    if (fromProc == null) {
      return sockets.isEmpty() ? null : sockets;
    }
    sockets.addAll(fromProc);
    return sockets;
  }

  /** A netlink socket of the namespace, or null to read /proc instead. */
  private NetlinkSockets openNetlink(
      PortQuery.SocketSource source, long inode, long self, List<String> readers) {
    if (source == PortQuery.SocketSource.PROC || !host.isLive()) {
      return null;
    }
    Syscalls sys = Syscalls.get().orElse(null);
    if (sys == null) {
      return null;
    }
    if (inode == self) {
      return NetlinkSockets.open(sys, 0, inode);
    }
    for (String reader : readers) {
      NetlinkSockets socket =
          NetlinkSockets.open(sys, Integer.parseInt(reader.substring("/proc/".length())), inode);
      if (socket != null) {
        return socket;
      }
    }
    return null;
  }

  private static boolean wanted(PortQuery q, Table t) {
    return (q.protocols().isEmpty() || q.protocols().contains(t.protocol()))
        && (q.families().isEmpty() || q.families().contains(t.family()));
  }

  /** The kernel states to ask for: open ports only (LISTEN, or bound datagram), or all. */
  private static int states(PortQuery q, Table t) {
    if (q.allStates()) {
      return SockDiagParser.STATES_ALL;
    }
    return t.protocol() == Protocol.TCP
        ? SockDiagParser.STATES_LISTEN
        : SockDiagParser.STATES_UNCONNECTED;
  }

  /** The given tables of a namespace from /proc/PID/net; null when no member's could be read. */
  private List<KernelSocket> readProcTables(
      Namespace ns, List<String> readers, List<Table> tables) {
    boolean deniedAny = false;
    for (String reader : readers) {
      List<KernelSocket> sockets = new ArrayList<>();
      try {
        for (Table t : tables) {
          String path = reader + "/net/" + t.file();
          byte[] content;
          try {
            content = host.read(path);
          } catch (NoSuchFileException e) {
            if (t.protocol() == Protocol.TCP && t.family() == Family.INET) {
              throw e; // the member is gone; try the next one
            }
            continue; // this kernel has no such table (no IPv6, no UDP-Lite)
          }
          ProcNetParser.Result r = ProcNetParser.parse(content, t.protocol(), t.family());
          sockets.addAll(r.sockets());
          for (String problem : r.problems()) {
            diagnostics.add(
                Diagnostics.Kind.MALFORMED, "/proc/net/" + t.file() + " of " + ns.name(), problem);
          }
        }
        return sockets;
      } catch (NoSuchFileException e) {
        // the member exited: try the next
      } catch (IOException e) {
        diagnostics.add(Diagnostics.Kind.UNREADABLE, reader + "/net", Errors.describe(e));
        deniedAny = true;
      }
    }
    if (!deniedAny) {
      diagnostics.add(
          Diagnostics.Kind.VANISHED,
          ns.name(),
          "every process of the namespace exited during the scan");
      return List.of();
    }
    return null;
  }

  private static boolean matchesSocket(PortQuery q, KernelSocket s) {
    return (q.allStates() || s.state().isOpenPort())
        && (q.protocols().isEmpty() || q.protocols().contains(s.protocol()))
        && (q.families().isEmpty() || q.families().contains(s.family()))
        && q.portAllowed(s.local().port());
  }

  private static boolean matchesOwners(PortQuery q, KernelSocket s, List<ProcessInfo> holders) {
    if (!q.pids().isEmpty() && holders.stream().noneMatch(p -> q.pids().contains(p.pid()))) {
      return false;
    }
    if (q.users().isEmpty()) {
      return true;
    }
    if (q.users().contains(Integer.toUnsignedString(s.uid()))) {
      return true;
    }
    for (ProcessInfo p : holders) {
      if (q.users().contains(Integer.toUnsignedString(p.uid()))
          || (p.user() != null && q.users().contains(p.user()))) {
        return true;
      }
    }
    return false;
  }

  /** Ports that have an IPv4 wildcard socket, as "proto/port". */
  private static Set<String> v4WildcardPorts(List<KernelSocket> sockets) {
    Set<String> ports = new HashSet<>();
    for (KernelSocket s : sockets) {
      if (s.family() == Family.INET && s.local().isWildcard() && s.state().isOpenPort()) {
        ports.add(s.protocol() + "/" + s.local().port());
      }
    }
    return ports;
  }

  // Shared: a loaded host has tens of thousands of sockets and these few exposures.
  private static final Exposure LOOPBACK = new Exposure(Exposure.Scope.LOOPBACK, null, null);
  private static final Exposure ANY = new Exposure(Exposure.Scope.ANY, null, null);
  private static final Exposure ANY_V6_ONLY = new Exposure(Exposure.Scope.ANY, true, null);
  private static final Exposure ANY_DUAL_STACK = new Exposure(Exposure.Scope.ANY, false, null);

  private static Exposure exposure(
      KernelSocket s, Set<String> v4Wildcards, NamespaceAddresses addresses) {
    Endpoint local = s.local();
    if (local.isLoopback()) {
      return LOOPBACK;
    }
    if (local.isWildcard()) {
      // Netlink says; from /proc: a dual-stack :: socket and a 0.0.0.0 socket cannot share a
      // port, so if both exist, the IPv6 one was bound IPv6-only. Otherwise /proc cannot tell.
      Boolean v6Only = s.v6Only();
      if (v6Only == null
          && s.family() == Family.INET6
          && v4Wildcards.contains(s.protocol() + "/" + local.port())) {
        v6Only = Boolean.TRUE;
      }
      return v6Only == null ? ANY : v6Only ? ANY_V6_ONLY : ANY_DUAL_STACK;
    }
    InetAddress a = local.address();
    return new Exposure(Exposure.Scope.ADDRESS, null, addresses.interfaceOf(a));
  }
}
