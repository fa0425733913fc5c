package dev.ajar.attribute;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.supervisors.InitScripts;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.Supervisor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "attribute" stage: for every socket, the supervisor entry that starts it and the package of
 * its program, both looked up in the holders' own root (/proc/PID/root), so a container's or a
 * chroot's inetd.conf and dpkg database are read, not the host's.
 *
 * <p>Supervisors are asked in order; the first that claims the socket wins. The order puts the
 * precise answers first: containers (a container's socket is the container's, whatever its image's
 * scripts say), inetd and xinetd (the socket is theirs, the entry says which service), systemd
 * (socket units, then the cgroup's unit), then the script-based ones, which can only match a script
 * that names the program. A socket nobody claims was started by hand ("manual").
 */
public final class Attributor {
  private final Host host;
  private final List<Supervisor> supervisors;
  private final List<PackageDatabase> databases;
  private final ProcessLookup processes;
  private final Diagnostics diagnostics;
  private final Map<Host.Identity, Host> roots = new HashMap<>();

  /** Root → program → its package. */
  private final Map<Host.Identity, Map<String, Optional<PackageRef>>> packages = new HashMap<>();

  private final Map<Supervisor, Map<Host, BootIndex>> bootIndexes =
      new java.util.IdentityHashMap<>();
  private final Map<Integer, ProcessRoot> rootsByPid = new HashMap<>();
  private final Map<Host, List<Supervisor>> present = new java.util.IdentityHashMap<>();
  private final Map<Host, Boolean> systemdRunning = new java.util.IdentityHashMap<>();
  private final Map<String, Owner> manualOwners = new HashMap<>();

  public Attributor(
      Host host,
      List<Supervisor> supervisors,
      List<PackageDatabase> databases,
      ProcessLookup processes,
      Diagnostics diagnostics) {
    this.host = host;
    this.supervisors = List.copyOf(supervisors);
    this.databases = List.copyOf(databases);
    this.processes = processes;
    this.diagnostics = diagnostics;
  }

  public List<OpenSocket> attribute(List<OpenSocket> sockets) {
    List<OpenSocket> result = new ArrayList<>(sockets);
    attributeInPlace(result);
    return result;
  }

  /**
   * Replaces each socket by its attributed copy, so that a caller holding no other reference to the
   * sockets lets each old copy go as soon as it is replaced: at 70,000 sockets two full sets are
   * megabytes of peak memory.
   */
  public void attributeInPlace(List<OpenSocket> sockets) {
    for (int i = 0; i < sockets.size(); i++) {
      sockets.set(i, attribute(sockets.get(i)));
    }
  }

  OpenSocket attribute(OpenSocket socket) {
    if (socket.processes().isEmpty()) {
      return socket; // a kernel socket, or one whose holders we may not see
    }
    ProcessRoot where =
        rootsByPid.computeIfAbsent(
            socket.processes().getFirst().pid(), pid -> rootFor(socket.processes().getFirst()));
    Host.Identity key = where.key();
    Host root = key == null ? null : hostFor(key, where.openPath());
    if (root == null) {
      return socket;
    }
    OpenSocket asSeen = root == host ? socket : seenFrom(socket, where.hostView());
    ProcessInfo first = asSeen.processes().getFirst();
    Owner owner = ownerOf(root, asSeen, first);
    String program =
        owner.program() != null && owner.program().startsWith("/") ? owner.program() : first.exe();
    return socket.withAttribution(owner, packageOf(root, key, program));
  }

  /**
   * Where a process's services are configured.
   *
   * @param openPath how to open that root from the host: "/proc/PID/root" (which also leads into
   *     another mount namespace), or a directory of the host
   * @param hostView the root as a path of the host ("/" when it cannot be told)
   */
  private record ProcessRoot(String openPath, String hostView, Host.Identity key) {
    ProcessRoot(String openPath, String hostView) {
      this(openPath, hostView, null);
    }

    ProcessRoot keyed(Host.Identity key) {
      return new ProcessRoot(openPath, hostView, key);
    }
  }

  /**
   * The root of the process's outermost ancestor outside ours: daemons may chroot themselves
   * further (named -t, vsftpd sessions) below the root their init started them in. A daemon that
   * chrooted itself with no ancestor left in the outer root (avahi into /etc/avahi) still runs a
   * program of that root: the deepest directory holding both is the root.
   */
  private ProcessRoot rootFor(ProcessInfo holder) {
    ProcessRoot where = locateRoot(holder);
    return where.keyed(host.identityOf(where.openPath()));
  }

  private ProcessRoot locateRoot(ProcessInfo holder) {
    ProcessInfo p = outermostInSameRoot(holder);
    ProcessRoot own =
        new ProcessRoot("/proc/" + p.pid() + "/root", p.root() == null ? "/" : p.root());
    if (!p.isChrooted()) {
      return own;
    }
    String exe;
    try {
      exe = host.readLink("/proc/" + p.pid() + "/exe");
    } catch (IOException e) {
      return own;
    }
    if (exe.startsWith(p.root() + "/")) {
      return own;
    }
    String common = p.root();
    while (!common.isEmpty() && !exe.startsWith(common + "/")) {
      common = common.substring(0, common.lastIndexOf('/'));
    }
    return common.isEmpty() ? new ProcessRoot("/", "/") : new ProcessRoot(common, common);
  }

  private ProcessInfo outermostInSameRoot(ProcessInfo p) {
    Host.Identity hostKey = host.identity();
    if (hostKey.equals(host.identityOf("/proc/" + p.pid() + "/root"))) {
      return p;
    }
    ProcessInfo current = p;
    for (int depth = 0; depth < 16 && current.ppid() > 1; depth++) {
      ProcessInfo parent = processes.process(current.ppid());
      if (parent == null || hostKey.equals(host.identityOf("/proc/" + parent.pid() + "/root"))) {
        break;
      }
      current = parent;
    }
    return current;
  }

  private Owner ownerOf(Host root, OpenSocket socket, ProcessInfo first) {
    for (Supervisor supervisor : presentIn(root)) {
      Optional<Owner> owner =
          isDormantSystemd(supervisor, root, systemdRunning)
              ? fromBootEntries(supervisor, root, socket)
              : supervisor.ownerOf(root, socket, processes, diagnostics);
      if (owner.isPresent()) {
        return owner.get();
      }
    }
    // One per program: a loaded host has tens of thousands of sockets started by hand.
    return manualOwners.computeIfAbsent(
        first.exe() == null ? "" : first.exe(),
        exe -> new Owner(SupervisorKind.MANUAL, null, null, 0, first.exe()));
  }

  /** The supervisors installed in a root, asked once per root rather than once per socket. */
  private List<Supervisor> presentIn(Host root) {
    return present.computeIfAbsent(
        root, r -> supervisors.stream().filter(x -> x.isPresent(r)).toList());
  }

  /**
   * systemd installed in a root where it is not pid 1 (a chroot, a container run without it):
   * cgroups and pid 1's sockets say nothing, but its unit files still say what would start the port
   * at boot, and that is what an administrator disables.
   */
  private static boolean isDormantSystemd(
      Supervisor supervisor, Host root, Map<Host, Boolean> running) {
    return supervisor.kind() == SupervisorKind.SYSTEMD
        && !running.computeIfAbsent(root, r -> r.exists("/run/systemd/system"));
  }

  /** An enabled socket unit listening on the port, else a service running the program. */
  private Optional<Owner> fromBootEntries(Supervisor supervisor, Host root, OpenSocket socket) {
    // Per supervisor and root (one Host per root, see hostFor): asked for every socket.
    BootIndex index =
        bootIndexes
            .computeIfAbsent(supervisor, k -> new java.util.IdentityHashMap<>())
            .computeIfAbsent(root, k -> BootIndex.of(supervisor.entries(root, diagnostics)));
    Protocol protocol =
        socket.socket().protocol() == Protocol.UDPLITE ? Protocol.UDP : socket.socket().protocol();
    Owner bySocket = index.bySocket().get(BootIndex.key(protocol, socket.socket().local().port()));
    if (bySocket != null) {
      return Optional.of(bySocket);
    }
    for (ProcessInfo p : socket.processes()) {
      if (p.exe() != null) {
        Optional<Owner> byProgram = index.ofProgram(p.exe());
        if (byProgram.isPresent()) {
          return byProgram;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A root's boot entries indexed once, so each of thousands of sockets is one lookup: enabled
   * socket units by "PROTOCOL/port", then programs, an enabled unit's first and then any unit's (a
   * static one, such as nfs-mountd pulled in by nfs-server, still is what starts it).
   */
  private record BootIndex(
      Map<Long, Owner> bySocket, Map<String, Owner> byProgram, Map<String, Optional<Owner>> seen) {
    static long key(Protocol protocol, int port) {
      return (long) protocol.ordinal() << 32 | Integer.toUnsignedLong(port);
    }

    /** The owner of a program under any of its path forms, looked up once per program. */
    Optional<Owner> ofProgram(String exe) {
      return seen.computeIfAbsent(
          exe,
          e -> {
            for (String form : InitScripts.pathForms(e)) {
              Owner owner = byProgram.get(form);
              if (owner != null) {
                return Optional.of(owner);
              }
            }
            return Optional.empty();
          });
    }

    static BootIndex of(List<ServiceEntry> entries) {
      Map<Long, Owner> bySocket = new HashMap<>();
      Map<String, Owner> byProgram = new HashMap<>();
      for (ServiceEntry e : entries) {
        if (e.enabled()) {
          for (ListenSpec l : e.listens()) {
            bySocket.putIfAbsent(key(l.protocol(), l.port()), e.owner());
          }
        }
      }
      for (boolean enabled : new boolean[] {true, false}) {
        for (ServiceEntry e : entries) {
          if (e.enabled() == enabled && e.owner().program() != null) {
            byProgram.putIfAbsent(e.owner().program(), e.owner());
          }
        }
      }
      return new BootIndex(bySocket, byProgram, new HashMap<>());
    }
  }

  /**
   * The socket as the processes' root sees it: programs as paths inside that root, and no systemd
   * unit, since a chrooted process's cgroup names the host's unit that started the chroot (a test,
   * a container runtime), not a unit of the root's own systemd.
   */
  private OpenSocket seenFrom(OpenSocket s, String rootView) {
    List<ProcessInfo> seen = new ArrayList<>();
    for (ProcessInfo p : s.processes()) {
      String exe = p.exe();
      try {
        exe = insideRoot(host.readLink("/proc/" + p.pid() + "/exe"), rootView);
      } catch (IOException e) {
        // vanished: keep what discovery read
      }
      seen.add(
          new ProcessInfo(
              p.pid(),
              p.ppid(),
              p.name(),
              p.cmdline(),
              exe,
              p.uid(),
              p.user(),
              p.startTime(),
              null,
              p.containerId(),
              rootView));
    }
    return new OpenSocket(
        s.socket(), s.netns(), s.service(), s.exposure(), seen, s.socketActivated());
  }

  private static String insideRoot(String exe, String root) {
    if (exe == null || root == null || root.equals("/") || !exe.startsWith(root + "/")) {
      return exe;
    }
    return exe.substring(root.length());
  }

  private PackageRef packageOf(Host root, Host.Identity rootKey, String program) {
    if (program == null || !program.startsWith("/")) {
      return null;
    }
    String program0 =
        program.endsWith(" (deleted)")
            ? program.substring(0, program.length() - " (deleted)".length())
            : program;
    return packages
        .computeIfAbsent(rootKey, k -> new HashMap<>())
        .computeIfAbsent(
            program0, k -> PackageDatabases.ownerOf(databases, root, program0, diagnostics))
        .orElse(null);
  }

  /** The host itself when the key is our root's, else a confined view of that root. */
  private Host hostFor(Host.Identity key, String openPath) {
    if (key.equals(host.identity())) {
      return host;
    }
    return roots.computeIfAbsent(
        key,
        k -> {
          try {
            return host.within(openPath);
          } catch (IOException e) {
            diagnostics.add(Diagnostics.Kind.UNREADABLE, openPath, Errors.describe(e));
            return null;
          }
        });
  }
}
