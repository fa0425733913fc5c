package dev.ajar.supervisors;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import java.util.List;
import java.util.Optional;

/**
 * Whatever starts services: one implementation per kind (systemd, SysV init, inetd, xinetd, OpenRC,
 * Slackware rc.d, runit, containers). Each answers the same questions, always about one root: the
 * live host, a process's own root (/proc/PID/root, so a container or chroot is read as it sees
 * itself), or an offline image. Implementations read files only through {@code root} and never run
 * anything from it.
 */
public interface Supervisor {
  /** The kind it names in {@link Owner#supervisor()}. */
  SupervisorKind kind();

  /** Whether this supervisor is installed in the root at all. */
  boolean isPresent(Host root);

  /** Every entry configured in the root, enabled or not (for offline roots and boot). */
  List<ServiceEntry> entries(Host root, Diagnostics diagnostics);

  /**
   * The entries that start when the root boots. By default the enabled ones; supervisors that know
   * better (systemd follows what default.target pulls in) say more precisely.
   */
  default List<BootStart> bootStarts(Host root, Diagnostics diagnostics) {
    return entries(root, diagnostics).stream()
        .filter(ServiceEntry::enabled)
        .map(e -> new BootStart(e, "enabled for " + kind().label(), false))
        .toList();
  }

  /**
   * What the root boots into when this supervisor is its init system ({@link InitSystem}), for the
   * report: "graphical.target", "runlevel 3"; null when it cannot be told.
   */
  default String bootTarget(Host root, Diagnostics diagnostics) {
    return null;
  }

  /**
   * The entry that started the processes holding this socket, or that holds it itself (socket
   * activation, inetd). Process paths (exe) are inside {@code root}. Empty when this supervisor did
   * not start it.
   */
  Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics);

  /**
   * How an administrator disables the entry by hand, in this supervisor's own terms: the fix `ajar
   * audit` gives ("systemctl disable --now ssh.service; systemctl mask ssh.service").
   */
  default String howToDisable(Owner owner) {
    return "disable " + owner.entry() + " where it is started";
  }

  /**
   * How an entry of this supervisor is disabled persistently (its {@link Owner}s); empty when ajar
   * cannot do it for this kind (yet).
   */
  default Optional<Disabler> disabler() {
    return Optional.empty();
  }

  /**
   * After an undo on the live host restored these paths (inside the root), what makes this
   * supervisor take the restored configuration up: a super-server re-reads it on SIGHUP, systemd
   * its units on daemon-reload. Nothing is started again: that is the administrator's choice.
   */
  default List<DisablePlan.RuntimeStep> reloadsAfterUndo(List<String> restoredPaths) {
    return List.of();
  }
}
