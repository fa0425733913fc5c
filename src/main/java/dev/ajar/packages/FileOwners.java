package dev.ajar.packages;

import dev.ajar.model.PackageRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Path → the package that owns it. The first package to claim a path keeps it (directories are
 * listed by many packages); a weak claim (a file the database says is not on disk, a Slackware
 * ".new" file under its final name) is used only when no package claims the path outright.
 */
final class FileOwners {
  private final Map<String, PackageRef> owners = new HashMap<>();
  private final Map<String, PackageRef> weak = new HashMap<>();

  void add(String path, PackageRef ref) {
    owners.putIfAbsent(PackagePaths.normalize(path), ref);
  }

  void addWeak(String path, PackageRef ref) {
    weak.putIfAbsent(PackagePaths.normalize(path), ref);
  }

  Optional<PackageRef> owner(String normalizedPath) {
    PackageRef ref = owners.get(normalizedPath);
    return Optional.ofNullable(ref != null ? ref : weak.get(normalizedPath));
  }
}
