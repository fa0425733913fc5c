package dev.ajar.supervisors.systemd;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every .service and .socket unit of a root, loaded the way systemd 252 finds them: for each name,
 * the first directory of the search path that has it wins; a link to /dev/null (or an empty file)
 * masks the unit; a link to a unit file of another name is an alias; drop-ins (NAME.d/*.conf, also
 * of aliases, of the template, of dash prefixes and of the type) are applied in file-name order, a
 * higher directory's file hiding a lower one of the same name.
 *
 * <p>Enablement is what "systemctl enable" leaves behind: a link in some *.wants/, *.requires/ or
 * *.upholds/ directory of /etc, /usr/local/lib, /lib or /usr/lib (systemd/system), to the unit, one
 * of its aliases, or, for a template, one of its instances. Masked units are never enabled.
 */
final class UnitIndex {
  /** systemd-analyze unit-paths of Debian 12's systemd 252, in priority order. */
  static final List<String> SEARCH_PATH =
      List.of(
          "/etc/systemd/system.control",
          "/run/systemd/system.control",
          "/run/systemd/transient",
          "/run/systemd/generator.early",
          "/etc/systemd/system",
          "/etc/systemd/system.attached",
          "/run/systemd/system",
          "/run/systemd/system.attached",
          "/run/systemd/generator",
          "/usr/local/lib/systemd/system",
          "/lib/systemd/system",
          "/usr/lib/systemd/system",
          "/run/systemd/generator.late");

  /**
   * Where links mean "starts at boot". /run/systemd/system holds runtime-only links (gone after a
   * reboot); the generator directories are rebuilt at every boot (systemd-sysv-generator turns
   * rc?.d links into wants there), so theirs count.
   */
  static final Set<String> ENABLEMENT_DIRS =
      Set.of(
          "/etc/systemd/system",
          "/usr/local/lib/systemd/system",
          "/lib/systemd/system",
          "/usr/lib/systemd/system",
          "/run/systemd/generator.early",
          "/run/systemd/generator",
          "/run/systemd/generator.late");

  /** Services and sockets listen; targets, paths and timers pull them in at boot. */
  private static final Set<String> LOADED_TYPES =
      Set.of("service", "socket", "target", "path", "timer");

  private static final int MAX_ALIAS_DEPTH = 8;
  private static final long MAX_UNIT_FILE = 1 << 20;

  /**
   * A name's first file in the search path: a regular file or a link. {@code file} is where a file
   * that is not a link was seen in the listing (its lstat said regular), to read it without
   * resolving its path again; null for a link or another kind of file.
   */
  private record Fragment(String dir, String name, String link, Path file) {
    String path() {
      return dir + "/" + name;
    }
  }

  private record DropInDir(int priority, String path) {}

  private final Map<String, Unit> units;
  private final Map<String, Unit> byAlias = new HashMap<>();
  private final Set<String> wanted;
  private final Map<String, Set<String>> wantsLinks;
  private final String defaultTarget;

  private UnitIndex(
      Map<String, Unit> units,
      Set<String> wanted,
      Map<String, Set<String>> wantsLinks,
      String defaultTarget) {
    this.units = units;
    for (Unit u : units.values()) { // in name order: the first unit to claim an alias has it
      for (String alias : u.aliases()) {
        byAlias.putIfAbsent(alias, u);
      }
    }
    this.wanted = wanted;
    this.wantsLinks = wantsLinks;
    this.defaultTarget = defaultTarget;
  }

  /**
   * The members of a unit's .wants/, .requires/ and .upholds/ directories in the enablement
   * directories (what "systemctl enable" added to it), by the wanting unit's name.
   */
  Set<String> wantsLinks(String unitName) {
    return wantsLinks.getOrDefault(unitName, Set.of());
  }

  /** The unit default.target names (a link in /etc or /lib), or null when there is none. */
  String defaultTarget() {
    return defaultTarget;
  }

  /** Units by name (aliases not included), in name order. */
  Map<String, Unit> units() {
    return units;
  }

  /**
   * The unit of a name: the unit itself, the unit an alias names, or for an instance
   * ("getty@tty1.service") its template. Null when the root has no such unit.
   */
  Unit unit(String name) {
    Unit u = units.get(name);
    if (u == null) {
      u = byAlias.get(name);
    }
    if (u != null) {
      return u;
    }
    String template = templateOf(name);
    return template == null ? null : unit(template);
  }

  boolean isEnabled(Unit u) {
    if (u.masked()) {
      return false;
    }
    if (wanted.contains(u.name())) {
      return true;
    }
    for (String alias : u.aliases()) {
      if (wanted.contains(alias)) {
        return true;
      }
    }
    return false;
  }

  /** "getty@tty1.service" → "getty@.service"; null for names that are not instances. */
  static String templateOf(String name) {
    int at = name.indexOf('@');
    int dot = name.lastIndexOf('.');
    if (at <= 0 || dot < at || at + 1 == dot) {
      return null;
    }
    return name.substring(0, at + 1) + name.substring(dot);
  }

  static boolean isUnitName(String name) {
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return false;
    }
    return switch (name.substring(dot + 1)) {
      case "service",
          "socket",
          "target",
          "path",
          "timer",
          "mount",
          "automount",
          "swap",
          "slice",
          "scope",
          "device" ->
          true;
      default -> false;
    };
  }

  static UnitIndex load(Host root, Diagnostics diagnostics) {
    Map<String, Fragment> fragments = new LinkedHashMap<>();
    Map<String, List<DropInDir>> dropInDirs = new HashMap<>();
    Set<String> wanted = new HashSet<>();
    Map<String, Set<String>> wantsLinks = new HashMap<>();
    // Directories read already without a problem, where they really are: with merged /usr,
    // /lib/systemd/system is /usr/lib/systemd/system, and reading it again under its second
    // name adds nothing (every unit name is taken, every link and drop-in seen).
    Set<Path> read = new HashSet<>();
    for (int priority = 0; priority < SEARCH_PATH.size(); priority++) {
      String dir = SEARCH_PATH.get(priority);
      Path resolvedDir = resolve(root, dir);
      if (resolvedDir == null || !Files.isDirectory(resolvedDir)) {
        continue;
      }
      Path real = realPath(resolvedDir);
      if (real != null && read.contains(real)) {
        continue;
      }
      List<String> names;
      try {
        names = new ArrayList<>(root.list(dir));
      } catch (IOException e) {
        diagnostics.add(Diagnostics.Kind.UNREADABLE, dir, Errors.describe(e));
        continue;
      }
      names.sort(null);
      boolean clean = true;
      for (String name : names) {
        String path = dir + "/" + name;
        // One lstat of the name in the directory resolved once says what Host would: a link
        // (only then is the path resolved again, to follow it inside the root), a directory, a
        // file, or nothing (gone since the listing).
        BasicFileAttributes seen = lstat(resolvedDir.resolve(name));
        boolean isLink = seen != null && seen.isSymbolicLink();
        boolean isDirectory = isLink ? root.isDirectory(path) : seen != null && seen.isDirectory();
        if (name.endsWith(".d") && isDirectory) {
          dropInDirs
              .computeIfAbsent(name.substring(0, name.length() - 2), k -> new ArrayList<>())
              .add(new DropInDir(priority, path));
          continue;
        }
        if ((name.endsWith(".wants") || name.endsWith(".requires") || name.endsWith(".upholds"))
            && isDirectory) {
          if (ENABLEMENT_DIRS.contains(dir)) {
            List<String> members = listQuietly(root, path);
            wanted.addAll(members);
            wantsLinks
                .computeIfAbsent(
                    name.substring(0, name.lastIndexOf('.')), k -> new java.util.TreeSet<>())
                .addAll(members);
          }
          continue;
        }
        if (!isUnitName(name) || fragments.containsKey(name)) {
          continue;
        }
        String link = null;
        if (isLink) {
          try {
            link = root.readLink(path);
          } catch (IOException e) {
            diagnostics.add(Diagnostics.Kind.UNREADABLE, path, Errors.describe(e));
            clean = false;
            continue;
          }
        } else if (isDirectory) {
          continue;
        }
        Path file =
            !isLink && seen != null && seen.isRegularFile() ? resolvedDir.resolve(name) : null;
        fragments.put(name, new Fragment(dir, name, link, file));
      }
      if (clean && real != null) {
        read.add(real);
      }
    }
    // An enabled instance enables its template.
    for (String w : List.copyOf(wanted)) {
      String template = templateOf(w);
      if (template != null) {
        wanted.add(template);
      }
    }
    Map<String, List<String>> aliases = new HashMap<>();
    for (Fragment f : fragments.values()) {
      String target = aliasTarget(f);
      if (target != null) {
        aliases.computeIfAbsent(target, k -> new ArrayList<>()).add(f.name());
      }
    }
    Map<String, Unit> units = new TreeMap<>();
    for (Fragment f : fragments.values()) {
      if (aliasTarget(f) != null) {
        continue;
      }
      if (!LOADED_TYPES.contains(f.name().substring(f.name().lastIndexOf('.') + 1))) {
        continue;
      }
      List<String> names = new ArrayList<>(aliases.getOrDefault(f.name(), List.of()));
      // Aliases of aliases (a → b → c): all are names of c.
      for (int depth = 0; depth < MAX_ALIAS_DEPTH; depth++) {
        boolean grew = false;
        for (String n : List.copyOf(names)) {
          for (String more : aliases.getOrDefault(n, List.of())) {
            if (!names.contains(more) && !more.equals(f.name())) {
              names.add(more);
              grew = true;
            }
          }
        }
        if (!grew) {
          break;
        }
      }
      names.sort(null);
      Unit u = loadUnit(root, f, names, dropInDirs, diagnostics);
      if (u != null) {
        units.put(u.name(), u);
      }
    }
    String defaultTarget = null;
    Fragment defaultFragment = fragments.get("default.target");
    if (defaultFragment != null) {
      defaultTarget =
          defaultFragment.link() == null ? "default.target" : aliasTarget(defaultFragment);
    }
    return new UnitIndex(units, wanted, wantsLinks, defaultTarget);
  }

  /** The unit name a link aliases, or null when the fragment is not an alias. */
  private static String aliasTarget(Fragment f) {
    if (f.link() == null || f.link().equals("/dev/null")) {
      return null;
    }
    String base = f.link().substring(f.link().lastIndexOf('/') + 1);
    if (base.equals(f.name()) || !isUnitName(base)) {
      return null;
    }
    return base;
  }

  private static Unit loadUnit(
      Host root,
      Fragment f,
      List<String> aliases,
      Map<String, List<DropInDir>> dropInDirs,
      Diagnostics diagnostics) {
    if ("/dev/null".equals(f.link())) {
      return new Unit(f.name(), f.path(), true, aliases, List.of(), List.of());
    }
    String file = f.path();
    if (f.link() != null) {
      // A link to a file of the same name elsewhere ("systemctl link"): that file is the unit.
      file = f.link().startsWith("/") ? normalize(f.link()) : normalize(f.dir() + "/" + f.link());
    }
    String text =
        f.file() != null
            ? readSeen(f.path(), f.file(), diagnostics)
            : read(root, f.path(), diagnostics);
    if (text == null) {
      return null;
    }
    if (text.isEmpty()) {
      return new Unit(f.name(), f.path(), true, aliases, List.of(), List.of());
    }
    List<UnitFileParser.Setting> settings = new ArrayList<>(parse(f.path(), text, diagnostics));
    List<String> applied = new ArrayList<>();
    for (String dropIn : dropIns(root, f.name(), aliases, dropInDirs)) {
      String dropInText = read(root, dropIn, diagnostics);
      if (dropInText != null) {
        settings.addAll(parse(dropIn, dropInText, diagnostics));
        applied.add(dropIn);
      }
    }
    return new Unit(f.name(), file, false, aliases, applied, settings);
  }

  /** The drop-in files that apply to a unit, in the order systemd applies them. */
  private static List<String> dropIns(
      Host root, String name, List<String> aliases, Map<String, List<DropInDir>> dropInDirs) {
    List<String> keys = new ArrayList<>();
    keys.add(name);
    keys.addAll(aliases);
    String template = templateOf(name);
    if (template != null) {
      keys.add(template);
    }
    int dot = name.lastIndexOf('.');
    String stem = name.substring(0, dot);
    String type = name.substring(dot + 1);
    for (int dash = stem.indexOf('-'); dash >= 0; dash = stem.indexOf('-', dash + 1)) {
      keys.add(stem.substring(0, dash + 1) + "." + type);
    }
    keys.add(type);
    List<DropInDir> dirs = new ArrayList<>();
    for (String key : keys) {
      dirs.addAll(dropInDirs.getOrDefault(key, List.of()));
    }
    dirs.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
    Map<String, String> byName = new TreeMap<>();
    for (DropInDir d : dirs) {
      for (String file : listQuietly(root, d.path())) {
        if (!file.endsWith(".conf") || byName.containsKey(file)) {
          continue;
        }
        String path = d.path() + "/" + file;
        boolean masked = false;
        if (root.isSymbolicLink(path)) {
          try {
            masked = root.readLink(path).equals("/dev/null");
          } catch (IOException e) {
            masked = false;
          }
        }
        byName.put(file, masked || !root.isRegularFile(path) ? null : path);
      }
    }
    List<String> result = new ArrayList<>();
    for (String path : byName.values()) {
      if (path != null) {
        result.add(path);
      }
    }
    return result;
  }

  private static List<UnitFileParser.Setting> parse(
      String path, String text, Diagnostics diagnostics) {
    UnitFileParser.Parsed parsed = UnitFileParser.parse(text);
    for (UnitFileParser.Problem p : parsed.problems()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, path + ":" + p.line(), p.message());
    }
    for (UnitFileParser.Setting s : parsed.settings()) {
      boolean ip = s.key().equals("ListenStream") || s.key().equals("ListenDatagram");
      if (ip && s.section().equals("Socket") && !s.value().isEmpty()) {
        String error = UnitValues.parseListen(s.value()).error();
        if (error != null) {
          diagnostics.add(
              Diagnostics.Kind.MALFORMED, path + ":" + s.line(), s.key() + "=: " + error);
        }
      }
    }
    return parsed.settings();
  }

  private static String read(Host root, String path, Diagnostics diagnostics) {
    if (!root.exists(path)) {
      diagnostics.add(Diagnostics.Kind.UNREADABLE, path, "dangling link: no such file");
      return null;
    }
    if (!root.isRegularFile(path)) {
      diagnostics.add(Diagnostics.Kind.SKIPPED, path, "not a regular file: not read");
      return null;
    }
    try {
      return new String(root.read(path, MAX_UNIT_FILE), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return unreadable(path, e, diagnostics);
    }
  }

  /** Says why a unit file could not be read; null, for the caller to return. */
  private static String unreadable(String path, IOException e, Diagnostics diagnostics) {
    diagnostics.add(
        Diagnostics.Kind.UNREADABLE,
        path,
        e instanceof NoSuchFileException ? "dangling link: no such file" : Errors.describe(e));
    return null;
  }

  /**
   * A unit file the listing saw as a regular file, read from where it was seen (as Host.read would,
   * but without resolving its path again); what went wrong since is said as {@link #read} says it.
   */
  private static String readSeen(String path, Path file, Diagnostics diagnostics) {
    try {
      byte[] data = Host.readResolved(file, path, MAX_UNIT_FILE, LinkOption.NOFOLLOW_LINKS);
      return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return unreadable(path, e, diagnostics);
    }
  }

  /** Where a directory of the root is (links followed inside it), or null. */
  private static Path resolve(Host root, String dir) {
    try {
      return root.resolve(dir);
    } catch (IOException e) {
      return null;
    }
  }

  /** Where a resolved directory really is, or null. */
  private static Path realPath(Path resolved) {
    try {
      return resolved.toRealPath();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The path's own attributes (a link not followed), or null when it cannot be seen. */
  private static BasicFileAttributes lstat(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private static List<String> listQuietly(Host root, String dir) {
    try {
      List<String> names = new ArrayList<>(root.list(dir));
      names.sort(null);
      return names;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** "/lib/systemd/system/../x" → "/lib/systemd/x", lexically. */
  static String normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(p);
      }
    }
    return "/" + String.join("/", parts);
  }
}
