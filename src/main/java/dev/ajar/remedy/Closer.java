package dev.ajar.remedy;

import dev.ajar.assess.Auditor;
import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.change.ChangeMode;
import dev.ajar.change.FileChange;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.model.Finding;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.policy.Policy;
import dev.ajar.remedy.journal.Journal;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.SuperServer;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.Supervisors;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `ajar plan` and `ajar close`, as values in a line: a {@link CloseRequest} ("finger", "79", or a
 * policy's unlisted ports) becomes {@link Targets} (the supervisor entries that open them, each
 * with the plan that disables it persistently), then one {@link ClosePlan} (their changes composed,
 * each with the state its path must be in), which {@link PlanApplier} checks and makes through one
 * journaled change set, giving a {@link CloseReport}.
 */
public final class Closer {
  private final Host host;
  private final Diagnostics diagnostics;
  private final List<Supervisor> supervisors;
  private final List<PackageDatabase> databases;
  private final KnowledgeBase knowledge;

  /** With the supervisors and package databases of the run, so each root is read once. */
  public Closer(
      Host host,
      Diagnostics diagnostics,
      List<Supervisor> supervisors,
      List<PackageDatabase> databases,
      KnowledgeBase knowledge) {
    this.host = host;
    this.diagnostics = diagnostics;
    this.supervisors = supervisors;
    this.databases = databases;
    this.knowledge = knowledge;
  }

  /** With every supervisor and package manager ajar knows. */
  public Closer(Host host, Diagnostics diagnostics) {
    this(host, diagnostics, Supervisors.all(), PackageDatabases.all(), KnowledgeBase.bundled());
  }

  /**
   * The entries to disable for a request, each planned: what the words name or the policy does not
   * allow among what is open, then the super-servers left idle, the locked programs and the package
   * removal when asked.
   */
  public Targets targets(CloseRequest request, OpenPorts open) throws IOException {
    List<String> leftOpen = new ArrayList<>();
    List<Target> targets =
        request.unlisted() == null
            ? named(request.words(), open.closables())
            : unlisted(request.unlisted(), open.judged(), leftOpen);
    List<Owner> idle = targets.isEmpty() ? List.of() : idleSuperServers(targets);
    if (request.superServer() && !idle.isEmpty()) {
      Map<Owner, List<Integer>> owners = new LinkedHashMap<>();
      idle.forEach(o -> owners.put(o, List.of()));
      targets = new ArrayList<>(targets);
      targets.addAll(plan(owners));
    }
    if (request.lock() != CloseRequest.Lock.NONE) {
      targets = withLockedBinaries(targets, request.lock() == CloseRequest.Lock.SETID_BITS);
    }
    PackageRemoval.Plan removals =
        request.removesPackages() && !targets.isEmpty()
            ? new PackageRemoval(host, diagnostics, databases).plan(targets, request.alsoRemove())
            : null;
    return new Targets(targets, leftOpen, idle, removals);
  }

  /**
   * The entries chosen by their owners rather than named by words (`ajar menu`), in the map's
   * order, each with the ports it opens, planned as named ones are; the super-servers they would
   * leave idle are offered, not added. Every owner must have a disabler ({@link
   * Supervisors#disablerFor}).
   */
  public Targets targets(Map<Owner, List<Integer>> owners) throws IOException {
    List<Target> targets = plan(owners);
    List<Owner> idle = targets.isEmpty() ? List.of() : idleSuperServers(targets);
    return new Targets(targets, List.of(), idle, null);
  }

  /** The changes of every target composed into one plan, for this root. */
  public ClosePlan plan(Targets targets) throws IOException {
    return new PlanComposer(host).compose(targets.list());
  }

  /**
   * Makes the plan through one change set (each change journaled first), then, on the live host,
   * its runtime steps and the package removal, which belongs to the same change set. Checks the
   * plan again first: a file changed since it was made is refused by name.
   */
  public CloseReport close(
      ClosePlan plan, PackageRemoval.Plan removals, String description, Journal journal)
      throws IOException {
    PackageRemoval removal = new PackageRemoval(host, diagnostics, databases);
    return new PlanApplier(host)
        .apply(
            plan,
            description,
            journal,
            removals == null ? null : set -> removal.apply(removals, set));
  }

  /**
   * The entries that start what the words name (a port, a range, a service, entry, program or
   * knowledge-base name) among {@code closables}, planned.
   */
  private List<Target> named(List<String> words, List<Closable> closables) throws IOException {
    List<Target> targets = new ArrayList<>();
    for (WordResolution.Resolved r :
        new WordResolution(knowledge).resolve(words, closables, host.toString())) {
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
   * A daemon in a chroot or a container is started by that root's configuration, not ours: editing
   * our /etc would change the wrong system.
   */
  private static void refuseOtherRoots(String word, OpenSocket s) {
    var p = s.processes().isEmpty() ? null : s.processes().getFirst();
    boolean elsewhere =
        p != null && (p.isChrooted() || p.containerId() != null)
            || s.netns().kind() == Namespace.Kind.CONTAINER;
    if (elsewhere) {
      throw new BadInputException(
          "'"
              + word
              + "' is started inside "
              + (p != null && p.isChrooted()
                  ? "the root " + p.root()
                  : "container " + s.netns().name())
              + ": close it there (ajar close --root DIR for a root)");
    }
  }

  /**
   * "Decide which ports you want to have open and close the rest": the entries behind every port
   * the policy does not allow, among {@code sockets}: what listens now on a live host, what the
   * next boot opens on an offline root. Those nothing starts (manual) or that run in another root
   * are left out, each with a reason in {@code skipped}.
   */
  private List<Target> unlisted(Policy policy, List<OpenSocket> sockets, List<String> skipped)
      throws IOException {
    List<Finding> findings = new Auditor(host, knowledge, policy).audit(sockets);
    return plan(unlistedOwners(findings, skipped));
  }

  /** The owners to disable for these findings, in order, each once. */
  static Map<Owner, List<Integer>> unlistedOwners(List<Finding> findings, List<String> skipped) {
    Map<Owner, List<Integer>> owners = new LinkedHashMap<>();
    for (var f : findings) {
      OpenSocket s = f.first();
      String port = s.socket().protocol().label() + "/" + s.socket().local().port();
      Owner o = s.owner();
      if (o == null) {
        skipped.add(port + ": owner unknown (run as root)");
      } else if (o.supervisor() == SupervisorKind.MANUAL
          || o.supervisor() == SupervisorKind.CONTAINER) {
        skipped.add(
            port
                + ": "
                + (o.supervisor() == SupervisorKind.MANUAL
                    ? "nothing starts it; stop the process "
                        + (s.processes().isEmpty() ? "" : s.processes().getFirst().pid())
                    : "runs in container " + o.entry()));
      } else if (!s.processes().isEmpty() && s.processes().getFirst().isChrooted()) {
        skipped.add(
            port
                + ": started inside the root "
                + s.processes().getFirst().root()
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
    return new Target(o, ports.stream().filter(p -> p >= 0).distinct().toList(), matched, plan);
  }

  /**
   * The entries that start inetd or xinetd itself, when the targets are every active entry the
   * super-server has left: once they are closed it would listen on nothing, and the seed's advice
   * is then to stop starting it at all.
   */
  private List<Owner> idleSuperServers(List<Target> targets) {
    List<ServiceCatalogue.Listing> listings =
        ServiceCatalogue.list(host, supervisors, databases, diagnostics);
    Set<Owner> targeted = new HashSet<>();
    targets.forEach(t -> targeted.add(t.owner()));
    List<Owner> idle = new ArrayList<>();
    for (SupervisorKind kind : List.of(SupervisorKind.INETD, SupervisorKind.XINETD)) {
      Set<String> closing = new HashSet<>();
      for (Target t : targets) {
        if (t.owner().supervisor() == kind) {
          closing.add(t.owner().entry());
        }
      }
      boolean remains =
          listings.stream()
              .map(ServiceCatalogue.Listing::entry)
              .anyMatch(
                  e ->
                      e.enabled()
                          && e.owner().supervisor() == kind
                          && !closing.contains(e.owner().entry()));
      if (closing.isEmpty() || remains) {
        continue;
      }
      for (ServiceCatalogue.Listing l : listings) {
        Owner o = l.entry().owner();
        if (l.entry().enabled()
            && o.supervisor() != kind
            && kind == SuperServer.kindStartedBy(o)
            && !targeted.contains(o)) {
          idle.add(o);
        }
      }
    }
    return idle;
  }

  /**
   * The seed's "chmod them to 0, especially any that are set-UID or set-GID": a plan that also
   * takes every permission bit off each target's program ({@code stripOnly}: only the set-UID and
   * set-GID bits, so it still runs). Symbolic links and programs shared with other entries (inetd
   * itself, a shell) are left alone, with a note. Every other file of the program's package loses
   * its set-UID/GID bits ({@link SetIdFiles}), unless the package is part of the base system.
   */
  private List<Target> withLockedBinaries(List<Target> targets, boolean stripOnly)
      throws IOException {
    List<Target> locked = new ArrayList<>();
    Set<Object> done = new HashSet<>();
    for (Target t : targets) {
      List<FileChange> changes = new ArrayList<>(t.plan().changes());
      List<String> notes = new ArrayList<>(t.plan().notes());
      String program = t.owner().program();
      if (program == null || !program.startsWith("/") || program.equals("internal")) {
        notes.add("no program of its own to lock");
      } else if (host.isSymbolicLink(program) || !host.isRegularFile(program)) {
        notes.add(program + " is not a regular file: not locked");
      } else {
        int mode =
            ((Number) Files.getAttribute(host.resolve(program), "unix:mode")).intValue() & 07777;
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
      locked.add(new Target(t.owner(), t.ports(), t.matched(), plan));
    }
    return locked;
  }
}
