package dev.ajar.menu;

import dev.ajar.model.Owner;
import dev.ajar.model.Severity;
import java.util.List;

/**
 * One row of the menu: an owner (a supervisor entry) with every port it opens, its package, how far
 * it is exposed and the audit's risk. Every text field is escaped for the terminal already: they
 * come from the root's configuration and from processes.
 *
 * @param owner what starts it, or null when it is not known (then the row cannot be closed)
 * @param name "inetd finger", "systemd cups.service"
 * @param ports "tcp/79", "udp/dynamic", in port order
 * @param portNumbers the port numbers, for the close path
 * @param pkg the package's name ("fingerd"; its version is in {@code where}), or null
 * @param exposure the widest: loopback, address or any
 * @param risk the audit's worst severity for its ports, or null when the audit has no finding
 * @param why what the worst finding says, or null
 * @param where where it is started: the file and line, the program and its package's version, the
 *     namespace and root when they are not the host's
 * @param refusal why it cannot be closed from the menu, or null when it can
 */
record MenuRow(
    Owner owner,
    String name,
    List<String> ports,
    List<Integer> portNumbers,
    String pkg,
    String exposure,
    Severity risk,
    String why,
    String where,
    String refusal) {
  MenuRow {
    ports = List.copyOf(ports);
    portNumbers = List.copyOf(portNumbers);
  }

  boolean closable() {
    return refusal == null;
  }
}
