package dev.ajar.packages;

import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * pacman (Arch Linux and derivatives), read from its local database: one directory {@code
 * DBPath/local/NAME-VERSION/} per installed package, holding {@code desc} (sections "%NAME%",
 * "%VERSION%", each followed by its value lines and a blank line) and {@code files} ("%FILES%":
 * paths relative to the root, directories with a trailing slash). DBPath is /var/lib/pacman/ unless
 * the root's /etc/pacman.conf says otherwise. The version is %VERSION% as pacman prints it:
 * [epoch:]pkgver-pkgrel.
 */
final class PacmanDatabase extends AbstractPackageDatabase {
  static final String DEFAULT_DBPATH = "/var/lib/pacman/";
  static final String CONF = "/etc/pacman.conf";
  static final long DESC_LIMIT = 4L * 1024 * 1024;
  static final long FILES_LIMIT = 64L * 1024 * 1024;
  static final long CONF_LIMIT = 1024L * 1024;

  /** DBPath per root, read once: isPresent is asked for every lookup. */
  private final Map<Host.Identity, String> dbPaths = new ConcurrentHashMap<>();

  @Override
  public String manager() {
    return "pacman";
  }

  @Override
  public boolean isPresent(Host root) {
    if (root.isDirectory(DEFAULT_DBPATH + "local")) {
      return true;
    }
    String dbPath =
        dbPaths.computeIfAbsent(root.identity(), k -> dbPath(new RootReader(root, new ParseLog())));
    return !dbPath.equals(DEFAULT_DBPATH) && root.isDirectory(dbPath + "local");
  }

  @Override
  String databaseName() {
    return DEFAULT_DBPATH + "local";
  }

  /** DBPath from the root's pacman.conf ([options] DBPath = /x/), with its trailing slash. */
  static String dbPath(RootReader reader) {
    byte[] conf = reader.readIfExists(CONF, CONF_LIMIT);
    if (conf == null) {
      return DEFAULT_DBPATH;
    }
    String section = "";
    for (String line : ControlText.lines(conf)) {
      String l = line.strip();
      if (l.startsWith("[") && l.endsWith("]")) {
        section = l.substring(1, l.length() - 1).strip();
        continue;
      }
      int eq = l.indexOf('=');
      if (section.equals("options") && eq > 0 && l.substring(0, eq).strip().equals("DBPath")) {
        String value = l.substring(eq + 1).strip();
        if (value.startsWith("/") && !ControlText.isBinary(value)) {
          return value.endsWith("/") ? value : value + "/";
        }
        reader.log().malformed(CONF, "DBPath is not an absolute path, default used");
      }
    }
    return DEFAULT_DBPATH;
  }

  @Override
  Index read(RootReader reader) {
    FileOwners owners = new FileOwners();
    String local = dbPath(reader) + "local";
    for (String entry : reader.list(local)) {
      String dir = local + "/" + entry;
      if (!reader.isDirectory(dir)) {
        continue; // ALPM_DB_VERSION
      }
      byte[] desc = reader.read(dir + "/desc", DESC_LIMIT);
      if (desc == null) {
        continue;
      }
      Map<String, List<String>> d = sections(desc);
      String name = first(d, "NAME");
      String version = first(d, "VERSION");
      if (name == null || version == null) {
        reader.log().malformed(dir + "/desc", "no %NAME% or %VERSION%, package skipped");
        continue;
      }
      PackageRef ref = new PackageRef(manager(), name, version);
      byte[] files = reader.readIfExists(dir + "/files", FILES_LIMIT);
      if (files == null) {
        owners.addPackage(ref);
        continue; // a package may own no files (a meta package)
      }
      for (String path : sections(files).getOrDefault("FILES", List.of())) {
        if (path.startsWith("/") || path.indexOf('\0') >= 0) {
          reader.log().malformed(dir + "/files", "a %FILES% entry is not a relative path");
          continue;
        }
        owners.add("/" + path, ref);
      }
    }
    return owners;
  }

  private static String first(Map<String, List<String>> sections, String name) {
    List<String> values = sections.get(name);
    return values == null || values.isEmpty() || values.getFirst().isEmpty()
        ? null
        : values.getFirst();
  }

  /** "%NAME%" headed blocks of value lines, each ended by a blank line (or the next header). */
  static Map<String, List<String>> sections(byte[] data) {
    Map<String, List<String>> result = new HashMap<>();
    List<String> current = null;
    for (String line : ControlText.lines(data)) {
      if (line.length() > 2
          && line.startsWith("%")
          && line.endsWith("%")
          && line.substring(1, line.length() - 1).chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
        current =
            result.computeIfAbsent(
                line.substring(1, line.length() - 1).toUpperCase(Locale.ROOT),
                k -> new ArrayList<>());
        continue;
      }
      if (line.isEmpty()) {
        current = null;
        continue;
      }
      if (current != null) {
        current.add(line);
      }
    }
    return result;
  }
}
