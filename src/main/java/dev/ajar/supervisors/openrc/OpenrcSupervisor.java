package dev.ajar.supervisors.openrc;

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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenRC (Alpine, Gentoo): /etc/init.d scripts run by openrc-run ("#!/sbin/openrc-run",
 * "command=/usr/sbin/sshd"), enabled by a link in /etc/runlevels/LEVEL/.
 */
public final class OpenrcSupervisor implements Supervisor {
  static final String SCRIPTS = "/etc/init.d";
  static final String RUNLEVELS = "/etc/runlevels";

  private final InitScripts.Catalogs catalogs =
      new InitScripts.Catalogs(this::isPresent, OpenrcSupervisor::scripts);

  @Override
  public SupervisorKind kind() {
    return SupervisorKind.OPENRC;
  }

  @Override
  public String bootTarget(Host root, Diagnostics diagnostics) {
    return "runlevels boot, default";
  }

  @Override
  public String howToDisable(Owner o) {
    return "rc-service " + o.entry() + " stop; rc-update del " + o.entry();
  }

  @Override
  public Optional<Disabler> disabler() {
    return Optional.of(new OpenrcDisabler());
  }

  @Override
  public boolean isPresent(Host root) {
    return root.isDirectory(RUNLEVELS)
        && (root.exists("/sbin/openrc-run")
            || root.exists("/usr/sbin/openrc-run")
            || root.exists("/sbin/openrc"));
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    if (!isPresent(root)) {
      return List.of();
    }
    List<String> levels = levels(root);
    List<ServiceEntry> entries = new ArrayList<>();
    for (InitScripts.Script s : scripts(root, diagnostics)) {
      boolean enabled =
          levels.stream().anyMatch(l -> root.exists(RUNLEVELS + "/" + l + "/" + s.name()));
      entries.add(s.entry(SupervisorKind.OPENRC, enabled));
    }
    return entries;
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    return catalogs.claim(root, socket, diagnostics).map(c -> c.owner(SupervisorKind.OPENRC));
  }

  /** The runlevels that exist (default, boot, sysinit, ...). */
  static List<String> levels(Host root) {
    try {
      return root.list(RUNLEVELS);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Scripts whose first line runs openrc-run. */
  static List<InitScripts.Script> scripts(Host root, Diagnostics diagnostics) {
    List<InitScripts.Script> scripts = new ArrayList<>();
    for (InitScripts.Script s : InitScripts.read(root, SCRIPTS, diagnostics)) {
      String first = s.text().lines().findFirst().orElse("");
      if (first.startsWith("#!") && first.contains("openrc-run")) {
        scripts.add(s);
      }
    }
    return scripts;
  }
}
