package dev.ajar.supervisors.openrc;

import dev.ajar.change.FileChange;
import dev.ajar.change.RemovePath;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenRC: what `rc-update del NAME` does in every runlevel (the links in /etc/runlevels/LEVEL).
 * OpenRC has no mask: a service that an enabled one needs ("need NAME", or a name it "provide"s) is
 * still started; the notes say which.
 */
final class OpenrcDisabler implements Disabler {
  static final String RUNLEVELS = "/etc/runlevels";

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
    List<String> notes = neededBy(root, name, levels);
    return new DisablePlan(
        changes,
        List.of(
            new DisablePlan.RuntimeStep(
                "stop the daemon now", List.of("rc-service", name, "stop"))),
        notes);
  }

  /** A script's dependencies: the names of its "need" lines and of its "provide" lines. */
  record Depends(List<String> needs, List<String> provides) {
    /**
     * Both from the lines of depend() (variables left out: they are set at run time).
     *
     * <pre>
     *   need portmap ${myneed}
     *   provide portmap
     * </pre>
     */
    static Depends parse(String script) {
      List<String> needs = new ArrayList<>();
      List<String> provides = new ArrayList<>();
      for (String line : script.split("\n")) {
        String[] words = line.trim().split("\\s+");
        List<String> into =
            words[0].equals("need") ? needs : words[0].equals("provide") ? provides : null;
        for (int i = 1; into != null && i < words.length && !words[i].startsWith("#"); i++) {
          if (!words[i].startsWith("$") && !words[i].isEmpty()) {
            into.add(words[i].replaceAll(";$", ""));
          }
        }
      }
      return new Depends(needs, provides);
    }
  }

  /**
   * Notes for every service OpenRC still starts (in a runlevel, or needed by one that is) that
   * needs this one, by its name or a name it provides.
   */
  private static List<String> neededBy(Host root, String name, List<String> levels) {
    java.util.Map<String, Depends> scripts = new java.util.TreeMap<>();
    try {
      for (String script : root.list("/etc/init.d")) {
        try {
          scripts.put(script, Depends.parse(root.readText("/etc/init.d/" + script)));
        } catch (IOException e) {
          // not readable: nothing to say about it
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    List<String> names = new ArrayList<>(List.of(name));
    names.addAll(scripts.getOrDefault(name, new Depends(List.of(), List.of())).provides());
    java.util.Set<String> started = new java.util.TreeSet<>();
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
    for (String level : levels) {
      for (String script : scripts.keySet()) {
        if (!script.equals(name) && root.isSymbolicLink(RUNLEVELS + "/" + level + "/" + script)) {
          queue.add(script);
        }
      }
    }
    while (!queue.isEmpty()) {
      String script = queue.poll();
      if (script.equals(name) || !started.add(script)) {
        continue;
      }
      for (String needed :
          scripts.getOrDefault(script, new Depends(List.of(), List.of())).needs()) {
        scripts.forEach(
            (other, d) -> {
              if (other.equals(needed) || d.provides().contains(needed)) {
                queue.add(other);
              }
            });
      }
    }
    List<String> notes = new ArrayList<>();
    for (String script : started) {
      for (String needed : scripts.get(script).needs()) {
        if (names.contains(needed)) {
          notes.add(
              script
                  + " is started and needs "
                  + needed
                  + (needed.equals(name) ? "" : " (provided by " + name + ")")
                  + ": OpenRC starts "
                  + name
                  + " for it even outside a runlevel");
        }
      }
    }
    return notes;
  }
}
