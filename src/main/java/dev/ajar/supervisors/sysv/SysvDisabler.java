package dev.ajar.supervisors.sysv;

import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChange;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SysV init: start links become stop links, never deleted (a package upgrade re-creates deleted
 * links). Debian: what `update-rc.d NAME disable` does (its sysv_toggle): in runlevels S, 2, 3, 4
 * and 5 the S of each start link becomes a K, the number kept (S01x → K01x). Red Hat: what
 * `chkconfig NAME off` does (not `--del`, which the next package update undoes): in each of
 * runlevels 2, 3, 4 and 5 the service's links give way to one K link with the stop priority of the
 * script's "# chkconfig:" header (S55sshd → K25sshd), made where the level had none. Then the
 * script stops the daemon.
 */
final class SysvDisabler implements Disabler {
  private static final Pattern CHKCONFIG =
      Pattern.compile("(?m)^#\\s*chkconfig:\\s*\\S+\\s+(\\d+)\\s+(\\d+)");

  @Override
  public DisablePlan plan(Host root, Owner owner) throws IOException {
    boolean redHat = owner.file() != null && owner.file().startsWith("/etc/rc.d/");
    String name = owner.entry();
    List<FileChange> changes =
        redHat
            ? chkconfigOff(root, name, redHatStop(root, owner.file()))
            : updateRcDDisable(root, name);
    String script = owner.file() != null ? owner.file() : "/etc/init.d/" + name;
    return new DisablePlan(
        changes,
        List.of(new DisablePlan.RuntimeStep("stop the daemon now", List.of(script, "stop"))),
        List.of());
  }

  private static List<FileChange> updateRcDDisable(Host root, String name) {
    List<FileChange> changes = new ArrayList<>();
    for (String level : List.of("S", "2", "3", "4", "5")) {
      String dir = "/etc/rc" + level + ".d";
      for (String link : links(root, dir, name)) {
        if (link.charAt(0) == 'S') {
          changes.add(new RenamePath(dir + "/" + link, dir + "/K" + link.substring(1)));
        }
      }
    }
    if (changes.isEmpty()) {
      throw alreadyDisabled(name, "/etc");
    }
    return changes;
  }

  /**
   * chkconfig's doSetService(s, level, off) for levels 2-5: it unlinks every [SK]NNname of the
   * level and links K(stop)name -> ../init.d/name. A start link is renamed instead (same link, same
   * target, and its owner and time kept); a K link already right is left alone. Without a header,
   * start links only become stop links with their number. A service no level starts is refused as
   * already disabled, as for Debian.
   */
  private static List<FileChange> chkconfigOff(Host root, String name, Integer stopPriority) {
    List<FileChange> changes = new ArrayList<>();
    boolean started = false;
    for (String level : List.of("2", "3", "4", "5")) {
      String dir = "/etc/rc.d/rc" + level + ".d";
      if (!root.isDirectory(dir)) {
        continue;
      }
      List<String> links = links(root, dir, name);
      String first = links.stream().filter(l -> l.charAt(0) == 'S').findFirst().orElse(null);
      started |= first != null;
      if (stopPriority == null && first == null) {
        continue; // no header to take a stop priority from (chkconfig would refuse the script)
      }
      int stop = stopPriority != null ? stopPriority : Integer.parseInt(first.substring(1, 3));
      String wanted = String.format("K%02d%s", Math.min(99, stop), name);
      String kept =
          links.contains(wanted)
              ? wanted
              : first != null ? first : links.isEmpty() ? null : links.getFirst();
      for (String link : links) {
        if (!link.equals(kept)) {
          changes.add(new RemovePath(dir + "/" + link));
        }
      }
      if (kept == null) {
        changes.add(new CreateSymlink(dir + "/" + wanted, "../init.d/" + name));
      } else if (!kept.equals(wanted)) {
        changes.add(new RenamePath(dir + "/" + kept, dir + "/" + wanted));
      }
    }
    if (!started) {
      throw alreadyDisabled(name, "/etc/rc.d");
    }
    return changes;
  }

  private static BadInputException alreadyDisabled(String name, String links) {
    return new BadInputException(
        "sysv: no start link for '" + name + "' in " + links + "/rc?.d (already disabled?)");
  }

  /** The [SK]NNname links of one rc directory, sorted ("S55sshd", "K25sshd"). */
  private static List<String> links(Host root, String dir, String name) {
    List<String> found = new ArrayList<>();
    try {
      for (String link : root.list(dir)) {
        if (link.length() > 3
            && (link.charAt(0) == 'S' || link.charAt(0) == 'K')
            && Character.isDigit(link.charAt(1))
            && Character.isDigit(link.charAt(2))
            && link.substring(3).equals(name)) {
          found.add(link);
        }
      }
    } catch (IOException e) {
      return found;
    }
    found.sort(null);
    return found;
  }

  private static Integer redHatStop(Host root, String script) {
    try {
      Matcher m = CHKCONFIG.matcher(root.readText(script));
      return m.find() ? Integer.valueOf(m.group(2)) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
