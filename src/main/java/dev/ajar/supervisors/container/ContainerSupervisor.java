package dev.ajar.supervisors.container;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.Supervisor;
import java.util.List;
import java.util.Optional;

/**
 * Container engines (docker, podman, containerd, kubernetes, lxc): a socket in a container's
 * network namespace, or held by a process that runs in a container (discovery gave it a container
 * id from its cgroup), is the container's, whatever starts it inside; the entry is the namespace's
 * name. A port the engine publishes through docker-proxy on the host is the container's too; the
 * entry is the proxy's command line, which names the container's address.
 *
 * <p>It is asked first: the root of a container's process is the container's image, whose init
 * scripts and units would otherwise claim the socket, and editing those does not stop the
 * container. Present in every root; the engine's configuration is not read, so it lists no entries,
 * starts nothing at boot as far as the root says, and has no disabler (stop or reconfigure the
 * container).
 */
public final class ContainerSupervisor implements Supervisor {
  @Override
  public SupervisorKind kind() {
    return SupervisorKind.CONTAINER;
  }

  @Override
  public String howToDisable(Owner o) {
    return "stop or reconfigure container " + o.entry();
  }

  @Override
  public boolean isPresent(Host root) {
    return true;
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    return List.of();
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    ProcessInfo first = socket.processes().isEmpty() ? null : socket.processes().getFirst();
    String exe = first == null ? null : first.exe();
    boolean inContainer =
        socket.netns() != null && socket.netns().kind() == Namespace.Kind.CONTAINER
            || first != null && first.containerId() != null;
    if (inContainer) {
      return Optional.of(
          new Owner(kind(), socket.netns() == null ? null : socket.netns().name(), null, 0, exe));
    }
    if (exe != null && exe.endsWith("/docker-proxy")) {
      return Optional.of(
          new Owner(kind(), "docker-proxy " + String.join(" ", first.cmdline()), null, 0, exe));
    }
    return Optional.empty();
  }
}
