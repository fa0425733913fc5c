package dev.ajar.supervisors.runit;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.Supervisor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * runit and s6: a service is a directory with a "run" script, supervised by "runsv NAME" (or
 * "s6-supervise NAME"); enabled when linked from the scanned directory (/var/service, /etc/service,
 * /etc/runit/runsvdir/default). The supervising process names the service, so the process tree
 * answers "who started this" exactly.
 */
public final class RunitSupervisor implements Supervisor {
  static final List<String> SERVICE_DIRS = List.of("/etc/sv", "/etc/s6/sv");
  static final List<String> ENABLED_DIRS =
      List.of("/var/service", "/etc/service", "/etc/runit/runsvdir/default", "/run/service");

  @Override
  public SupervisorKind kind() {
    return SupervisorKind.RUNIT;
  }

  @Override
  public String bootTarget(Host root, Diagnostics diagnostics) {
    return "the linked services";
  }

  @Override
  public String howToDisable(Owner o) {
    return "sv down " + o.entry() + "; remove the link to it from the service directory";
  }

  @Override
  public boolean isPresent(Host root) {
    return SERVICE_DIRS.stream().anyMatch(root::isDirectory);
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    List<ServiceEntry> entries = new ArrayList<>();
    for (String dir : SERVICE_DIRS) {
      List<String> names;
      try {
        names = root.list(dir);
      } catch (IOException e) {
        continue;
      }
      names.sort(null);
      for (String name : names) {
        String run = dir + "/" + name + "/run";
        if (!root.isRegularFile(run)) {
          continue;
        }
        boolean enabled = ENABLED_DIRS.stream().anyMatch(d -> root.exists(d + "/" + name));
        entries.add(
            new ServiceEntry(
                new Owner(SupervisorKind.RUNIT, name, run, 0, null), enabled, List.of()));
      }
    }
    return entries;
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    for (ProcessInfo p : socket.processes()) {
      ProcessInfo current = p;
      for (int depth = 0; depth < 8 && current != null && current.ppid() > 0; depth++) {
        ProcessInfo parent = processes.process(current.ppid());
        if (parent == null) {
          break;
        }
        if ((parent.name().equals("runsv") || parent.name().equals("s6-supervise"))
            && parent.cmdline().size() >= 2) {
          String service = parent.cmdline().get(1);
          service = service.substring(service.lastIndexOf('/') + 1);
          return Optional.of(
              new Owner(SupervisorKind.RUNIT, service, runScript(root, service), 0, p.exe()));
        }
        current = parent;
      }
    }
    return Optional.empty();
  }

  private static String runScript(Host root, String service) {
    for (String dir : SERVICE_DIRS) {
      if (root.exists(dir + "/" + service + "/run")) {
        return dir + "/" + service + "/run";
      }
    }
    return null;
  }
}
