package dev.ajar.packages;

import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Slackware's pkgtools, read from one file per installed package in /var/lib/pkgtools/packages
 * (Slackware 15) or /var/log/packages (older; on 15 a link to the former). installpkg writes:
 *
 * <pre>
 * PACKAGE NAME:     openssh-9.3p2-x86_64-1_slack15.0
 * COMPRESSED PACKAGE SIZE:     ...
 * UNCOMPRESSED PACKAGE SIZE:     ...
 * PACKAGE LOCATION: ...
 * PACKAGE DESCRIPTION:
 * openssh: ...
 * FILE LIST:
 * ./
 * usr/sbin/sshd
 * </pre>
 *
 * The file is named like the package, name-version-arch-build: the last three dash-separated fields
 * are version, arch and build (name may hold dashes, the others may not), as pkgtools' own scripts
 * cut it. {@link PackageRef#version()} is "version-arch-build", so that name + "-" + version is the
 * package's full name as removepkg and upgradepkg know it. Configuration files are shipped as
 * "x.new" and renamed by the install script when no "x" exists: "x" is then a weak claim of the
 * package.
 */
final class PkgtoolsDatabase extends AbstractPackageDatabase {
  static final List<String> DIRECTORIES =
      List.of("/var/lib/pkgtools/packages", "/var/log/packages");
  static final long LIMIT = 64L * 1024 * 1024;

  /** A package's name and version, split from its full name. */
  record SlackName(String name, String version) {
    /** name-version-arch-build → (name, "version-arch-build"); null if not of that form. */
    static SlackName split(String full) {
      if (full == null) {
        return null;
      }
      int build = full.lastIndexOf('-');
      int arch = build > 0 ? full.lastIndexOf('-', build - 1) : -1;
      int version = arch > 0 ? full.lastIndexOf('-', arch - 1) : -1;
      if (version <= 0 || build == full.length() - 1 || arch == build - 1 || version == arch - 1) {
        return null;
      }
      return new SlackName(full.substring(0, version), full.substring(version + 1));
    }
  }

  @Override
  public String manager() {
    return "pkgtools";
  }

  @Override
  public boolean isPresent(Host root) {
    for (String dir : DIRECTORIES) {
      if (root.isDirectory(dir)) {
        return true;
      }
    }
    return false;
  }

  @Override
  String databaseName() {
    return DIRECTORIES.getFirst();
  }

  @Override
  Index read(RootReader reader) {
    FileOwners owners = new FileOwners();
    Set<String> seenDirs = new HashSet<>();
    Set<String> seenPackages = new HashSet<>();
    for (String dir : DIRECTORIES) {
      if (!reader.isDirectory(dir)) {
        continue;
      }
      String real = reader.realPath(dir);
      if (real == null || !seenDirs.add(real)) {
        continue;
      }
      for (String entry : reader.list(dir)) {
        if (entry.startsWith(".") || !seenPackages.add(entry)) {
          continue;
        }
        readPackage(reader, dir + "/" + entry, entry, owners);
      }
    }
    return owners;
  }

  private void readPackage(RootReader reader, String file, String entry, FileOwners owners) {
    byte[] data = reader.read(file, LIMIT);
    if (data == null) {
      return;
    }
    List<String> lines = ControlText.lines(data);
    SlackName split = SlackName.split(entry);
    int fileList = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (split == null && line.startsWith("PACKAGE NAME:")) {
        split = SlackName.split(line.substring("PACKAGE NAME:".length()).strip());
      }
      if (line.equals("FILE LIST:")) {
        fileList = i;
        break;
      }
    }
    if (split == null || ControlText.isBinary(split.name())) {
      reader.log().malformed(file, "name is not name-version-arch-build, skipped");
      return;
    }
    if (fileList < 0) {
      reader.log().malformed(file, "no FILE LIST: line, skipped");
      return;
    }
    PackageRef ref = new PackageRef(manager(), split.name(), split.version());
    int bad = 0;
    for (int i = fileList + 1; i < lines.size(); i++) {
      String path = lines.get(i);
      if (path.isEmpty() || path.equals("./")) {
        continue;
      }
      if (path.startsWith("/") || path.indexOf('\0') >= 0) {
        bad++;
        continue;
      }
      owners.add("/" + path, ref);
      if (path.endsWith(".new") && path.length() > ".new".length()) {
        owners.addWeak("/" + path.substring(0, path.length() - ".new".length()), ref);
      }
    }
    if (bad > 0) {
      reader.log().malformed(file, bad + " FILE LIST entries are not relative paths, skipped");
    }
  }
}
