package dev.ajar.discover;

import dev.ajar.host.Host;
import dev.ajar.model.Namespace;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each network namespace the name a person would use: "host" for init's namespace, the `ip
 * netns` name (a bind mount under /run/netns), the container's name from its engine, or
 * "netns:[inode]".
 */
final class NamespaceNamer {
  private final Host host;
  private final ProcessReader processes;
  private final ContainerNames containers;
  private final long hostInode;
  private final Map<Long, String> ipNetnsNames = new HashMap<>();

  NamespaceNamer(Host host, ProcessReader processes) {
    this.host = host;
    this.processes = processes;
    this.containers = new ContainerNames(host);
    long init = ProcessScanner.namespaceInode(host, "/proc/1/ns/net");
    this.hostInode = init > 0 ? init : ProcessScanner.namespaceInode(host, "/proc/self/ns/net");
    try {
      for (String name : host.list("/run/netns")) {
        try {
          ipNetnsNames.putIfAbsent(host.inode("/run/netns/" + name), name);
        } catch (IOException e) {
          // a stale entry whose namespace is gone
        }
      }
    } catch (IOException e) {
      // no named namespaces
    }
  }

  long hostInode() {
    return hostInode;
  }

  /** Named namespaces: inode → name. */
  Map<Long, String> ipNetnsNames() {
    return ipNetnsNames;
  }

  Namespace name(long inode, List<Integer> members) {
    if (inode == hostInode) {
      return new Namespace(inode, "host", Namespace.Kind.HOST);
    }
    String named = ipNetnsNames.get(inode);
    if (named != null) {
      return new Namespace(inode, named, Namespace.Kind.NAMED);
    }
    for (int pid : members) {
      CgroupParser.Cgroup cg = processes.cgroup(pid);
      if (cg.containerId() != null) {
        return new Namespace(
            inode,
            containers.nameOf(cg.containerEngine(), cg.containerId()),
            Namespace.Kind.CONTAINER);
      }
    }
    return new Namespace(inode, "netns:[" + inode + "]", Namespace.Kind.ANONYMOUS);
  }
}
