package dev.ajar.pipeline;

import dev.ajar.attribute.Attributor;
import dev.ajar.discover.PortDiscovery;
import dev.ajar.discover.PortInventory;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.host.Timing;
import dev.ajar.knowledge.ServiceCatalog;
import dev.ajar.model.OpenSocket;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.Supervisors;
import java.util.ArrayList;
import java.util.List;

/** The stages in order, for the commands that need more than one: discover, then attribute. */
public final class Pipeline {
  private Pipeline() {}

  /** Every socket the query selects, with its owner and package unless {@code attribute} is off. */
  public static PortInventory ports(Host host, PortQuery query, boolean attribute, Diagnostics diagnostics) {
    if (!attribute) {
      return discover(host, query, diagnostics);
    }
    return attributed(
        host, discover(host, query, diagnostics), Supervisors.all(), PackageDatabases.all(), diagnostics);
  }

  /**
   * As {@link #ports} with owners, asking the given supervisors and databases, so that a later
   * stage (verify's boot prediction) reuses what they have read of the host.
   */
  public static PortInventory ports(Host host, PortQuery query, List<Supervisor> supervisors,
      List<PackageDatabase> databases, Diagnostics diagnostics) {
    return attributed(host, discover(host, query, diagnostics), supervisors, databases, diagnostics);
  }

  private static PortInventory discover(Host host, PortQuery query, Diagnostics diagnostics) {
    long start = Timing.start();
    ServiceCatalog services = ServiceCatalog.load(host, diagnostics);
    Timing.end("service names", start);
    start = Timing.start();
    PortInventory found = new PortDiscovery(host, services, diagnostics).discover(query);
    Timing.end("discover", start);
    return found;
  }

  /**
   * Attributes the sockets in place in one list that nothing else holds (the discovered
   * inventory is let go first), so that each discovered copy can be collected once replaced:
   * two full sets at 70,000 sockets are megabytes of peak memory.
   */
  private static PortInventory attributed(Host host, PortInventory found,
      List<Supervisor> supervisors, List<PackageDatabase> databases, Diagnostics diagnostics) {
    long start = Timing.start();
    List<OpenSocket> sockets = new ArrayList<>(found.sockets());
    found = found.withSockets(List.of());
    new Attributor(host, supervisors, databases, found.processes(), diagnostics)
        .attributeInPlace(sockets);
    PortInventory attributed = found.withSockets(sockets);
    Timing.end("attribute", start);
    return attributed;
  }
}
