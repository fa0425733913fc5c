package dev.ajar.attribute;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.ServiceEntry;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.supervisors.InitScripts;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "attribute" stage: for every socket, the supervisor entry that starts it and the package
 * of its program, both looked up in the holders' own root (/proc/PID/root), so a container's or a
 * chroot's inetd.conf and dpkg database are read, not the host's.
 *
 * <p>Supervisors are asked in order; the first that claims the socket wins. The order puts the
 * precise answers first: inetd and xinetd (the socket is theirs, the entry says which service),
 * systemd (socket units, then the cgroup's unit), then the script-based ones, which can only
 * match a script that names the program. A socket nobody claims was started by hand ("manual").
 */
public final class Attributor {
  private final Host host;
  private final List<Supervisor> supervisors;
  private final List<PackageDatabase> databases;
  private final ProcessLookup processes;
  private final Diagnostics diagnostics;
  private final Map<String, Host> roots = new HashMap<>();
  private final Map<String, Optional<PackageRef>> packages = new HashMap<>();
  private final Map<String, List<ServiceEntry>> bootEntries = new HashMap<>();
  private String hostRootKey;

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
    List<OpenSocket> result = new ArrayList<>(sockets.size());
    for (OpenSocket s : sockets) {
      result.add(attribute(s));
    }
    return result;
  }

  OpenSocket attribute(OpenSocket socket) {
    if (socket.processes().isEmpty()) {
      return socket; // a kernel socket, or one whose holders we may not see
    }
    ProcessInfo first = socket.processes().getFirst();
    Host root = rootOf(first);
    if (root == null) {
      return socket;
    }
    OpenSocket asSeen = sameRoot(root) ? socket : withoutHostUnits(socket);
    Owner owner = ownerOf(root, asSeen, first);
    String program = owner.program() != null && owner.program().startsWith("/")
        ? owner.program()
        : first.exe();
    return socket.withAttribution(owner, packageOf(root, rootKey(first), program));
  }

  private Owner ownerOf(Host root, OpenSocket socket, ProcessInfo first) {
    if (socket.netns().kind() == Namespace.Kind.CONTAINER || first.containerId() != null) {
      return new Owner("container", socket.netns().name(), null, 0, first.exe());
    }
    if (first.exe() != null && first.exe().endsWith("/docker-proxy")) {
      return new Owner("container", "docker-proxy " + String.join(" ", first.cmdline()), null, 0,
          first.exe());
    }
    for (Supervisor supervisor : supervisors) {
      if (!supervisor.isPresent(root)) {
        continue;
      }
      Optional<Owner> owner = isDormantSystemd(supervisor, root)
          ? fromBootEntries(supervisor, root, socket)
          : supervisor.ownerOf(root, socket, processes, diagnostics);
      if (owner.isPresent()) {
        return owner.get();
      }
    }
    return new Owner("manual", null, null, 0, first.exe());
  }

  /**
   * systemd installed in a root where it is not pid 1 (a chroot, a container run without it):
   * cgroups and pid 1's sockets say nothing, but its unit files still say what would start the
   * port at boot, and that is what an administrator disables.
   */
  private static boolean isDormantSystemd(Supervisor supervisor, Host root) {
    return supervisor.kind().equals("systemd") && !root.exists("/run/systemd/system");
  }

  /** An enabled socket unit listening on the port, else an enabled service running the program. */
  private Optional<Owner> fromBootEntries(Supervisor supervisor, Host root, OpenSocket socket) {
    List<ServiceEntry> entries = bootEntries.computeIfAbsent(
        supervisor.kind() + "\0" + root.root(), k -> supervisor.entries(root, diagnostics));
    for (ServiceEntry e : entries) {
      for (ListenSpec l : e.listens()) {
        if (e.enabled() && l.port() == socket.socket().local().port()
            && sameTransport(l.protocol(), socket.socket().protocol())) {
          return Optional.of(e.owner());
        }
      }
    }
    for (ServiceEntry e : entries) {
      String program = e.owner().program();
      if (!e.enabled() || program == null) {
        continue;
      }
      for (ProcessInfo p : socket.processes()) {
        if (p.exe() != null && InitScripts.pathForms(p.exe()).contains(program)) {
          return Optional.of(e.owner());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean sameTransport(Protocol a, Protocol b) {
    return a == b || (a == Protocol.UDP && b == Protocol.UDPLITE);
  }

  /**
   * A chrooted process's cgroup names the host's unit that started the chroot (a test, a
   * container runtime), not a unit of the root's own systemd: it must not be read there.
   */
  private static OpenSocket withoutHostUnits(OpenSocket s) {
    List<ProcessInfo> stripped = new ArrayList<>();
    for (ProcessInfo p : s.processes()) {
      stripped.add(new ProcessInfo(p.pid(), p.ppid(), p.name(), p.cmdline(), p.exe(), p.uid(),
          p.user(), p.startTime(), null, p.containerId(), p.root()));
    }
    return new OpenSocket(s.socket(), s.netns(), s.service(), s.exposure(), stripped,
        s.socketActivated());
  }

  private Optional<PackageRef> lookup(Host root, String program) {
    for (PackageDatabase db : databases) {
      if (db.isPresent(root)) {
        Optional<PackageRef> ref = db.ownerOf(root, program, diagnostics);
        if (ref.isPresent()) {
          return ref;
        }
      }
    }
    return Optional.empty();
  }

  private PackageRef packageOf(Host root, String rootKey, String program) {
    if (program == null || !program.startsWith("/")) {
      return null;
    }
    String program0 = program.endsWith(" (deleted)")
        ? program.substring(0, program.length() - " (deleted)".length())
        : program;
    return packages.computeIfAbsent(rootKey + "\0" + program0, k -> lookup(root, program0))
        .orElse(null);
  }

  private boolean sameRoot(Host root) {
    return root == host;
  }

  /** The host itself when the process shares its root, else a confined view of its root. */
  private Host rootOf(ProcessInfo p) {
    String key = rootKey(p);
    if (key == null) {
      return null;
    }
    if (key.equals(hostRootKey())) {
      return host;
    }
    return roots.computeIfAbsent(key, k -> {
      try {
        return host.within("/proc/" + p.pid() + "/root");
      } catch (IOException e) {
        diagnostics.add(Diagnostics.Kind.UNREADABLE, "/proc/" + p.pid() + "/root", Errors.describe(e));
        return null;
      }
    });
  }

  private String hostRootKey() {
    if (hostRootKey == null) {
      hostRootKey = key("/");
    }
    return hostRootKey;
  }

  private String rootKey(ProcessInfo p) {
    return key("/proc/" + p.pid() + "/root");
  }

  private String key(String dir) {
    try {
      var path = host.resolve(dir);
      return Files.getAttribute(path, "unix:dev") + ":" + Files.getAttribute(path, "unix:ino");
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
