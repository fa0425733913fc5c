package dev.ajar.remedy;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.change.ChangeMode;
import dev.ajar.change.FileChange;
import dev.ajar.change.Precondition;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.remedy.journal.ChangeSet;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Supervisors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `ajar plan` and `ajar close`: from "finger" or "79" to the supervisor entries that open it, to
 * the plan that disables each persistently, to the change set that makes it, journaled first.
 * Live, the entries come from what is open now; on an offline root, from its configuration.
 */
public final class Closer {
  /**
   * One entry to disable, why, and its plan.
   *
   * @param matched how the words found it ("'ftp': tcp/21, predicted from /etc/vsftpd.conf
   *     (config)"); empty when it was not named (--unlisted, a super-server)
   * @param seen the state of every path the plan touches, when it was planned
   */
  public record Target(Owner owner, List<Integer> ports, List<String> matched, DisablePlan plan,
      Map<String, Precondition> seen) {
    public Target {
      ports = List.copyOf(ports);
      matched = List.copyOf(matched);
    }
  }

  private final Host host;
  private final Diagnostics diagnostics;
  private final List<dev.ajar.packages.PackageDatabase> databases = PackageDatabases.all();

  public Closer(Host host, Diagnostics diagnostics) {
    this.host = host;
    this.diagnostics = diagnostics;
  }

  /**
   * The entries that start what the words name (a port, a range, a service, entry, program or
   * knowledge-base name) among {@code closables}, planned: what is open now on the live host,
   * what the next boot opens and what is enabled on an offline root.
   */
  public List<Target> plan(List<String> what, List<Closable> closables) throws IOException {
    List<Target> targets = new ArrayList<>();
    for (WordResolution.Resolved r :
        new WordResolution(KnowledgeBase.bundled()).resolve(what, closables, host.toString())) {
      for (WordResolution.Match m : r.matches()) {
        if (m.closable().socket() != null) {
          refuseOtherRoots(m.word(), m.closable().socket());
        }
      }
      targets.add(target(r.owner(), r.ports(), r.matched(), r.notes()));
    }
    return targets;
  }

  /**
   * A daemon in a chroot or a container is started by that root's configuration, not ours:
   * editing our /etc would change the wrong system.
   */
  private static void refuseOtherRoots(String word, OpenSocket s) {
    var p = s.processes().isEmpty() ? null : s.processes().getFirst();
    boolean elsewhere = p != null && (p.isChrooted() || p.containerId() != null)
        || s.netns().kind() == dev.ajar.model.Namespace.Kind.CONTAINER;
    if (elsewhere) {
      throw new BadInputException("'" + word + "' is started inside "
          + (p != null && p.isChrooted() ? "the root " + p.root() : "container " + s.netns().name())
          + ": close it there (ajar close --root DIR for a root)");
    }
  }

  /**
   * "Decide which ports you want to have open and close the rest": the entries behind every
   * port the policy does not allow, among {@code sockets}: what listens now on a live host, what
   * the next boot opens on an offline root. Those nothing starts (manual) or that run in another
   * root are left out, each with a reason in {@code skipped}.
   */
  public List<Target> planUnlisted(
      dev.ajar.policy.Policy policy, List<OpenSocket> sockets, List<String> skipped)
      throws IOException {
    var findings = new dev.ajar.assess.Auditor(host, dev.ajar.knowledge.KnowledgeBase.bundled(), policy)
        .audit(sockets);
    return plan(unlistedOwners(findings, skipped));
  }

  /** The owners to disable for these findings, in order, each once. */
  static Map<Owner, List<Integer>> unlistedOwners(List<dev.ajar.model.Finding> findings, List<String> skipped) {
    Map<Owner, List<Integer>> owners = new LinkedHashMap<>();
    for (var f : findings) {
      OpenSocket s = f.first();
      String port = s.socket().protocol().label() + "/" + s.socket().local().port();
      Owner o = s.owner();
      if (o == null) {
        skipped.add(port + ": owner unknown (run as root)");
      } else if (o.supervisor() == SupervisorKind.MANUAL || o.supervisor() == SupervisorKind.CONTAINER) {
        skipped.add(port + ": " + (o.supervisor() == SupervisorKind.MANUAL
            ? "nothing starts it; stop the process " + (s.processes().isEmpty() ? "" : s.processes().getFirst().pid())
            : "runs in container " + o.entry()));
      } else if (!s.processes().isEmpty() && s.processes().getFirst().isChrooted()) {
        skipped.add(port + ": started inside the root " + s.processes().getFirst().root()
            + "; close it there with --root");
      } else {
        owners.computeIfAbsent(o, k -> new ArrayList<>()).add(s.socket().local().port());
      }
    }
    return owners;
  }

  private List<Target> plan(Map<Owner, List<Integer>> owners) throws IOException {
    List<Target> targets = new ArrayList<>();
    for (Map.Entry<Owner, List<Integer>> e : owners.entrySet()) {
      targets.add(target(e.getKey(), e.getValue(), List.of(), List.of()));
    }
    return targets;
  }

  private Target target(Owner o, List<Integer> ports, List<String> matched, List<String> notes)
      throws IOException {
    DisablePlan plan = Supervisors.disablerFor(o.supervisor()).plan(host, o);
    if (!notes.isEmpty()) {
      List<String> all = new ArrayList<>(notes);
      all.addAll(plan.notes());
      plan = new DisablePlan(plan.changes(), plan.runtime(), all);
    }
    return new Target(o, ports.stream().filter(p -> p >= 0).distinct().toList(), matched, plan,
        seen(plan));
  }

  /**
   * The entries that start inetd or xinetd itself, when the targets are every active entry the
   * super-server has left: once they are closed it would listen on nothing, and the seed's advice
   * is then to stop starting it at all.
   */
  public List<Owner> idleSuperServers(List<Target> targets) {
    List<ServiceCatalogue.Listing> listings =
        ServiceCatalogue.list(host, Supervisors.all(), PackageDatabases.all(), diagnostics);
    java.util.Set<Owner> targeted = new java.util.HashSet<>();
    targets.forEach(t -> targeted.add(t.owner()));
    List<Owner> idle = new ArrayList<>();
    for (SupervisorKind kind : List.of(SupervisorKind.INETD, SupervisorKind.XINETD)) {
      java.util.Set<String> closing = new java.util.HashSet<>();
      for (Target t : targets) {
        if (t.owner().supervisor() == kind) {
          closing.add(t.owner().entry());
        }
      }
      boolean remains = listings.stream().map(ServiceCatalogue.Listing::entry)
          .anyMatch(e -> e.enabled() && e.owner().supervisor() == kind
              && !closing.contains(e.owner().entry()));
      if (closing.isEmpty() || remains) {
        continue;
      }
      for (ServiceCatalogue.Listing l : listings) {
        Owner o = l.entry().owner();
        if (l.entry().enabled() && o.supervisor() != kind
            && kind == dev.ajar.supervisors.SuperServer.kindStartedBy(o) && !targeted.contains(o)) {
          idle.add(o);
        }
      }
    }
    return idle;
  }

  /** The targets and, after them, the plans that stop starting these super-servers. */
  public List<Target> withSuperServers(List<Target> targets, List<Owner> superServers)
      throws IOException {
    Map<Owner, List<Integer>> owners = new LinkedHashMap<>();
    superServers.forEach(o -> owners.put(o, List.of()));
    List<Target> all = new ArrayList<>(targets);
    all.addAll(plan(owners));
    return all;
  }

  /**
   * The seed's "chmod them to 0, especially any that are set-UID or set-GID": a plan that also
   * takes every permission bit off each target's program ({@code stripOnly}: only the set-UID
   * and set-GID bits, so it still runs). Symbolic links and programs shared with other entries
   * (inetd itself, a shell) are left alone, with a note. Every other file of the program's
   * package loses its set-UID/GID bits ({@link SetIdFiles}), unless the package is part of the
   * base system.
   */
  public List<Target> withLockedBinaries(List<Target> targets, boolean stripOnly) throws IOException {
    List<Target> locked = new ArrayList<>();
    java.util.Set<Object> done = new java.util.HashSet<>();
    for (Target t : targets) {
      List<FileChange> changes = new ArrayList<>(t.plan().changes());
      List<String> notes = new ArrayList<>(t.plan().notes());
      String program = t.owner().program();
      if (program == null || !program.startsWith("/") || program.equals("internal")) {
        notes.add("no program of its own to lock");
      } else if (host.isSymbolicLink(program) || !host.isRegularFile(program)) {
        notes.add(program + " is not a regular file: not locked");
      } else {
        int mode = ((Number) java.nio.file.Files.getAttribute(host.resolve(program), "unix:mode")).intValue() & 07777;
        int wanted = stripOnly ? mode & ~06000 : 0;
        if (!done.add(SetIdFiles.identity(host, program))) {
          notes.add(program + " is locked for another entry already");
        } else if (wanted != mode) {
          changes.add(new ChangeMode(program, wanted));
        } else {
          notes.add(program + " is already mode " + Integer.toOctalString(mode));
        }
        var pkg = PackageDatabases.ownerOf(databases, host, program, diagnostics);
        if (pkg.isPresent()) {
          for (var db : databases) {
            if (db.manager().equals(pkg.get().manager())) {
              changes.addAll(SetIdFiles.strip(host, db, pkg.get(), done, diagnostics, notes));
            }
          }
        }
      }
      DisablePlan plan = new DisablePlan(changes, t.plan().runtime(), notes);
      locked.add(new Target(t.owner(), t.ports(), t.matched(), plan, seen(plan)));
    }
    return locked;
  }

  /**
   * Never cut the branch ajar sits on: refuses a plan that closes the server port of
   * $SSH_CONNECTION ("client-ip client-port server-ip server-port").
   */
  public static void refuseSshPort(java.util.Collection<Integer> ports, String sshConnection) {
    if (sshConnection == null) {
      return;
    }
    String[] f = sshConnection.trim().split("\\s+");
    if (f.length < 4 || !f[3].matches("\\d{1,5}")) {
      return;
    }
    int port = Integer.parseInt(f[3]);
    if (ports.contains(port)) {
        throw new BadInputException("close: port " + port + " carries the SSH connection this runs"
            + " through (from " + f[0] + "); closing it would lock you out. Use --force if you mean it");
    }
  }

  /**
   * Applies every plan through one change set (journaled before each change); returns its id.
   * The plans are composed into one list of changes first, as `ajar apply` receives them.
   */
  public String apply(List<Target> targets, String description, Path journalDir) throws IOException {
    return apply(targets, description, journalDir, set -> { });
  }

  /** More steps of the same change set, after the file changes and before the commit. */
  @FunctionalInterface
  public interface ThenInSet {
    void run(ChangeSet set) throws IOException;
  }

  /** As {@link #apply(List, String, Path)}, then {@code then} (a package removal) in the same set. */
  public String apply(List<Target> targets, String description, Path journalDir, ThenInSet then)
      throws IOException {
    try (Journal journal = Journal.open(host.root(), journalDir)) {
      return apply(targets, description, journal, then);
    }
  }

  /** As {@link #apply(List, String, Path)}, in a journal the caller opened (and holds the lock of). */
  public String apply(List<Target> targets, String description, Journal journal) throws IOException {
    return apply(targets, description, journal, set -> { });
  }

  /** The same, then {@code then} (a package removal) in the same change set. */
  public String apply(List<Target> targets, String description, Journal journal, ThenInSet then)
      throws IOException {
    refuseChangedSincePlanned(targets);
    return new PlanApplier(host).apply(
        new PlanComposer(host).compose(targets), description, journal, then);
  }

  /**
   * Between the plan (shown, perhaps confirmed at a prompt) and now, has anyone changed a file the
   * plan is about? Then the plan is stale: refuse, naming the file, before changing anything.
   */
  private void refuseChangedSincePlanned(List<Target> targets) throws IOException {
    PlanComposer states = new PlanComposer(host);
    for (Target t : targets) {
      for (Map.Entry<String, Precondition> e : t.seen().entrySet()) {
        Precondition now = states.stateNow(e.getKey());
        if (!now.equals(e.getValue())) {
          throw new BadInputException(e.getKey() + " changed since the plan was made (expected "
              + e.getValue().describe() + ", found " + now.describe() + "); nothing was changed: plan again");
        }
      }
    }
  }

  /** The state of every path the plan touches (a rename's destination too), as it is now. */
  private Map<String, Precondition> seen(DisablePlan plan) throws IOException {
    PlanComposer states = new PlanComposer(host);
    Map<String, Precondition> seen = new LinkedHashMap<>();
    for (FileChange c : plan.changes()) {
      for (String path : ClosePlan.paths(c)) {
        seen.put(path, states.stateNow(path));
      }
    }
    return seen;
  }

  /** The runtime steps, on the live host only; each failure is reported, not thrown. */
  public List<String> runRuntimeSteps(List<Target> targets) {
    return new PlanApplier(host).runRuntime(targets.stream().flatMap(t -> t.plan().runtime().stream()).toList());
  }
}
