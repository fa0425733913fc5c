package dev.ajar.packages;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.util.List;
import java.util.Optional;

/**
 * Every package manager ajar knows, asked in turn. A root can hold more than one database (a Debian
 * image with a stray rpm database, an Alpine build stage copied into a Debian one): the first
 * database present that knows the file answers, in the order dpkg, rpm, pacman, apk, pkgtools.
 */
public final class PackageDatabases {
  private PackageDatabases() {}

  /** New instances of every database (each caches what it parses, per root). */
  public static List<PackageDatabase> all() {
    return List.of(
        new DpkgDatabase(),
        new RpmDatabase(),
        new PacmanDatabase(),
        new ApkDatabase(),
        new PkgtoolsDatabase());
  }

  /**
   * The package that installed {@code path} in {@code root}, asking each present database. The
   * caller keeps the instances (from {@link #all}) for a run: each caches what it parses.
   */
  public static Optional<PackageRef> ownerOf(
      List<PackageDatabase> databases, Host root, String path, Diagnostics diagnostics) {
    for (PackageDatabase db : databases) {
      if (db.isPresent(root)) {
        Optional<PackageRef> owner = db.ownerOf(root, path, diagnostics);
        if (owner.isPresent()) {
          return owner;
        }
      }
    }
    return Optional.empty();
  }
}
