package dev.ajar.packages;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.util.List;
import java.util.Optional;

/**
 * A package manager's database, read directly from files inside one root (the live host, a
 * process's own root, an offline image). Never runs the package manager of an analysed image. One
 * implementation per manager: dpkg, rpm, pacman, apk, pkgtools.
 */
public interface PackageDatabase {
  /** dpkg, rpm, pacman, apk or pkgtools: the value of {@link PackageRef#manager()}. */
  String manager();

  /** Whether this manager's database exists in the root. */
  boolean isPresent(Host root);

  /**
   * The package that installed the file at {@code path} (absolute, inside the root), or empty.
   * Implementations cache what they read; call with the same root each time.
   */
  Optional<PackageRef> ownerOf(Host root, String path, Diagnostics diagnostics);

  /**
   * Every path {@code pkg} installed (directories included), normalized, as the file is on disk
   * (for dpkg: at its diversion target where another package diverts it). Empty for a package this
   * database does not know, or one of another manager. A version left empty matches the installed
   * package of that name.
   */
  List<String> filesOf(Host root, PackageRef pkg, Diagnostics diagnostics);

  /** Whether the manager holds {@code pkg} as part of the base system, or why ajar cannot tell. */
  Essential essential(Host root, PackageRef pkg, Diagnostics diagnostics);

  /**
   * The installed packages that removing {@code pkgs} would take with them (their dependencies
   * broken), computed from the database alone; empty when this database does not tell.
   */
  Optional<List<PackageRef>> alsoRemoved(Host root, List<PackageRef> pkgs, Diagnostics diagnostics);
}
