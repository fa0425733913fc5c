package dev.ajar.remedy;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.pipeline.Pipeline;
import dev.ajar.remedy.journal.ChangeSet;
import dev.ajar.remedy.journal.FileChange;
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
   * @param seen the state (fingerprint) of every path the plan touches, when it was planned
   */
  public record Target(Owner owner, List<Integer> ports, DisablePlan plan, Map<String, String> seen) {}

  private final Host host;
  private final Diagnostics diagnostics;
  private final List<dev.ajar.packages.PackageDatabase> databases = PackageDatabases.all();

  public Closer(Host host, Diagnostics diagnostics) {
    this.host = host;
    this.diagnostics = diagnostics;
  }

  /** The entries that start what the words name (a port, a service or entry name), planned. */
  public List<Target> plan(List<String> what) throws IOException {
    Map<Owner, List<Integer>> owners = new LinkedHashMap<>();
    List<OpenSocket> open = host.isLive()
        ? Pipeline.ports(host, PortQuery.listening(), true, diagnostics).sockets()
        : List.of();
    List<ServiceCatalogue.Listing> entries = host.isLive()
        ? List.of()
        : ServiceCatalogue.list(host, Supervisors.all(), PackageDatabases.all(), diagnostics);
    for (String word : what) {
      boolean found = false;
      if (host.isLive()) {
        for (OpenSocket s : open) {
          if (s.owner() != null && (names(word, s.owner(), s.socket().local().port(), s.service())
              || knownAs(word, s.socket().protocol(), s.socket().local().port()))) {
            refuseOtherRoots(word, s);
            owners.computeIfAbsent(s.owner(), k -> new ArrayList<>()).add(s.socket().local().port());
            found = true;
          }
        }
      } else {
        for (ServiceCatalogue.Listing l : entries) {
          if (!l.entry().enabled()) {
            continue;
          }
          for (ListenSpec spec : l.entry().listens().isEmpty() ? List.of(new ListenSpec(null, -1, null)) : l.entry().listens()) {
            if (names(word, l.entry().owner(), spec.port(), null)
                || knownAs(word, spec.protocol(), spec.port())) {
              owners.computeIfAbsent(l.entry().owner(), k -> new ArrayList<>()).add(spec.port());
              found = true;
            }
          }
        }
      }
      if (!found) {
        throw new BadInputException("no open port or enabled service named '" + word + "' on " + host);
      }
    }
    return plan(owners);
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
   * Whether the knowledge base knows the word as a service (its id or an alias: "rsh",
   * "portmap") whose default ports include this one: inetd calls rsh "shell", /etc/services
   * too, but the administrator reading Toxen says rsh.
   */
  private static boolean knownAs(String word, dev.ajar.model.Protocol protocol, int port) {
    if (protocol == null || port <= 0) {
      return false;
    }
    String folded = word.toLowerCase(java.util.Locale.ROOT);
    return dev.ajar.knowledge.KnowledgeBase.bundled().find(word).stream()
        .filter(k -> k.id().equals(folded)
            || k.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(word)))
        .anyMatch(k -> k.listensOn(protocol, port));
  }

  private static boolean names(String word, Owner o, int port, String service) {
    if (word.chars().allMatch(Character::isDigit) && !word.isEmpty()) {
      return port == Integer.parseInt(word);
    }
    String bare = o.entry() == null ? "" : o.entry().replaceFirst("\\.(service|socket)$", "");
    return word.equals(o.entry()) || word.equals(bare) || word.equals(service);
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
      Owner o = e.getKey();
      DisablePlan plan = Supervisors.disablerFor(o.supervisor()).plan(host, o);
      targets.add(new Target(o, e.getValue().stream().filter(p -> p >= 0).distinct().toList(),
          plan, seen(plan)));
    }
    return targets;
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
          changes.add(new dev.ajar.remedy.journal.ChangeMode(program, wanted));
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
      locked.add(new Target(t.owner(), t.ports(), plan, seen(plan)));
    }
    return locked;
  }

  /**
   * Never cut the branch ajar sits on: refuses a plan that closes the server port of
   * $SSH_CONNECTION ("client-ip client-port server-ip server-port").
   */
  public static void refuseSshPort(List<Target> targets, String sshConnection) {
    if (sshConnection == null) {
      return;
    }
    String[] f = sshConnection.trim().split("\\s+");
    if (f.length < 4 || !f[3].matches("\\d{1,5}")) {
      return;
    }
    int port = Integer.parseInt(f[3]);
    for (Target t : targets) {
      if (t.ports().contains(port)) {
        throw new BadInputException("close: port " + port + " carries the SSH connection this runs"
            + " through (from " + f[0] + "); closing it would lock you out. Use --force if you mean it");
      }
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
    for (Target t : targets) {
      for (Map.Entry<String, String> e : t.seen().entrySet()) {
        String now = fingerprint(e.getKey());
        if (!now.equals(e.getValue())) {
          throw new BadInputException(e.getKey() + " changed since the plan was made ("
              + e.getValue() + ", now " + now + "); nothing was changed: plan again");
        }
      }
    }
  }

  private Map<String, String> seen(DisablePlan plan) throws IOException {
    Map<String, String> seen = new LinkedHashMap<>();
    for (FileChange c : plan.changes()) {
      seen.put(c.path(), fingerprint(c.path()));
      if (c instanceof dev.ajar.remedy.journal.RenamePath r) {
        seen.put(r.to(), fingerprint(r.to()));
      }
    }
    return seen;
  }

  /** "absent", "link TARGET" or "file SHA-256" of a path inside the root (links not followed). */
  private String fingerprint(String path) throws IOException {
    if (host.isSymbolicLink(path)) {
      return "link " + host.readLink(path);
    }
    if (!host.exists(path)) {
      return "absent";
    }
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(host.read(path));
      return "file " + java.util.HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runtime steps, on the live host only; each failure is reported, not thrown. */
  public List<String> runRuntimeSteps(List<Target> targets) {
    return new PlanApplier(host).runRuntime(targets.stream().flatMap(t -> t.plan().runtime().stream()).toList());
  }
}
