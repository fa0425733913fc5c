package dev.ajar.packages;

import dev.ajar.model.PackageRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Path → the package that owns it. The first package to claim a path keeps it (directories are
 * listed by many packages); a weak claim (a file the database says is not on disk, a Slackware
 * ".new" file under its final name) is used only when no package claims the path outright. Each
 * package's own list is kept too, in the database's order, weak claims left out.
 */
final class FileOwners implements AbstractPackageDatabase.Index {
  private final Map<String, PackageRef> owners = new HashMap<>();
  private final Map<String, PackageRef> weak = new HashMap<>();
  private final Map<PackageRef, List<String>> files = new LinkedHashMap<>();

  void add(String path, PackageRef ref) {
    String normal = PackagePaths.normalize(path);
    owners.putIfAbsent(normal, ref);
    files.computeIfAbsent(ref, r -> new ArrayList<>()).add(normal);
  }

  /** A package that owns no file (a meta package) is still known to own none. */
  void addPackage(PackageRef ref) {
    files.computeIfAbsent(ref, r -> new ArrayList<>());
  }

  void addWeak(String path, PackageRef ref) {
    weak.putIfAbsent(PackagePaths.normalize(path), ref);
  }

  @Override
  public Optional<PackageRef> owner(String normalizedPath) {
    PackageRef ref = owners.get(normalizedPath);
    return Optional.ofNullable(ref != null ? ref : weak.get(normalizedPath));
  }

  /**
   * The paths {@code pkg} lists; a version left empty matches the package of that name (the first
   * one, for a multi-version database).
   */
  @Override
  public List<String> files(PackageRef pkg) {
    List<String> exact = files.get(pkg);
    if (exact != null || !pkg.version().isEmpty()) {
      return exact == null ? List.of() : List.copyOf(exact);
    }
    for (Map.Entry<PackageRef, List<String>> e : files.entrySet()) {
      if (e.getKey().name().equals(pkg.name())) {
        return List.copyOf(e.getValue());
      }
    }
    return List.of();
  }
}
