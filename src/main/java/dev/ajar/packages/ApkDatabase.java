package dev.ajar.packages;

import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Alpine's apk, read from its installed database {@code /lib/apk/db/installed} (or
 * /usr/lib/apk/db/installed where the root keeps it there). One stanza per package, stanzas
 * separated by a blank line, each line "X:value" with a one-letter key: P name, V version (as apk
 * prints it, e.g. 1.2.4-r2), F a directory relative to the root, R a file in the directory of the
 * last F (a, Z, M and the rest are not needed here).
 */
final class ApkDatabase extends AbstractPackageDatabase {
  static final List<String> INSTALLED =
      List.of("/lib/apk/db/installed", "/usr/lib/apk/db/installed");

  static final long LIMIT = 256L * 1024 * 1024;

  @Override
  public String manager() {
    return "apk";
  }

  @Override
  public boolean isPresent(Host root) {
    for (String path : INSTALLED) {
      if (root.exists(path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  String databaseName() {
    return INSTALLED.getFirst();
  }

  @Override
  Index read(RootReader reader) {
    FileOwners owners = new FileOwners();
    for (String path : INSTALLED) {
      if (reader.exists(path)) {
        byte[] data = reader.read(path, LIMIT);
        if (data != null) {
          parse(data, path, owners, reader.log());
        }
        break; // the first one is the database; /lib and /usr/lib are often one directory
      }
    }
    return owners;
  }

  private void parse(byte[] data, String file, FileOwners owners, ParseLog log) {
    String name = null;
    String version = null;
    String dir = null;
    List<String> files = new ArrayList<>();
    int badLines = 0;
    int orphanFiles = 0;
    int incomplete = 0;
    List<String> lines = ControlText.lines(data);
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "";
      if (line.isEmpty()) {
        if (name != null || version != null || !files.isEmpty()) {
          if (name == null || version == null || name.isEmpty()) {
            incomplete++;
          } else {
            PackageRef ref = new PackageRef(manager(), name, version);
            for (String f : files) {
              owners.add(f, ref);
            }
          }
        }
        name = null;
        version = null;
        dir = null;
        files.clear();
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':' || ControlText.isBinary(line)) {
        badLines++;
        continue;
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'P' -> name = value;
        case 'V' -> version = value;
        case 'F' -> dir = value;
        case 'R' -> {
          if (dir == null || value.isEmpty() || value.contains("/")) {
            orphanFiles++;
          } else {
            files.add(dir.isEmpty() ? "/" + value : "/" + dir + "/" + value);
          }
        }
        default -> {
          // C, A, S, I, T, U, L, o, m, t, c, D, p, i, r, q, k, M, a, Z, ...: not needed
        }
      }
    }
    if (badLines > 0) {
      log.malformed(file, badLines + " lines are not 'X:value', skipped");
    }
    if (orphanFiles > 0) {
      log.malformed(file, orphanFiles + " R: lines without a directory (F:) before, skipped");
    }
    if (incomplete > 0) {
      log.malformed(file, incomplete + " stanzas without P: or V:, skipped");
    }
  }
}
