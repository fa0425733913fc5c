package dev.ajar.remedy.plan;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.remedy.journal.FileChange;
import dev.ajar.remedy.journal.RemovePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenRC: what `rc-update del NAME` does in every runlevel (the links in /etc/runlevels/LEVEL).
 * OpenRC has no mask: a service another enabled one needs is still started, which the notes say
 * when a script declares it.
 */
final class OpenrcDisabler implements Disabler {
  static final String RUNLEVELS = "/etc/runlevels";

  @Override
  public String kind() {
    return "openrc";
  }

  @Override
  public DisablePlan plan(Host root, Owner owner) throws IOException {
    String name = owner.entry();
    List<FileChange> changes = new ArrayList<>();
    List<String> levels = new ArrayList<>(root.list(RUNLEVELS));
    levels.sort(null);
    for (String level : levels) {
      String link = RUNLEVELS + "/" + level + "/" + name;
      if (root.isSymbolicLink(link) || root.exists(link)) {
        changes.add(new RemovePath(link));
      }
    }
    if (changes.isEmpty()) {
      throw new BadInputException("openrc: '" + name + "' is in no runlevel (already disabled?)");
    }
    List<String> notes = new ArrayList<>();
    for (String script : root.list("/etc/init.d")) {
      try {
        String text = root.readText("/etc/init.d/" + script);
        for (String line : text.split("\n")) {
          String l = line.trim();
          if (l.startsWith("need ") && List.of(l.substring(5).split("\\s+")).contains(name)) {
            notes.add(script + " needs " + name + ": it starts it even outside a runlevel");
          }
        }
      } catch (IOException e) {
        // not readable: nothing to say
      }
    }
    return new DisablePlan(changes,
        List.of(new DisablePlan.RuntimeStep("stop the daemon now", List.of("rc-service", name, "stop"))),
        notes);
  }
}
