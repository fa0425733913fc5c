package dev.ajar.supervisors.systemd;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.RootCache;
import dev.ajar.supervisors.SuperServer;
import dev.ajar.supervisors.Supervisor;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * systemd: .service and .socket units of the root's unit search path, with drop-ins, aliases and
 * masks. A socket that only pid 1 holds (or that pid 1 holds besides the daemon it started) is a
 * socket unit's: its Listen*= settings say which. Any other socket belongs to the unit in whose
 * cgroup its holder runs.
 */
public final class SystemdSupervisor implements Supervisor {
  private static final SupervisorKind KIND = SupervisorKind.SYSTEMD;
  private static final List<String> BINARIES =
      List.of("/lib/systemd/systemd", "/usr/lib/systemd/systemd");

  private final RootCache<UnitIndex> cache = new RootCache<>();

  @Override
  public SupervisorKind kind() {
    return KIND;
  }

  @Override
  public String bootTarget(Host root, Diagnostics diagnostics) {
    return defaultTarget(root, diagnostics);
  }

  @Override
  public String howToDisable(Owner o) {
    String entry = o.entry();
    return entry.endsWith(".socket")
        ? "systemctl stop "
            + entry
            + " "
            + entry.replace(".socket", ".service")
            + "; systemctl mask "
            + entry
            + " "
            + entry.replace(".socket", ".service")
        : "systemctl disable --now "
            + entry
            + "; systemctl mask "
            + entry
            + " (and any .socket that activates it)";
  }

  @Override
  public Optional<Disabler> disabler() {
    return Optional.of(new SystemdDisabler());
  }

  /** A unit, mask or enablement link of /etc/systemd/system came back: daemon-reload. */
  @Override
  public List<DisablePlan.RuntimeStep> reloadsAfterUndo(List<String> restoredPaths) {
    return restoredPaths.stream().anyMatch(p -> p.startsWith(SystemdDisabler.ETC + "/"))
        ? List.of(
            new DisablePlan.RuntimeStep(
                "make systemd re-read its units", List.of("systemctl", "daemon-reload")))
        : List.of();
  }

  /** The systemd binary is in the root (/sbin/init is often a link to it, but need not be). */
  @Override
  public boolean isPresent(Host root) {
    return SuperServer.installed(root, BINARIES);
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    UnitIndex index = cache.get(root, diagnostics, UnitIndex::load);
    List<ServiceEntry> result = new ArrayList<>();
    for (Unit u : index.units().values()) {
      if (!u.isSocket() && !u.name().endsWith(".service")) {
        continue;
      }
      String program = u.isSocket() ? activatedProgram(index, u) : u.execStartProgram();
      List<ListenSpec> listens = new ArrayList<>();
      if (u.isSocket()) {
        for (Unit.IpListen l : u.ipListens()) {
          // A port alone is one IPv6 socket that also takes IPv4 (BindIPv6Only=default), or
          // IPv6 only (ipv6-only): either way systemd binds "::", as ss shows "*:PORT".
          listens.add(
              l.address().address() == null
                  ? new ListenSpec(l.protocol(), l.address().port(), null, Set.of(Family.INET6))
                  : new ListenSpec(l.protocol(), l.address().port(), l.address().address()));
        }
      }
      result.add(
          new ServiceEntry(
              new Owner(KIND, u.name(), u.file(), 0, program),
              index.isEnabled(u),
              List.copyOf(listens)));
    }
    return List.copyOf(result);
  }

  /** The unit default.target names ("graphical.target"), or null when the root has none. */
  public String defaultTarget(Host root, Diagnostics diagnostics) {
    return cache.get(root, diagnostics, UnitIndex::load).defaultTarget();
  }

  /**
   * Whether the root has a unit of this name, as its own name or an alias, masked or not: then
   * systemd-sysv-generator leaves the init script of that name alone.
   */
  public boolean hasUnit(Host root, String name, Diagnostics diagnostics) {
    return cache.get(root, diagnostics, UnitIndex::load).unit(name) != null;
  }

  /**
   * The .service and .socket units default.target pulls in. A root without default.target (a
   * damaged or partial image) falls back to the enabled units, with a diagnostic.
   */
  @Override
  public List<BootStart> bootStarts(Host root, Diagnostics diagnostics) {
    UnitIndex index = cache.get(root, diagnostics, UnitIndex::load);
    Map<String, String> closure = BootClosure.of(index);
    if (closure.isEmpty()) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          "default.target",
          "the root has no default.target: every enabled unit is taken to start at boot");
      closure = new LinkedHashMap<>();
      for (Unit u : index.units().values()) {
        if (index.isEnabled(u)) {
          closure.put(u.name(), null);
        }
      }
    }
    Set<String> activatedBySockets = new HashSet<>();
    for (String name : closure.keySet()) {
      Unit u = index.unit(name);
      // Only a socket with an IP port hands the service its ports (cups.socket is unix only).
      if (u != null && u.isSocket() && !u.ipListens().isEmpty()) {
        Unit service = index.unit(u.activatedService());
        if (service != null) {
          activatedBySockets.add(service.name());
        }
      }
    }
    Map<String, ServiceEntry> byName = new HashMap<>();
    for (ServiceEntry e : entries(root, diagnostics)) {
      byName.put(e.owner().entry(), e);
    }
    List<BootStart> starts = new ArrayList<>();
    for (Map.Entry<String, String> started : closure.entrySet()) {
      Unit u = index.unit(started.getKey());
      if (u == null || !(u.isSocket() || u.name().endsWith(".service"))) {
        continue;
      }
      ServiceEntry entry = byName.get(u.name());
      if (entry == null) {
        continue;
      }
      if (!u.name().equals(started.getKey())) {
        // An instance (getty@tty1.service) of a template: the entry under the instance's name.
        entry =
            new ServiceEntry(
                new Owner(KIND, started.getKey(), entry.owner().file(), 0, entry.owner().program()),
                true,
                entry.listens());
      } else if (!entry.enabled()) {
        entry = new ServiceEntry(entry.owner(), true, entry.listens());
      }
      String reason =
          started.getValue() == null
              ? "enabled (the root has no default.target to follow)"
              : started.getValue() + (u.isSocket() ? " starts it listening" : " pulls it in");
      starts.add(new BootStart(entry, reason, activatedBySockets.contains(u.name())));
    }
    return List.copyOf(starts);
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    boolean pid1 = socket.socketActivated();
    for (ProcessInfo p : socket.processes()) {
      pid1 |= p.pid() == 1;
    }
    UnitIndex index = null;
    if (pid1) {
      index = cache.get(root, diagnostics, UnitIndex::load);
      Unit socketUnit = socketUnitFor(index, socket.socket());
      if (socketUnit != null) {
        return Optional.of(
            new Owner(
                KIND,
                socketUnit.name(),
                socketUnit.file(),
                0,
                activatedProgram(index, socketUnit)));
      }
      if (socket.socketActivated()) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            "pid 1",
            "systemd holds "
                + socket.socket().protocol().label()
                + " port "
                + socket.socket().local().port()
                + " but no socket unit of the root listens"
                + " there (a transient or since-changed unit?)");
        return Optional.empty();
      }
    }
    for (ProcessInfo p : socket.processes()) {
      String unitName = p.unit();
      if (p.pid() == 1 || unitName == null || unitName.isEmpty() || !isOwningUnit(unitName)) {
        continue;
      }
      if (index == null) {
        index = cache.get(root, diagnostics, UnitIndex::load);
      }
      Unit u = index.unit(unitName);
      if (u == null) {
        // The cgroup proves the unit exists, but not on disk (systemd-run, a user manager's).
        return Optional.of(new Owner(KIND, unitName, null, 0, p.exe()));
      }
      return Optional.of(new Owner(KIND, unitName, u.file(), 0, program(u, p)));
    }
    return Optional.empty();
  }

  /** Scopes (sessions, init.scope, containers) and slices are not started by a unit file. */
  static boolean isOwningUnit(String unit) {
    return !unit.endsWith(".scope") && !unit.endsWith(".slice");
  }

  /**
   * The program a service unit runs for this process: ExecStart='s, unless the unit is a SysV
   * wrapper made by systemd-sysv-generator (its ExecStart is the init script) or has none; then the
   * process's own executable.
   */
  static String program(Unit u, ProcessInfo p) {
    String source = u.last("Unit", "SourcePath");
    String program = u.execStartProgram();
    if (program == null || (source != null && source.startsWith("/etc/init.d/"))) {
      return p.exe();
    }
    return program;
  }

  /** The ExecStart program of the service a socket unit activates, or null. */
  static String activatedProgram(UnitIndex index, Unit socketUnit) {
    Unit service = index.unit(socketUnit.activatedService());
    return service == null || service.masked() ? null : service.execStartProgram();
  }

  /**
   * The socket unit listening on this socket's protocol and port: first one whose address is
   * exactly the socket's (a port alone means the wildcard address of either family), else one with
   * that port at all. Masked units listen nowhere.
   */
  static Unit socketUnitFor(UnitIndex index, KernelSocket socket) {
    Unit loose = null;
    for (Unit u : index.units().values()) {
      if (!u.isSocket() || u.masked() || u.name().contains("@.")) {
        continue;
      }
      for (Unit.IpListen l : u.ipListens()) {
        if (l.protocol() != socket.protocol() || l.address().port() != socket.local().port()) {
          continue;
        }
        if (addressMatches(l.address(), socket.local().address())) {
          return u;
        }
        if (loose == null) {
          loose = u;
        }
      }
    }
    return loose;
  }

  private static boolean addressMatches(UnitValues.Listen listen, InetAddress local) {
    if (listen.literal() == null) {
      return local.isAnyLocalAddress();
    }
    return Arrays.equals(listen.literal().getAddress(), local.getAddress());
  }
}
