package dev.ajar.packages;

import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * rpm's database, read from rpmdb.sqlite (rpm 4.16 and later: Fedora 33+, RHEL 9, openSUSE) in
 * /usr/lib/sysimage/rpm or /var/lib/rpm: table Packages(hnum, blob), one {@link RpmHeader} blob per
 * package. The file is opened read-only and immutable (no journal, no lock, nothing written next to
 * it) at the path {@link Host#resolve} gives, so it stays inside the root.
 *
 * <p>Older formats are not read, and say so in a SKIPPED diagnostic: Berkeley DB ({@code Packages},
 * rpm up to 4.15, RHEL 8 and older) and ndb ({@code Packages.db}, SUSE).
 *
 * <p>Files are DIRNAMES[DIRINDEXES[i]] + BASENAMES[i] (or OLDFILENAMES in very old headers). A file
 * that rpm records as not on disk (FILESTATES not installed, wrong color, missing, replaced) is
 * only a weak claim: a package whose copy is on disk wins. The version is [epoch:]version-release,
 * the epoch left out when absent or 0 (as dnf and yum print it).
 */
final class RpmDatabase extends AbstractPackageDatabase {
  /** The database directories, newest convention first. */
  static final List<String> DIRECTORIES = List.of("/usr/lib/sysimage/rpm", "/var/lib/rpm");

  static final long SQLITE_LIMIT = 2L * 1024 * 1024 * 1024;
  static final int BLOB_LIMIT = 64 * 1024 * 1024;

  /** FILESTATES values whose file is on disk from this package: normal, netshared. */
  private static final int STATE_NORMAL = 0;

  private static final int STATE_NETSHARED = 3;

  @Override
  public String manager() {
    return "rpm";
  }

  @Override
  public boolean isPresent(Host root) {
    for (String dir : DIRECTORIES) {
      if (root.exists(dir + "/rpmdb.sqlite")
          || root.exists(dir + "/Packages")
          || root.exists(dir + "/Packages.db")) {
        return true;
      }
    }
    return false;
  }

  @Override
  String databaseName() {
    return "/var/lib/rpm";
  }

  @Override
  Index read(RootReader reader) {
    FileOwners owners = new FileOwners();
    Set<String> seen = new HashSet<>();
    for (String dir : DIRECTORIES) {
      if (!reader.isDirectory(dir)) {
        continue;
      }
      String real = reader.realPath(dir);
      if (real == null || !seen.add(real)) {
        continue; // /var/lib/rpm is often a link to /usr/lib/sysimage/rpm
      }
      if (reader.exists(dir + "/rpmdb.sqlite")) {
        readSqlite(reader, dir + "/rpmdb.sqlite", owners);
      } else if (reader.exists(dir + "/Packages.db")) {
        reader
            .log()
            .add(
                Kind.SKIPPED,
                dir + "/Packages.db",
                "rpm ndb database: not read (only rpm's sqlite database, rpmdb.sqlite, is)");
      } else if (reader.exists(dir + "/Packages")) {
        reader
            .log()
            .add(
                Kind.SKIPPED,
                dir + "/Packages",
                "rpm Berkeley DB database: not read (only rpm's sqlite database, rpmdb.sqlite,"
                    + " is)");
      }
    }
    return owners;
  }

  private void readSqlite(RootReader reader, String path, FileOwners owners) {
    ParseLog log = reader.log();
    Path file;
    try {
      file = reader.root().resolve(path);
      if (!Files.isRegularFile(file)) {
        log.add(Kind.SKIPPED, path, "not a regular file, not read");
        return;
      }
      if (Files.size(file) > SQLITE_LIMIT) {
        log.add(Kind.SKIPPED, path, "larger than " + SQLITE_LIMIT + " bytes, not read");
        return;
      }
      if (!Files.isReadable(file)) {
        log.add(Kind.UNREADABLE, path, "permission denied");
        return;
      }
    } catch (IOException e) {
      log.failed(path, e);
      return;
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    String url = "jdbc:sqlite:" + sqliteUri(file) + "?mode=ro&immutable=1";
    int bad = 0;
    int tooLarge = 0;
    String firstProblem = null;
    try (Connection db = config.createConnection(url);
        PreparedStatement query =
            db.prepareStatement(
                "SELECT hnum, CASE WHEN length(blob) <= ? THEN blob END, length(blob) FROM"
                    + " Packages")) {
      query.setInt(1, BLOB_LIMIT);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (rows.getLong(3) > BLOB_LIMIT) {
            tooLarge++;
            continue;
          }
          byte[] blob = rows.getBytes(2);
          if (blob == null) {
            blob = new byte[0];
          }
          try {
            addPackage(RpmHeader.parse(blob), owners);
          } catch (RpmHeader.MalformedHeaderException e) {
            bad++;
            if (firstProblem == null) {
              firstProblem = "header " + rows.getLong(1) + ": " + e.getMessage();
            }
          }
        }
      }
    } catch (SQLException e) {
      log.malformed(path, "not an rpm sqlite database: " + firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      // sqlite-jdbc could not load its native library, or similar: the database is unknown.
      log.add(Kind.SKIPPED, path, "sqlite could not be used: " + firstLine(String.valueOf(e)));
    } catch (LinkageError e) {
      log.add(Kind.SKIPPED, path, "sqlite could not be used: " + firstLine(String.valueOf(e)));
    }
    if (bad > 0) {
      log.malformed(
          path,
          bad
              + (bad == 1 ? " package header" : " package headers")
              + " not understood, skipped (first: "
              + firstProblem
              + ")");
    }
    if (tooLarge > 0) {
      log.add(
          Kind.SKIPPED,
          path,
          tooLarge + " package headers larger than " + BLOB_LIMIT + " bytes, not read");
    }
  }

  private void addPackage(RpmHeader h, FileOwners owners)
      throws RpmHeader.MalformedHeaderException {
    String name = h.string(RpmHeader.NAME);
    String version = h.string(RpmHeader.VERSION);
    if (name == null || name.isEmpty() || version == null) {
      throw new RpmHeader.MalformedHeaderException("no NAME or VERSION");
    }
    String release = h.string(RpmHeader.RELEASE);
    int[] epoch = h.int32s(RpmHeader.EPOCH);
    StringBuilder evr = new StringBuilder();
    if (epoch != null && epoch.length > 0 && epoch[0] != 0) {
      evr.append(Integer.toUnsignedString(epoch[0])).append(':');
    }
    evr.append(version);
    if (release != null && !release.isEmpty()) {
      evr.append('-').append(release);
    }
    PackageRef ref = new PackageRef(manager(), name, evr.toString());

    List<String> files;
    List<String> basenames = h.strings(RpmHeader.BASENAMES);
    if (basenames != null) {
      int[] dirIndexes = h.int32s(RpmHeader.DIRINDEXES);
      List<String> dirNames = h.strings(RpmHeader.DIRNAMES);
      if (dirIndexes == null || dirNames == null || dirIndexes.length != basenames.size()) {
        throw new RpmHeader.MalformedHeaderException("BASENAMES without matching DIRINDEXES");
      }
      String[] paths = new String[basenames.size()];
      for (int i = 0; i < paths.length; i++) {
        int d = dirIndexes[i];
        if (d < 0 || d >= dirNames.size()) {
          throw new RpmHeader.MalformedHeaderException("DIRINDEXES points past DIRNAMES");
        }
        paths[i] = dirNames.get(d) + basenames.get(i);
      }
      files = List.of(paths);
    } else {
      List<String> old = h.strings(RpmHeader.OLDFILENAMES);
      files = old == null ? List.of() : old;
    }
    byte[] states = h.bytes(RpmHeader.FILESTATES);
    for (int i = 0; i < files.size(); i++) {
      String path = files.get(i);
      if (path.isEmpty() || path.charAt(0) != '/' || path.indexOf('\0') >= 0) {
        continue;
      }
      int state = states != null && i < states.length ? states[i] : STATE_NORMAL;
      if (state == STATE_NORMAL || state == STATE_NETSHARED) {
        owners.add(path, ref);
      } else {
        owners.addWeak(path, ref);
      }
    }
  }

  /** A file: URI for sqlite, with every byte outside a safe set percent-encoded. */
  static String sqliteUri(Path file) {
    byte[] bytes = file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder("file:");
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '/'
          || c == '.'
          || c == '-'
          || c == '_'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
