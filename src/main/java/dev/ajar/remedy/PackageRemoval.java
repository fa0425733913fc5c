package dev.ajar.remedy;

import dev.ajar.host.CommandRunner;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import dev.ajar.packages.DpkgDatabase;
import dev.ajar.packages.Essential;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.remedy.journal.ChangeSet;
import dev.ajar.remedy.journal.PackageSteps;
import dev.ajar.remedy.journal.RemovePackage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `--remove-packages`: after the services are disabled, remove the packages their programs come
 * from, the way a careful administrator would. Simulate first (live: apt-get -s; offline: the
 * root's dpkg status, reverse Depends and Pre-Depends) and show everything that would go; remove
 * only the services' own packages, and refuse the whole removal when it would take anything more,
 * unless the administrator names those packages too (--also-remove). Never a package of the base
 * system, never autoremove, never purge: remove keeps the configuration files, so reinstalling
 * (what undo does) gives the service back as it was. A refused removal changes nothing else: the
 * services stay disabled.
 */
public final class PackageRemoval {
  /** Removing with apt takes a while (maintainer scripts, triggers). */
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  /**
   * What would be removed, in order (dependents first), and what the administrator should know.
   *
   * @param removals empty when refused or when nothing is to be removed
   * @param offlineCommand the command to run inside the image (offline root), or null
   */
  public record Plan(
      List<RemovePackage> removals, List<String> notes, List<String> offlineCommand) {
    public Plan {
      removals = List.copyOf(removals);
      notes = List.copyOf(notes);
      offlineCommand = offlineCommand == null ? null : List.copyOf(offlineCommand);
    }
  }

  private final Host host;
  private final Diagnostics diagnostics;
  private final List<PackageDatabase> databases;

  public PackageRemoval(Host host, Diagnostics diagnostics) {
    this(host, diagnostics, PackageDatabases.all());
  }

  /** With the run's package databases, so each is read once. */
  public PackageRemoval(Host host, Diagnostics diagnostics, List<PackageDatabase> databases) {
    this.databases = databases;
    this.host = host;
    this.diagnostics = diagnostics;
  }

  /**
   * Plans the removal of the targets' packages; {@code alsoRemove}: names the admin consents to.
   */
  public Plan plan(List<Target> targets, Set<String> alsoRemove) throws IOException {
    List<String> notes = new ArrayList<>();
    Map<String, PackageRef> wanted = new LinkedHashMap<>();
    for (Target t : targets) {
      String program = t.owner().program();
      String entry = t.owner().entry();
      if (program == null || !program.startsWith("/")) {
        notes.add(entry + ": no program of its own, so no package to remove");
        continue;
      }
      var pkg = PackageDatabases.ownerOf(databases, host, program, diagnostics);
      if (pkg.isEmpty()) {
        notes.add(entry + ": no package owns " + program + ", nothing to remove");
      } else if (!pkg.get().manager().equals("dpkg")) {
        notes.add(
            entry
                + ": "
                + pkg.get().name()
                + " is a "
                + pkg.get().manager()
                + " package;"
                + " ajar removes only dpkg packages so far: remove it with "
                + pkg.get().manager());
      } else {
        wanted.putIfAbsent(pkg.get().name(), pkg.get());
      }
    }
    if (wanted.isEmpty()) {
      return new Plan(List.of(), notes, null);
    }
    PackageDatabase dpkg = dpkg();
    for (PackageRef p : List.copyOf(wanted.values())) {
      Essential e = dpkg.essential(host, p, diagnostics);
      if (e.answer() != Essential.Answer.NO) {
        wanted.remove(p.name());
        notes.add(
            p.name()
                + " is not removed: "
                + (e.isEssential()
                    ? "it is part of the base system (" + e.why() + ")"
                    : "ajar cannot tell whether it is part of the base system (" + e.why() + ")")
                + "; the service stays disabled");
      }
    }
    if (wanted.isEmpty()) {
      return new Plan(List.of(), notes, null);
    }
    // Everything that would go, in the order it would go.
    List<PackageRef> going = new ArrayList<>();
    if (host.isLive()) {
      List<String> argv = simulate(wanted.keySet());
      CommandRunner.Result r = host.runner().run(argv, TIMEOUT);
      if (!r.ok()) {
        notes.add(
            "no package is removed: "
                + String.join(" ", argv)
                + " failed (exit "
                + r.exitCode()
                + "): "
                + lastLine(r.stderr())
                + "; the services stay disabled");
        return new Plan(List.of(), notes, null);
      }
      for (AptSimulation.Removed removed : AptSimulation.removed(r.stdout())) {
        going.add(new PackageRef("dpkg", removed.name(), removed.version()));
      }
    } else {
      var also = dpkg.alsoRemoved(host, List.copyOf(wanted.values()), diagnostics);
      going.addAll(also.orElse(List.of()));
      going.addAll(wanted.values());
    }
    Set<String> extra = new LinkedHashSet<>();
    for (PackageRef p : going) {
      if (!wanted.containsKey(p.name()) && !wanted.containsKey(plain(p.name()))) {
        extra.add(p.name());
      }
    }
    Set<String> unconsented = new LinkedHashSet<>();
    for (String e : extra) {
      if (!alsoRemove.contains(e) && !alsoRemove.contains(plain(e))) {
        unconsented.add(e);
      }
    }
    if (!unconsented.isEmpty()) {
      notes.add(
          "no package is removed: removing "
              + String.join(" ", wanted.keySet())
              + " would also remove "
              + String.join(" ", extra)
              + " (they depend on it); name them with"
              + " --also-remove "
              + String.join(",", unconsented)
              + " if they should go too."
              + " The services stay disabled");
      return new Plan(List.of(), notes, null);
    }
    for (String a : alsoRemove) {
      if (!extra.contains(a) && going.stream().noneMatch(p -> plain(p.name()).equals(plain(a)))) {
        notes.add("--also-remove " + a + ": not taken along by this removal, left installed");
      }
    }
    List<RemovePackage> removals = new ArrayList<>();
    for (PackageRef p : going) {
      if (extra.contains(p.name())) {
        Essential e = dpkg.essential(host, p, diagnostics);
        if (e.answer() != Essential.Answer.NO) {
          notes.add(
              "no package is removed: "
                  + p.name()
                  + " would go too and is part of the base"
                  + " system ("
                  + e.why()
                  + "); the services stay disabled");
          return new Plan(List.of(), notes, null);
        }
      }
      String version = p.version().isEmpty() ? versionOf(p.name()) : p.version();
      removals.add(
          new RemovePackage(
              "dpkg",
              p.name(),
              version == null ? "" : version,
              List.of("apt-get", "remove", "--no-auto-remove", "-y", p.name()),
              List.of(
                  "apt-get",
                  "install",
                  "--no-install-recommends",
                  "-y",
                  p.name() + "=" + version)));
    }
    if (!host.isLive()) {
      List<String> command = new ArrayList<>(List.of("apt-get", "remove", "--no-auto-remove"));
      for (RemovePackage r : removals) {
        command.add(r.name());
      }
      notes.add(
          "offline root: nothing is run from the image; what would go was read from its"
              + " dpkg status (Depends and Pre-Depends; versions not compared)");
      return new Plan(List.of(), notes, command);
    }
    return new Plan(removals, notes, null);
  }

  /**
   * Removes each planned package through the change set (record first), dependents first, after
   * checking again that apt would remove exactly that one package now. Returns one line per step.
   */
  public List<String> apply(Plan plan, ChangeSet set) throws IOException {
    List<String> report = new ArrayList<>();
    if (plan.offlineCommand() != null) {
      report.add(
          "skipped (offline root): run inside the image: "
              + String.join(" ", plan.offlineCommand()));
      return report;
    }
    PackageSteps steps = steps(host);
    for (int i = 0; i < plan.removals().size(); i++) {
      RemovePackage r = plan.removals().get(i);
      List<String> argv = simulate(List.of(r.name()));
      CommandRunner.Result sim = host.runner().run(argv, TIMEOUT);
      List<String> now =
          AptSimulation.removed(sim.stdout()).stream().map(AptSimulation.Removed::name).toList();
      if (!sim.ok() || now.size() != 1 || !plain(now.getFirst()).equals(plain(r.name()))) {
        report.add(
            "not removed: "
                + r.name()
                + " (apt would now remove "
                + (sim.ok() ? String.join(" ", now) : "nothing: " + lastLine(sim.stderr()))
                + "); stopped here, the services stay disabled");
        return report;
      }
      CommandRunner.Result result = set.removePackage(r, steps);
      report.add(
          (result.ok() ? "removed: " : "failed (exit " + result.exitCode() + "): ")
              + r.name()
              + " "
              + r.version()
              + (result.ok() ? "" : ": " + lastLine(result.stderr())));
      if (!result.ok()) {
        return report;
      }
    }
    return report;
  }

  /** The live host's package manager for the journal: dpkg's status read afresh, apt-get run. */
  public static PackageSteps steps(Host host) {
    return new PackageSteps() {
      @Override
      public String installedVersion(String manager, String name) throws IOException {
        if (!manager.equals("dpkg")) {
          throw new IOException(
              "ajar cannot tell whether " + manager + " package " + name + " is installed");
        }
        return DpkgDatabase.installedVersion(host, name);
      }

      @Override
      public CommandRunner.Result run(List<String> argv) throws IOException {
        return host.runner().run(argv, TIMEOUT);
      }
    };
  }

  private static List<String> simulate(java.util.Collection<String> names) {
    List<String> argv = new ArrayList<>(List.of("apt-get", "-s", "remove", "--no-auto-remove"));
    argv.addAll(names);
    return argv;
  }

  private String versionOf(String name) {
    try {
      return DpkgDatabase.installedVersion(host, name);
    } catch (IOException e) {
      return null;
    }
  }

  private PackageDatabase dpkg() {
    return databases.stream().filter(d -> d.manager().equals("dpkg")).findFirst().orElseThrow();
  }

  private static String plain(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty() ? "no message" : lines.getLast();
  }
}
