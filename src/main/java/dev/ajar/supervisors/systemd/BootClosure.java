package dev.ajar.supervisors.systemd;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The units systemd starts at boot: default.target and, transitively, what each started unit wants,
 * requires, binds to or upholds (the [Unit] settings and the .wants/ .requires/ .upholds/ links
 * "systemctl enable" made), plus the service each started .path or .timer triggers. Socket units
 * start listening; the services they activate are not started by the closure.
 */
final class BootClosure {
  private static final List<String> PULLING_KEYS =
      List.of("Wants", "Requires", "BindsTo", "Upholds");

  private BootClosure() {}

  /**
   * Unit name (as the index names it: aliases resolved, instances kept) → the unit that pulled it
   * in ("" for default.target itself). Empty when the root has no default.target.
   */
  static Map<String, String> of(UnitIndex index) {
    Map<String, String> started = new LinkedHashMap<>();
    String start = index.defaultTarget();
    if (start == null) {
      return started;
    }
    Deque<String> queue = new ArrayDeque<>();
    started.put(start, "");
    queue.add(start);
    while (!queue.isEmpty()) {
      String name = queue.poll();
      Unit unit = index.unit(name);
      for (String member : pulledIn(index, name, unit)) {
        Unit target = index.unit(member);
        if (target == null || target.masked()) {
          continue;
        }
        // An alias is the same unit: one entry under its real name (instances keep theirs).
        String key = target.aliases().contains(member) ? target.name() : member;
        if (started.putIfAbsent(key, name) == null) {
          queue.add(key);
        }
      }
    }
    return started;
  }

  private static List<String> pulledIn(UnitIndex index, String name, Unit unit) {
    List<String> members = new java.util.ArrayList<>(index.wantsLinks(name));
    if (unit == null) {
      return members;
    }
    if (!unit.name().equals(name)) {
      members.addAll(index.wantsLinks(unit.name()));
    }
    for (String alias : unit.aliases()) {
      members.addAll(index.wantsLinks(alias));
    }
    for (UnitFileParser.Setting s : unit.settings()) {
      if (s.section().equals("Unit") && PULLING_KEYS.contains(s.key())) {
        for (String word : s.value().trim().split("\\s+")) {
          if (!word.isEmpty()) {
            members.add(word);
          }
        }
      }
    }
    if (name.endsWith(".path") || name.endsWith(".timer")) {
      String section = name.endsWith(".path") ? "Path" : "Timer";
      String triggered = unit.last(section, "Unit");
      members.add(
          triggered != null && !triggered.isEmpty()
              ? triggered
              : name.substring(0, name.lastIndexOf('.')) + ".service");
    }
    return members;
  }
}
