package dev.ajar.pipeline;

import dev.ajar.attribute.Attributor;
import dev.ajar.discover.PortDiscovery;
import dev.ajar.discover.PortInventory;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.host.Timing;
import dev.ajar.knowledge.ServiceCatalog;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.supervisors.Supervisors;

/** The stages in order, for the commands that need more than one: discover, then attribute. */
public final class Pipeline {
  private Pipeline() {}

  /** Every socket the query selects, with its owner and package unless {@code attribute} is off. */
  public static PortInventory ports(Host host, PortQuery query, boolean attribute, Diagnostics diagnostics) {
    long start = Timing.start();
    ServiceCatalog services = ServiceCatalog.load(host, diagnostics);
    Timing.end("service names", start);
    start = Timing.start();
    PortInventory found = new PortDiscovery(host, services, diagnostics).discover(query);
    Timing.end("discover", start);
    if (!attribute) {
      return found;
    }
    start = Timing.start();
    PortInventory attributed = found.withSockets(
        new Attributor(host, Supervisors.all(), PackageDatabases.all(), found.processes(), diagnostics)
            .attribute(found.sockets()));
    Timing.end("attribute", start);
    return attributed;
  }
}
