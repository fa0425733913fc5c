package dev.ajar.packages;

import java.util.ArrayList;
import java.util.List;

/** dpkg's relationship fields (Depends, Pre-Depends, Provides), parsed. */
final class DpkgRelations {
  private DpkgRelations() {}

  /**
   * The groups of a Depends or Pre-Depends value, each a list of alternative package names,
   * versions, architecture qualifiers and restrictions dropped: "debconf (>= 0.5) | debconf-2.0,
   * libc6:any (>= 2.34) [amd64]" → [[debconf, debconf-2.0], [libc6]].
   */
  static List<List<String>> groups(String value) {
    List<List<String>> groups = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return groups;
    }
    for (String group : value.split(",")) {
      List<String> alternatives = new ArrayList<>();
      for (String alternative : group.split("\\|")) {
        String name = name(alternative);
        if (!name.isEmpty()) {
          alternatives.add(name);
        }
      }
      if (!alternatives.isEmpty()) {
        groups.add(alternatives);
      }
    }
    return groups;
  }

  /** The names of a Provides value: "default-mta, exim4-localscanapi-6.0 (= 6.0)" → both names. */
  static List<String> names(String value) {
    List<String> names = new ArrayList<>();
    for (List<String> group : groups(value)) {
      names.addAll(group);
    }
    return names;
  }

  /** "libc6:any (>= 2.34) [amd64] <!nocheck>" → "libc6". */
  private static String name(String alternative) {
    String s = alternative.strip();
    int end = 0;
    while (end < s.length() && " (\t[<:".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    return s.substring(0, end);
  }
}
