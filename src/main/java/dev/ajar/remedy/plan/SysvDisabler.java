package dev.ajar.remedy.plan;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.remedy.journal.FileChange;
import dev.ajar.remedy.journal.RenamePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SysV init: start links become stop links in every runlevel, never deleted (a package upgrade
 * re-creates deleted links). Debian: what `update-rc.d NAME disable` does (its sysv_toggle): in
 * runlevels S, 2, 3, 4 and 5 the S of each start link becomes a K, the number kept (S01x →
 * K01x). Red Hat: what `chkconfig NAME off` does (not `--del`, which
 * the next package update undoes), S55sshd → K25sshd with the stop priority of the script's
 * "# chkconfig:" header. Then the script stops the daemon.
 */
final class SysvDisabler implements Disabler {
  private static final Pattern CHKCONFIG = Pattern.compile("(?m)^#\\s*chkconfig:\\s*\\S+\\s+(\\d+)\\s+(\\d+)");

  @Override
  public String kind() {
    return "sysv";
  }

  @Override
  public DisablePlan plan(Host root, Owner owner) throws IOException {
    boolean redHat = owner.file() != null && owner.file().startsWith("/etc/rc.d/");
    String links = redHat ? "/etc/rc.d" : "/etc";
    String name = owner.entry();
    Integer stopPriority = redHat ? redHatStop(root, owner.file()) : null;
    List<FileChange> changes = new ArrayList<>();
    for (String level : redHat ? List.of("2", "3", "4", "5") : List.of("S", "2", "3", "4", "5")) {
      String dir = links + "/rc" + level + ".d";
      List<String> entries;
      try {
        entries = new ArrayList<>(root.list(dir));
      } catch (IOException e) {
        continue;
      }
      entries.sort(null);
      for (String link : entries) {
        if (link.length() > 3 && link.charAt(0) == 'S' && link.substring(3).equals(name)
            && Character.isDigit(link.charAt(1)) && Character.isDigit(link.charAt(2))) {
          int start = Integer.parseInt(link.substring(1, 3));
          int stop = stopPriority != null ? stopPriority : start;
          String to = String.format("K%02d%s", Math.min(99, stop), name);
          changes.add(new RenamePath(dir + "/" + link, dir + "/" + to));
        }
      }
    }
    if (changes.isEmpty()) {
      throw new BadInputException("sysv: no start link for '" + name + "' in " + links
          + "/rc?.d (already disabled?)");
    }
    String script = owner.file() != null ? owner.file() : "/etc/init.d/" + name;
    return new DisablePlan(changes,
        List.of(new DisablePlan.RuntimeStep("stop the daemon now", List.of(script, "stop"))),
        List.of());
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
