package dev.ajar.supervisors.systemd;

import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChange;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * systemd: what `systemctl disable` and `systemctl mask` do, for the service AND everything that
 * can start it again: its .socket (stopping only the .service leaves the socket listening), its
 * .path and .timer. Enablement links are removed, each unit is masked (a link to /dev/null in
 * /etc/systemd/system). A unit that is a real file there cannot be masked by a link: it is moved
 * aside first (undoable), which `systemctl mask` refuses to do.
 */
final class SystemdDisabler implements Disabler {
  static final String ETC = "/etc/systemd/system";
  static final List<String> UNIT_DIRS =
      List.of(ETC, "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system");
  static final List<String> SUFFIXES = List.of(".service", ".socket", ".path", ".timer");

  @Override
  public DisablePlan plan(Host root, Owner owner) throws IOException {
    String entry = owner.entry();
    String base =
        entry.substring(0, entry.lastIndexOf('.') < 0 ? entry.length() : entry.lastIndexOf('.'));
    List<FileChange> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> units = new ArrayList<>();
    for (String suffix : SUFFIXES) {
      String unit = base + suffix;
      if (unit.equals(entry) || exists(root, unit)) {
        units.add(unit);
      }
    }
    for (String unit : units) {
      changes.addAll(wantsLinks(root, unit));
      String mask = ETC + "/" + unit;
      if (root.isSymbolicLink(mask)) {
        if (root.readLink(mask).equals("/dev/null")) {
          notes.add(unit + " is already masked");
          continue;
        }
        changes.add(new CreateSymlink(mask, "/dev/null"));
      } else if (root.exists(mask)) {
        changes.add(new RenamePath(mask, mask + ".ajar-disabled"));
        changes.add(new CreateSymlink(mask, "/dev/null"));
        notes.add(
            mask
                + " is a unit file of its own: moved to "
                + mask
                + ".ajar-disabled so it can be masked");
      } else {
        changes.add(new CreateSymlink(mask, "/dev/null"));
      }
    }
    for (String dependent : dependents(root, units)) {
      notes.add(
          dependent
              + " asks for "
              + String.join(" or ", units)
              + " (Requires/Wants/BindsTo): it will fail or start without it");
    }
    List<String> stop = new ArrayList<>(List.of("systemctl", "stop"));
    stop.addAll(units);
    return new DisablePlan(
        changes,
        List.of(
            new DisablePlan.RuntimeStep("stop what runs now", stop),
            new DisablePlan.RuntimeStep(
                "make systemd see the masks", List.of("systemctl", "daemon-reload"))),
        notes);
  }

  private static boolean exists(Host root, String unit) {
    for (String dir : UNIT_DIRS) {
      if (root.exists(dir + "/" + unit) || root.isSymbolicLink(dir + "/" + unit)) {
        return true;
      }
    }
    return false;
  }

  /** Links to the unit in /etc/systemd/system/*.wants and *.requires: what enables it. */
  private static List<FileChange> wantsLinks(Host root, String unit) throws IOException {
    List<FileChange> removals = new ArrayList<>();
    List<String> dirs;
    try {
      dirs = new ArrayList<>(root.list(ETC));
    } catch (IOException e) {
      return removals;
    }
    dirs.sort(null);
    for (String dir : dirs) {
      if ((dir.endsWith(".wants") || dir.endsWith(".requires"))
          && root.isSymbolicLink(ETC + "/" + dir + "/" + unit)) {
        removals.add(new RemovePath(ETC + "/" + dir + "/" + unit));
      }
    }
    return removals;
  }

  /** Unit files whose Requires=, Wants= or BindsTo= name one of the units. */
  private static List<String> dependents(Host root, List<String> units) {
    List<String> found = new ArrayList<>();
    for (String dir : UNIT_DIRS) {
      List<String> names;
      try {
        names = new ArrayList<>(root.list(dir));
      } catch (IOException e) {
        continue;
      }
      names.sort(null);
      for (String name : names) {
        if (units.contains(name) || found.contains(name) || !root.isRegularFile(dir + "/" + name)) {
          continue;
        }
        try {
          for (String line : root.readText(dir + "/" + name).split("\n")) {
            String l = line.trim();
            if ((l.startsWith("Requires=") || l.startsWith("Wants=") || l.startsWith("BindsTo="))
                && units.stream()
                    .anyMatch(
                        u -> List.of(l.substring(l.indexOf('=') + 1).split("\\s+")).contains(u))) {
              found.add(name);
              break;
            }
          }
        } catch (IOException e) {
          // unreadable unit: nothing to say about it
        }
      }
    }
    return found;
  }
}
