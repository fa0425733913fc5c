package dev.ajar.watch;

import dev.ajar.assess.Auditor;
import dev.ajar.discover.PortQuery;
import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import dev.ajar.history.Verdict;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.pipeline.Run;
import dev.ajar.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Snapshots of the live host through the pipeline: {@code new Run(host, diagnostics).ports(query,
 * true)}, a new {@link Run} each time so that nothing it read (the package databases, the unit
 * files) goes stale in a long-running watcher.
 *
 * <p>What makes it cheap: owners cost the pass over every process's open files and the package
 * lookups (about 300 ms of CPU at 30,000 listening sockets, measured in docs/PERFORMANCE.md), the
 * socket tables alone a sixth of that. So each snapshot first lists the sockets without owners
 * (netlink sock_diag, filtered by state in the kernel); when the kernel lists exactly the sockets
 * (namespace and inode) of the last attributed snapshot, nothing can have opened or closed, and
 * that snapshot's ports are repeated. Owners are looked up again when the sockets differ, at least
 * every {@code refresh} (a holder that exits while another keeps the socket, a package upgraded
 * under a running daemon), and after a snapshot that found a socket without owner it had not seen
 * without owner before (opened while the processes were being read).
 */
final class LiveSnapshots implements SnapshotSource {
  private final Host host;
  private final PortQuery query;
  private final PortQuery bare;
  private final Policy policy;
  private final InstantSource clock;
  private final Duration refresh;

  private SocketSet lastIds;
  private Set<String> lastOwnerless = Set.of();
  private boolean repeatable;
  private Map<PortKey, PortState> lastPorts;
  private Instant lastAttributed;

  /**
   * @param query the sockets to watch (its namespaces): listening and bound ones
   * @param policy what judges a new port (null: the knowledge base)
   * @param refresh how long an attributed snapshot may be repeated while the sockets are unchanged
   */
  LiveSnapshots(Host host, PortQuery query, Policy policy, InstantSource clock, Duration refresh) {
    this.host = host;
    this.query = query;
    this.bare =
        new PortQuery(
            false,
            query.protocols(),
            query.families(),
            query.ports(),
            query.pids(),
            query.users(),
            query.netns(),
            false,
            query.source());
    this.policy = policy;
    this.clock = clock;
    this.refresh = refresh;
  }

  @Override
  public Snapshot take(Predicate<PortKey> unjudged) {
    Instant now = clock.instant();
    if (repeatable && now.isBefore(lastAttributed.plus(refresh))) {
      Diagnostics diagnostics = new Diagnostics();
      List<OpenSocket> sockets = new Run(host, diagnostics).ports(bare, false).sockets();
      // The same sockets: the same ports, every one of them judged and tracked already (the
      // watcher gives the tracker each snapshot this source takes).
      if (SocketSet.of(sockets).equals(lastIds)) {
        return new Snapshot(now, lastPorts, sockets.size(), false, diagnostics);
      }
    }
    Diagnostics diagnostics = new Diagnostics();
    Run run = new Run(host, diagnostics);
    List<OpenSocket> sockets = run.ports(query, true).sockets();
    Snapshots snapshots = new Snapshots();
    Map<PortKey, List<OpenSocket>> groups = snapshots.group(sockets);
    Map<PortKey, PortState> ports = HashMap.newHashMap(groups.size());
    List<OpenSocket> toJudge = new ArrayList<>();
    groups.forEach(
        (k, group) -> {
          ports.put(k, snapshots.state(k, group));
          if (unjudged.test(k)) {
            toJudge.addAll(group);
          }
        });
    if (!toJudge.isEmpty()) {
      judge(run.auditor(policy), toJudge, ports, snapshots);
    }
    lastIds = SocketSet.of(sockets);
    // Processes are read before sockets: a socket opened in between is listed without owner. Such
    // a snapshot is not repeated; the next one looks again (an owner still not found then is
    // really not to be seen: a holder we may not read).
    Set<String> ownerless = ownerless(sockets);
    repeatable = lastOwnerless.containsAll(ownerless);
    lastOwnerless = ownerless;
    lastPorts = ports;
    lastAttributed = now;
    return new Snapshot(now, ports, sockets.size(), true, diagnostics);
  }

  /** The judge's verdict on each new port: the finding of its (namespace, protocol, port). */
  private static void judge(
      Auditor auditor,
      List<OpenSocket> sockets,
      Map<PortKey, PortState> ports,
      Snapshots snapshots) {
    Map<PortKey, Verdict> verdicts = new HashMap<>();
    for (Finding f : auditor.audit(sockets)) {
      Verdict v = new Verdict(f.id(), f.severity(), f.rule(), f.why());
      for (OpenSocket s : f.sockets()) {
        verdicts.putIfAbsent(snapshots.key(s), v);
      }
    }
    verdicts.forEach((k, v) -> ports.computeIfPresent(k, (key, s) -> s.withVerdict(v)));
  }

  private static Set<String> ownerless(List<OpenSocket> sockets) {
    Set<String> ids = new HashSet<>();
    for (OpenSocket s : sockets) {
      if (s.owner() == null && s.socket().inode() != 0 && s.socket().state().isOpenPort()) {
        ids.add(s.netns().inode() + ":" + s.socket().inode());
      }
    }
    return ids;
  }
}
