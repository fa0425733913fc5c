package dev.ajar.packages;

import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Debian's dpkg, read from its admin directory /var/lib/dpkg:
 *
 * <ul>
 *   <li>{@code status}: one stanza per package ("Package:", "Status: want flag state", "Version:",
 *       "Architecture:", "Multi-Arch:"). A package counts while its files are on disk: states
 *       installed, triggers-pending, triggers-awaited, half-configured, unpacked and
 *       half-installed; not-installed and config-files do not (only conffiles, if anything,
 *       remain).
 *   <li>{@code info/NAME.list}: the files of each package, one absolute path a line, as in the .deb
 *       (before any diversion). "Multi-Arch: same" packages have "NAME:ARCH.list".
 *   <li>{@code diversions}: triples of lines "from", "to", "package" ({@code :} for a local
 *       diversion made by the administrator). dpkg installs every other package's copy of "from" at
 *       "to"; only the diverting package's own copy stays at "from".
 * </ul>
 *
 * <p>So the file at a divert target ("to") belongs to the package other than the diverter that
 * ships "from" (e.g. libpq-dev's pg_config at /usr/bin/pg_config.libpq-dev, diverted by
 * postgresql-common); the file at a diverted path ("from") belongs to the diverter if it ships that
 * path, and to no package otherwise (a local diversion: the administrator's own file).
 *
 * <p>Names are printed as {@code dpkg -S} does: "libtirpc3:amd64" for Multi-Arch: same packages and
 * for packages of a foreign architecture (dpkg's own architecture is the native one), the plain
 * name otherwise. The version is the Version field as it stands, epoch included
 * ("1:9.2p1-2+deb12u10"). If status cannot be read at all, owners from the .list files are still
 * given, with an empty version (and a diagnostic saying why); never a null one.
 */
public final class DpkgDatabase extends AbstractPackageDatabase {
  static final String ADMIN = "/var/lib/dpkg";
  static final String STATUS = ADMIN + "/status";
  static final String INFO = ADMIN + "/info";
  static final String DIVERSIONS = ADMIN + "/diversions";

  static final long STATUS_LIMIT = 128L * 1024 * 1024;
  static final long LIST_LIMIT = 64L * 1024 * 1024;
  static final long DIVERSIONS_LIMIT = 16L * 1024 * 1024;

  private static final List<String> RELATION_FIELDS =
      List.of("essential", "protected", "priority", "depends", "pre-depends", "provides");

  /** States in which a package's files are on disk (dpkg's pkgstatus names). */
  static final Set<String> FILES_ON_DISK =
      Set.of(
          "installed",
          "triggers-pending",
          "triggers-awaited",
          "half-configured",
          "unpacked",
          "half-installed");

  @Override
  public String manager() {
    return "dpkg";
  }

  @Override
  public boolean isPresent(Host root) {
    return root.exists(STATUS) || root.isDirectory(INFO);
  }

  @Override
  String databaseName() {
    return ADMIN;
  }

  /**
   * One package's stanza in status, the fields ajar needs.
   *
   * @param relations the lower-cased fields Essential, Protected, Priority, Depends, Pre-Depends
   *     and Provides, those present
   */
  record Stanza(
      String name,
      String state,
      String version,
      String architecture,
      String multiArch,
      Map<String, String> relations) {
    /** "Essential: yes", "Protected: yes" or "Priority: required", or null for none of them. */
    String baseSystemField() {
      if ("yes".equalsIgnoreCase(relations.get("essential"))) {
        return "Essential: yes";
      }
      if ("yes".equalsIgnoreCase(relations.get("protected"))) {
        return "Protected: yes";
      }
      if ("required".equalsIgnoreCase(relations.get("priority"))) {
        return "Priority: required";
      }
      return null;
    }

    boolean filesOnDisk() {
      return state != null && FILES_ON_DISK.contains(state);
    }

    boolean multiArchSame() {
      return "same".equalsIgnoreCase(multiArch);
    }

    /** As dpkg -S prints it: with ":arch" when the plain name would be ambiguous. */
    String displayName(String nativeArch) {
      boolean foreign =
          architecture != null
              && !architecture.isEmpty()
              && !architecture.equals("all")
              && nativeArch != null
              && !architecture.equals(nativeArch);
      return (multiArchSame() || foreign) && architecture != null && !architecture.isEmpty()
          ? name + ":" + architecture
          : name;
    }
  }

  /** One line triple of the diversions file. */
  record Diversion(String from, String to, String by) {
    boolean isLocal() {
      return by.equals(":");
    }
  }

  /** The installed packages of a status file, by "name" and "name:arch". */
  static final class Status {
    final Map<String, List<Stanza>> byName = new HashMap<>();
    final Map<String, Stanza> byNameArch = new HashMap<>();
    String nativeArch;

    /** The stanza of a .list file's name ("name" or "name:arch"), or null. */
    Stanza forList(String listName) {
      int colon = listName.indexOf(':');
      if (colon >= 0) {
        return byNameArch.get(listName);
      }
      List<Stanza> stanzas = byName.get(listName);
      if (stanzas == null) {
        return null;
      }
      if (stanzas.size() == 1) {
        return stanzas.getFirst();
      }
      for (Stanza s : stanzas) {
        if (!s.multiArchSame()) {
          return s;
        }
      }
      return null;
    }
  }

  @Override
  Index read(RootReader reader) {
    ParseLog log = reader.log();
    byte[] statusBytes = reader.read(STATUS, STATUS_LIMIT);
    Status status = statusBytes == null ? null : parseStatus(statusBytes, log);

    Map<String, Diversion> byFrom = new HashMap<>();
    Map<String, Diversion> byTo = new HashMap<>();
    byte[] diversionBytes = reader.readIfExists(DIVERSIONS, DIVERSIONS_LIMIT);
    if (diversionBytes != null) {
      for (Diversion d : parseDiversions(diversionBytes, log)) {
        byFrom.putIfAbsent(d.from(), d);
        byTo.putIfAbsent(d.to(), d);
      }
    }

    DpkgFiles owners = new DpkgFiles(byFrom.keySet());
    // Every package that ships a diverted path, with its plain name to compare with the diverter.
    Map<String, List<Shipper>> shippers = new HashMap<>();
    if (!reader.isDirectory(INFO)) {
      if (status != null || reader.exists(INFO)) {
        log.add(Kind.UNREADABLE, INFO, "no such directory");
      }
      return Index.EMPTY;
    }
    for (String file : reader.list(INFO)) {
      if (!file.endsWith(".list") || file.length() == ".list".length()) {
        continue;
      }
      String listName = file.substring(0, file.length() - ".list".length());
      PackageRef ref;
      String plainName;
      if (status == null) {
        int colon = listName.indexOf(':');
        plainName = colon < 0 ? listName : listName.substring(0, colon);
        ref = new PackageRef(manager(), listName, "");
      } else {
        Stanza stanza = status.forList(listName);
        if (stanza == null) {
          continue; // not installed (config-files, purged but left behind): owns nothing
        }
        plainName = stanza.name();
        ref =
            new PackageRef(
                manager(),
                stanza.displayName(status.nativeArch),
                stanza.version() == null ? "" : stanza.version());
      }
      byte[] list = reader.read(INFO + "/" + file, LIST_LIMIT);
      if (list == null) {
        continue;
      }
      Shipper shipper = new Shipper(plainName, ref);
      int junk =
          owners.add(
              list,
              ref,
              path -> shippers.computeIfAbsent(path, p -> new ArrayList<>()).add(shipper));
      if (junk > 0) {
        log.malformed(INFO + "/" + file, junk + " lines are not absolute paths, skipped");
      }
    }
    return new Index() {
      @Override
      public Optional<PackageRef> owner(String path) {
        return DpkgDatabase.owner(path, owners, byFrom, byTo, shippers);
      }

      @Override
      public Essential essential(PackageRef pkg) {
        Stanza stanza = status == null ? null : status.forList(pkg.name());
        if (stanza == null) {
          return Essential.unknown(
              status == null ? STATUS + " could not be read" : pkg.name() + " is not installed");
        }
        String field = stanza.baseSystemField();
        return field == null
            ? Essential.no("Priority: " + stanza.relations().getOrDefault("priority", "unset"))
            : Essential.yes(field);
      }

      @Override
      public Optional<List<PackageRef>> alsoRemoved(List<PackageRef> pkgs) {
        return status == null
            ? Optional.empty()
            : Optional.of(DpkgDatabase.alsoRemoved(status, pkgs, manager()));
      }

      @Override
      public List<String> files(PackageRef pkg) {
        return whereOnDisk(pkg, owners.files(pkg), byFrom);
      }
    };
  }

  /**
   * A package's listed paths where dpkg put them: a path another package diverts is at the
   * diversion's target (a local diversion's too), the diverter's own copy stays.
   */
  private static List<String> whereOnDisk(
      PackageRef pkg, List<String> listed, Map<String, Diversion> byFrom) {
    if (byFrom.isEmpty()) {
      return listed;
    }
    String plain =
        pkg.name().contains(":") ? pkg.name().substring(0, pkg.name().indexOf(':')) : pkg.name();
    List<String> paths = new ArrayList<>(listed.size());
    for (String path : listed) {
      Diversion d = byFrom.get(path);
      paths.add(d != null && (d.isLocal() || !d.by().equals(plain)) ? d.to() : path);
    }
    return List.copyOf(paths);
  }

  private record Shipper(String name, PackageRef ref) {}

  private static Optional<PackageRef> owner(
      String path,
      DpkgFiles owners,
      Map<String, Diversion> byFrom,
      Map<String, Diversion> byTo,
      Map<String, List<Shipper>> shippers) {
    Diversion target = byTo.get(path);
    if (target != null) {
      // The diverted-away copy: shipped as "from" by a package other than the diverter.
      for (Shipper s : shippers.getOrDefault(target.from(), List.of())) {
        if (target.isLocal() || !s.name().equals(target.by())) {
          return Optional.of(s.ref());
        }
      }
      return owners.owner(path);
    }
    Diversion diverted = byFrom.get(path);
    if (diverted != null) {
      // Only the diverter's own copy stays here; anyone else's went to diverted.to().
      for (Shipper s : shippers.getOrDefault(path, List.of())) {
        if (!diverted.isLocal() && s.name().equals(diverted.by())) {
          return Optional.of(s.ref());
        }
      }
      return Optional.empty();
    }
    return owners.owner(path);
  }

  /**
   * The version of {@code name} ("fingerd", "libfoo:amd64") installed in the root now, read afresh
   * from status (not from any cache: for checking right before and after a change); null when it is
   * not installed.
   */
  public static String installedVersion(Host root, String name) throws java.io.IOException {
    Status status = parseStatus(root.read(STATUS, STATUS_LIMIT), new ParseLog());
    Stanza stanza = status.forList(name);
    return stanza == null ? null : stanza.version();
  }

  /** Parses a status file; stanzas that are not understood are logged and skipped. */
  static Status parseStatus(byte[] data, ParseLog log) {
    Status status = new Status();
    Map<String, String> fields = new HashMap<>();
    int badLines = 0;
    boolean inStanza = false;
    int n = data.length;
    // Line by line as ControlText.lines would split them, and one blank line after the last;
    // the continuation lines of multi-line fields (most of the file) are never decoded.
    for (int start = 0; start <= n; ) {
      String line;
      if (start == n) {
        line = "";
        start++;
      } else {
        int end = start;
        while (end < n && data[end] != '\n') {
          end++;
        }
        int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
        int from = start;
        start = end + 1;
        if (start > n) {
          start = n; // a last line without "\n": the blank one follows
        }
        if (stop > from
            && (data[from] == ' ' || data[from] == '\t')
            && !isBlank(data, from, stop)) {
          inStanza = true;
          continue; // continuation of a multi-line field (Description, Conffiles)
        }
        line = ControlText.decode(data, from, stop);
      }
      if (line.isBlank()) {
        if (inStanza) {
          addStanza(status, fields, log);
          fields.clear();
          inStanza = false;
        }
        continue;
      }
      inStanza = true;
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        continue; // continuation of a multi-line field (Description, Conffiles)
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || ControlText.isBinary(line)) {
        badLines++;
        continue;
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      fields.putIfAbsent(name, line.substring(colon + 1).strip());
    }
    if (badLines > 0) {
      log.malformed(STATUS, badLines + " lines are not 'Field: value', skipped");
    }
    return status;
  }

  /** Whether the line's text {@link String#isBlank is blank}. */
  private static boolean isBlank(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] < 0) {
        return ControlText.decode(data, from, to).isBlank();
      }
      if (!Character.isWhitespace((char) data[i])) {
        return false;
      }
    }
    return true;
  }

  private static void addStanza(Status status, Map<String, String> fields, ParseLog log) {
    String name = fields.get("package");
    if (name == null || name.isEmpty()) {
      log.malformed(STATUS, "stanza without a Package field, skipped");
      return;
    }
    String state = null;
    String statusField = fields.get("status");
    if (statusField != null) {
      String[] words = statusField.split("\\s+");
      if (words.length == 3) {
        state = words[2];
      }
    }
    if (state == null) {
      log.malformed(STATUS, "stanza without a 'Status: want flag state' field, skipped");
      return;
    }
    Map<String, String> relations = new HashMap<>();
    for (String field : RELATION_FIELDS) {
      if (fields.containsKey(field)) {
        relations.put(field, fields.get(field));
      }
    }
    Stanza stanza =
        new Stanza(
            name,
            state,
            fields.get("version"),
            fields.get("architecture"),
            fields.get("multi-arch"),
            Map.copyOf(relations));
    if (!stanza.filesOnDisk()) {
      return;
    }
    if (stanza.version() == null) {
      log.malformed(STATUS, "installed package without a Version field");
    }
    if (name.equals("dpkg") && stanza.architecture() != null) {
      status.nativeArch = stanza.architecture();
    }
    status.byName.computeIfAbsent(name, n -> new ArrayList<>()).add(stanza);
    if (stanza.architecture() != null) {
      status.byNameArch.putIfAbsent(name + ":" + stanza.architecture(), stanza);
    }
  }

  /** Parses a diversions file: triples of lines; a broken triple is logged and skipped. */
  static List<Diversion> parseDiversions(byte[] data, ParseLog log) {
    List<String> lines = ControlText.lines(data);
    List<Diversion> result = new ArrayList<>();
    int bad = 0;
    int complete = lines.size() - lines.size() % 3;
    for (int i = 0; i < complete; i += 3) {
      String from = lines.get(i);
      String to = lines.get(i + 1);
      String by = lines.get(i + 2);
      if (!from.startsWith("/") || !to.startsWith("/") || by.isEmpty() || by.startsWith("/")) {
        bad++;
        continue;
      }
      result.add(new Diversion(PackagePaths.normalize(from), PackagePaths.normalize(to), by));
    }
    if (bad > 0) {
      log.malformed(DIVERSIONS, bad + " entries are not 'from, to, package' lines, skipped");
    }
    if (complete != lines.size()) {
      log.malformed(DIVERSIONS, "ends in an incomplete entry (not three lines), ignored");
    }
    return result;
  }

  /**
   * The installed packages that removing {@code pkgs} would leave with a dependency no other
   * installed package satisfies (Depends and Pre-Depends, by name or Provides), transitively, as
   * apt-get remove would take them too. Versions are not compared: a remaining provider of the
   * wrong version counts as satisfying.
   */
  static List<PackageRef> alsoRemoved(Status status, List<PackageRef> pkgs, String manager) {
    java.util.Set<Stanza> removed = new java.util.HashSet<>();
    for (PackageRef p : pkgs) {
      Stanza s = status.forList(p.name());
      if (s != null) {
        removed.add(s);
      }
    }
    java.util.Set<Stanza> targets = java.util.Set.copyOf(removed);
    // Who satisfies each name: the package itself and whoever Provides it.
    Map<String, List<Stanza>> providers = new HashMap<>();
    List<Stanza> installed = new ArrayList<>();
    for (List<Stanza> stanzas : status.byName.values()) {
      for (Stanza s : stanzas) {
        installed.add(s);
        providers.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
        for (String provided : DpkgRelations.names(s.relations().get("provides"))) {
          providers.computeIfAbsent(provided, n -> new ArrayList<>()).add(s);
        }
      }
    }
    installed.sort(java.util.Comparator.comparing(Stanza::name));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Stanza s : installed) {
        if (!removed.contains(s) && broken(s, removed, providers)) {
          removed.add(s);
          grew = true;
        }
      }
    }
    List<PackageRef> also = new ArrayList<>();
    for (Stanza s : installed) {
      if (removed.contains(s) && !targets.contains(s)) {
        also.add(
            new PackageRef(
                manager, s.displayName(status.nativeArch), s.version() == null ? "" : s.version()));
      }
    }
    return also;
  }

  private static boolean broken(
      Stanza s, java.util.Set<Stanza> removed, Map<String, List<Stanza>> providers) {
    for (String field : List.of("pre-depends", "depends")) {
      for (List<String> group : DpkgRelations.groups(s.relations().get(field))) {
        boolean satisfied = false;
        for (String name : group) {
          for (Stanza provider : providers.getOrDefault(name, List.of())) {
            satisfied |= !removed.contains(provider);
          }
        }
        if (!satisfied) {
          return true;
        }
      }
    }
    return false;
  }
}
