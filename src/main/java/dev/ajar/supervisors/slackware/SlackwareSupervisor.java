package dev.ajar.supervisors.slackware;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.Disabler;
import dev.ajar.supervisors.InitScripts;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.sysv.SysvSupervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Slackware's BSD-style init: /etc/rc.d/rc.NAME scripts, enabled by their execute bit and run from
 * rc.M or rc.inet2. A daemon without a script of its own is started by a line of one of those
 * system scripts: that line is the entry (named "rc.inet2:42").
 */
public final class SlackwareSupervisor implements Supervisor {
  static final String DIR = "/etc/rc.d";

  /** The scripts init runs itself: they start others, they are not services. */
  static final Set<String> SYSTEM =
      Set.of(
          "rc.0",
          "rc.4",
          "rc.6",
          "rc.K",
          "rc.M",
          "rc.S",
          "rc.inet1",
          "rc.inet2",
          "rc.local",
          "rc.modules",
          "rc.sysvinit",
          "rc.loop",
          "rc.cpufreq",
          "rc.font",
          "rc.keymap");

  private final InitScripts.Catalogs catalogs =
      new InitScripts.Catalogs(this::isPresent, (r, d) -> InitScripts.read(r, DIR, d));

  @Override
  public SupervisorKind kind() {
    return SupervisorKind.SLACKWARE;
  }

  /** Slackware boots with SysV init: its inittab says the runlevel, as on a SysV root. */
  @Override
  public String bootTarget(Host root, Diagnostics diagnostics) {
    return new SysvSupervisor().bootTarget(root, diagnostics);
  }

  /** A line of a system script ("rc.inet2:15") is commented out; a script of its own, chmod -x. */
  @Override
  public String howToDisable(Owner o) {
    return o.entry().contains(":")
        ? "comment out line " + o.line() + " of " + o.file() + " and stop the daemon"
        : o.file() + " stop; chmod -x " + o.file();
  }

  @Override
  public Optional<Disabler> disabler() {
    return Optional.of(new SlackwareDisabler());
  }

  @Override
  public boolean isPresent(Host root) {
    return root.exists("/etc/slackware-version") || root.isRegularFile(DIR + "/rc.M");
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    if (!isPresent(root)) {
      return List.of();
    }
    List<ServiceEntry> entries = new ArrayList<>();
    for (InitScripts.Script s : InitScripts.read(root, DIR, diagnostics)) {
      if (s.name().startsWith("rc.") && !SYSTEM.contains(s.name()) && !s.name().contains(".new")) {
        entries.add(s.entry(SupervisorKind.SLACKWARE, root.isExecutable(s.path())));
      }
    }
    return entries;
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    return catalogs
        .claim(root, socket, diagnostics)
        .map(
            c -> {
              InitScripts.Script s = c.match().script();
              String entry =
                  SYSTEM.contains(s.name()) ? s.name() + ":" + c.match().line() : s.name();
              return new Owner(
                  SupervisorKind.SLACKWARE, entry, s.path(), c.match().line(), c.program());
            });
  }
}
