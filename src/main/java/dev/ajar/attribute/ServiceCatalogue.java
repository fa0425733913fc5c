package dev.ajar.attribute;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ServiceEntry;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.supervisors.Supervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every supervisor entry of a root with its package: what `ajar services` lists, live or for an
 * offline image where nothing runs. The package is the program's, else the defining file's (an init
 * script belongs to its daemon's package).
 */
public final class ServiceCatalogue {
  /** One entry and the package behind it (null when none owns it). */
  public record Listing(ServiceEntry entry, PackageRef pkg) {}

  private ServiceCatalogue() {}

  public static List<Listing> list(
      Host root,
      List<Supervisor> supervisors,
      List<PackageDatabase> databases,
      Diagnostics diagnostics) {
    List<Listing> listings = new ArrayList<>();
    for (Supervisor supervisor : supervisors) {
      if (!supervisor.isPresent(root)) {
        continue;
      }
      for (ServiceEntry e : supervisor.entries(root, diagnostics)) {
        PackageRef pkg =
            find(root, databases, e.owner().program(), diagnostics)
                .or(() -> find(root, databases, e.owner().file(), diagnostics))
                .orElse(null);
        listings.add(new Listing(e, pkg));
      }
    }
    return listings;
  }

  private static Optional<PackageRef> find(
      Host root, List<PackageDatabase> databases, String path, Diagnostics diagnostics) {
    if (path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    return PackageDatabases.ownerOf(databases, root, path, diagnostics);
  }
}
