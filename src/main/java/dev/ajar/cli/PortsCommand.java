package dev.ajar.cli;

import dev.ajar.discover.PortInventory;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.host.Timing;
import dev.ajar.model.Family;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.Text;
import dev.ajar.report.PortsJsonWriter;
import dev.ajar.report.PortsTableWriter;
import dev.ajar.supervisors.ProcessLookup;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar ports`: every open port of every network namespace, and who holds it. */
@Command(
    name = "ports",
    header = "List open ports and the processes that hold them.",
    mixinStandardHelpOptions = true,
    description = {
      "List open ports (listening TCP, bound UDP and RAW) of every network namespace,",
      "with every process that holds each socket."
    })
final class PortsCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-a", "--all"},
      description = "Also sockets in every other state.")
  boolean all;

  @Option(
      names = {"-t", "--tcp"},
      description = "TCP sockets.")
  boolean tcp;

  @Option(
      names = {"-u", "--udp"},
      description = "UDP and UDP-Lite sockets.")
  boolean udp;

  @Option(
      names = {"-w", "--raw"},
      description = "RAW sockets.")
  boolean raw;

  @Option(
      names = {"-4", "--ipv4"},
      description = "IPv4 only.")
  boolean ipv4;

  @Option(
      names = {"-6", "--ipv6"},
      description = "IPv6 only.")
  boolean ipv6;

  @Option(
      names = "--port",
      paramLabel = "N[,M-K]",
      split = ",",
      converter = Converters.PortRange.class,
      description = "Only these local ports or ranges.")
  List<int[]> ports = new ArrayList<>();

  @Option(
      names = "--pid",
      paramLabel = "PID",
      split = ",",
      description = "Only sockets held by PID.")
  List<Integer> pids = new ArrayList<>();

  @Option(
      names = "--user",
      paramLabel = "USER",
      split = ",",
      description = "Only sockets of USER (name or uid).")
  List<String> users = new ArrayList<>();

  @Option(
      names = "--netns",
      paramLabel = "all|host|NAME|PID",
      defaultValue = "all",
      description = "Network namespaces to list (default: ${DEFAULT-VALUE}).")
  String netns;

  @Option(
      names = {"-n", "--numeric"},
      description = "No service or user names.")
  boolean numeric;

  @Option(names = "--wide", description = "Do not cut columns; show each process in full.")
  boolean wide;

  @Option(names = "--json", description = "Print the ajar.ports/1 JSON document.")
  boolean json;

  @Option(
      names = "--no-owners",
      description = {
        "Do not look up who holds and who starts each socket (no /proc/*/fd pass, no",
        "service entry or package): the socket's uid only, like ss without -p."
      })
  boolean noOwners;

  @Option(
      names = "--sockets-from",
      paramLabel = "auto|netlink|proc",
      defaultValue = "auto",
      description = {
        "Where to read the kernel's socket tables: netlink sock_diag (filtered in the",
        "kernel, IPV6_V6ONLY known), /proc/PID/net, or netlink with /proc where it",
        "cannot be had (default: ${DEFAULT-VALUE})."
      })
  PortQuery.SocketSource socketsFrom;

  @Override
  public Integer call() {
    Host host = parent.host();
    Diagnostics diagnostics = parent.thisRun().diagnostics();
    PortQuery query =
        new PortQuery(
            all,
            protocols(),
            families(),
            ports,
            Set.copyOf(pids),
            Set.copyOf(users),
            netns,
            !noOwners,
            socketsFrom);
    PortInventory inventory = parent.thisRun().ports(query, !noOwners);
    long start = Timing.start();
    if (json) {
      PortsJsonWriter.write(inventory, parent.out);
      parent.out.println();
    } else {
      PortsTableWriter.write(
          inventory, new PortsTableWriter.Options(wide, all, numeric, !noOwners), parent.out);
      for (Diagnostics.Diagnostic d : inventory.diagnostics().all()) {
        if (d.kind() != Diagnostics.Kind.VANISHED) {
          parent.err.println("ajar ports: note: " + Text.forTerminal(d.toString()));
        }
      }
    }
    parent.out.flush();
    Timing.end("write", start);
    String denied =
        permissionDenied(
            inventory.hiddenNamespaces(),
            inventory.hiddenProcesses(),
            inventory.processes(),
            host.isRunningAsRoot());
    if (denied != null) {
      parent.err.println("ajar ports: " + denied);
    }
    return ExitCodes.OK;
  }

  /** How many processes {@link #permissionDenied} names before "and N more". */
  static final int NAMED_HIDDEN_PROCESSES = 3;

  /**
   * What could not be read, e.g. "permission denied to the open files of 2 processes: 1234 (sshd),
   * 1240 (cron)", or null when nothing was hidden. The first few processes are named by pid and
   * program (the kernel's comm, chosen by the process, so escaped), the rest counted.
   *
   * @param pids the processes whose open files could not be read, in order
   * @param processes names them (null for one that has exited since: its pid alone)
   */
  static String permissionDenied(
      int namespaces, List<Integer> pids, ProcessLookup processes, boolean root) {
    List<String> hidden = new ArrayList<>();
    if (namespaces > 0) {
      hidden.add(count(namespaces, "network namespace", "network namespaces"));
    }
    if (!pids.isEmpty()) {
      List<String> named = new ArrayList<>();
      for (int pid : pids.subList(0, Math.min(pids.size(), NAMED_HIDDEN_PROCESSES))) {
        ProcessInfo p = processes.process(pid);
        named.add(
            p == null || p.name().isEmpty()
                ? Integer.toString(pid)
                : pid + " (" + Text.forTerminal(p.name()) + ")");
      }
      int more = pids.size() - named.size();
      hidden.add(
          "the open files of "
              + count(pids.size(), "process", "processes")
              + ": "
              + String.join(", ", named)
              + (more > 0 ? " and " + more + " more" : ""));
    }
    if (hidden.isEmpty()) {
      return null;
    }
    return "permission denied to "
        + String.join(" and to ", hidden)
        + (root ? "" : "; their sockets are listed without owner; run as root to see them");
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private Set<Protocol> protocols() {
    Set<Protocol> set = EnumSet.noneOf(Protocol.class);
    if (tcp) {
      set.add(Protocol.TCP);
    }
    if (udp) {
      set.add(Protocol.UDP);
      set.add(Protocol.UDPLITE);
    }
    if (raw) {
      set.add(Protocol.RAW);
    }
    return set;
  }

  private Set<Family> families() {
    Set<Family> set = EnumSet.noneOf(Family.class);
    if (ipv4) {
      set.add(Family.INET);
    }
    if (ipv6) {
      set.add(Family.INET6);
    }
    return set;
  }
}
