package dev.ajar.verify;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.PortDefaults;
import dev.ajar.knowledge.ServiceKnowledge;
import dev.ajar.model.Family;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.packages.PackageDatabase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.InitSystem;
import dev.ajar.supervisors.SuperServer;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.verify.config.ConfiguredListen;
import dev.ajar.verify.config.DaemonConfigReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Predicts the ports a root opens after its next boot, without booting it: which entries its init
 * system starts (see {@link BootEntries}), then for each the ports it opens. Exactly for socket
 * units and super-server entries (the supervisor holds the socket); from the daemon's own
 * configuration where a {@link DaemonConfigReader} knows it; else the knowledge base's default
 * ports for the program or package, marked as such. Reads files only.
 */
public final class BootPredictor {
  private static final List<String> WILDCARDS = List.of("0.0.0.0", "::");

  private final Host root;
  private final PortDefaults knowledge;
  private final List<DaemonConfigReader> readers;
  private final Map<SupervisorKind, Supervisor> supervisors = new LinkedHashMap<>();
  private final List<PackageDatabase> packages;

  public BootPredictor(
      Host root,
      PortDefaults knowledge,
      List<DaemonConfigReader> readers,
      List<Supervisor> supervisors,
      List<PackageDatabase> packages) {
    this.root = root;
    this.knowledge = knowledge;
    this.readers = List.copyOf(readers);
    for (Supervisor s : supervisors) {
      this.supervisors.put(s.kind(), s);
    }
    this.packages = List.copyOf(packages);
  }

  public BootPrediction predict(Diagnostics diagnostics) {
    InitSystem init = InitSystem.detect(root);
    List<PredictedPort> ports = new ArrayList<>();
    List<BootStart> unknown = new ArrayList<>();
    Set<SupervisorKind> superServersDone = new LinkedHashSet<>();
    for (BootStart start : BootEntries.of(init, supervisors, root, diagnostics)) {
      ServiceEntry entry = start.entry();
      Owner owner = entry.owner();
      if (owner.supervisor() == SupervisorKind.SYSTEMD && owner.entry().endsWith(".socket")) {
        // A socket unit with only unix or netlink sockets listens on no port.
        ports.addAll(
            fromSpecs(entry, PredictedPort.Source.SOCKET_UNIT, start.reason(), diagnostics));
        continue;
      }
      if (start.socketActivated()) {
        continue;
      }
      SupervisorKind superServer = SuperServer.kindStartedBy(owner);
      if (superServer != null) {
        if (superServersDone.add(superServer)) {
          ports.addAll(superServerPorts(superServer, owner, start.reason(), diagnostics));
        }
        continue;
      }
      DaemonConfigReader reader = readerFor(owner);
      if (reader != null) {
        Optional<List<ConfiguredListen>> configured = reader.listens(root, diagnostics);
        if (configured.isPresent()) {
          ports.addAll(fromConfig(entry, configured.get(), start.reason(), diagnostics));
          continue;
        }
      }
      List<PredictedPort> defaults = defaults(entry, start.reason(), diagnostics);
      if (defaults.isEmpty()) {
        unknown.add(start);
      }
      ports.addAll(defaults);
    }
    // By port, as netstat lists them; dynamic ones after the fixed ones.
    ports.sort(
        java.util.Comparator.comparingInt(
                (PredictedPort p) -> p.isDynamic() ? Integer.MAX_VALUE : p.port())
            .thenComparing(p -> p.protocol().label())
            .thenComparing(p -> p.owner().entry()));
    return new BootPrediction(
        init, BootEntries.target(init, supervisors, root, diagnostics), ports, unknown);
  }

  private List<PredictedPort> superServerPorts(
      SupervisorKind kind, Owner daemon, String reason, Diagnostics diagnostics) {
    Supervisor supervisor = supervisors.get(kind);
    if (supervisor == null) {
      return List.of();
    }
    PredictedPort.Source source =
        kind == SupervisorKind.XINETD ? PredictedPort.Source.XINETD : PredictedPort.Source.INETD;
    String startedBy = daemon.entry() + " (" + reason + ")";
    List<PredictedPort> result = new ArrayList<>();
    for (ServiceEntry e : supervisor.entries(root, diagnostics)) {
      if (e.enabled()) {
        result.addAll(fromSpecs(e, source, startedBy, diagnostics));
      }
    }
    return result;
  }

  private List<PredictedPort> fromSpecs(
      ServiceEntry entry, PredictedPort.Source source, String startedBy, Diagnostics d) {
    PackageRef pkg = packageOf(entry.owner(), d);
    Map<String, PredictedPort> merged = new LinkedHashMap<>();
    for (ListenSpec spec : entry.listens()) {
      if (spec.protocol() == null || spec.port() <= 0) {
        continue;
      }
      List<String> addresses = new ArrayList<>();
      if (spec.address() != null) {
        addresses.add(spec.address());
      } else if (spec.families().isEmpty()) {
        addresses.addAll(WILDCARDS);
      } else {
        if (spec.families().contains(Family.INET)) {
          addresses.add("0.0.0.0");
        }
        if (spec.families().contains(Family.INET6)) {
          addresses.add("::");
        }
      }
      merge(
          merged,
          new PredictedPort(
              spec.protocol(),
              spec.port(),
              addresses,
              entry.owner(),
              pkg,
              source,
              entry.owner().file(),
              entry.owner().line(),
              startedBy));
    }
    return List.copyOf(merged.values());
  }

  private List<PredictedPort> fromConfig(
      ServiceEntry entry, List<ConfiguredListen> listens, String startedBy, Diagnostics d) {
    PackageRef pkg = packageOf(entry.owner(), d);
    Map<String, PredictedPort> merged = new LinkedHashMap<>();
    for (ConfiguredListen l : listens) {
      merge(
          merged,
          new PredictedPort(
              l.protocol(),
              l.port(),
              List.of(l.address()),
              entry.owner(),
              pkg,
              PredictedPort.Source.CONFIG,
              l.file(),
              l.line(),
              startedBy));
    }
    return List.copyOf(merged.values());
  }

  private List<PredictedPort> defaults(ServiceEntry entry, String startedBy, Diagnostics d) {
    PackageRef pkg = packageOf(entry.owner(), d);
    String program = entry.owner().program();
    // By the program when the entry names one: a package's other daemons (nfsdcld beside nfsd)
    // are not its main service. Init scripts name none: their own name, then their package.
    Optional<List<ServiceKnowledge.PortSpec>> known =
        program != null
            ? knowledge.defaultPorts(program, null)
            : knowledge.defaultPorts(baseName(entry.owner()), pkg == null ? null : pkg.name());
    if (known.isEmpty() && program == null) {
      // A script named for its service ("ssh", "ftp") in a root without a package database.
      known = knowledge.defaultPortsOf(baseName(entry.owner()));
    }
    if (known.isEmpty()) {
      return List.of();
    }
    List<PredictedPort> result = new ArrayList<>();
    for (ServiceKnowledge.PortSpec p : known.get()) {
      result.add(
          new PredictedPort(
              p.protocol(),
              p.port(),
              WILDCARDS,
              entry.owner(),
              pkg,
              PredictedPort.Source.DEFAULT,
              null,
              0,
              startedBy));
    }
    return result;
  }

  /** One prediction per protocol and port of an entry: the addresses together. */
  private static void merge(Map<String, PredictedPort> merged, PredictedPort p) {
    String key = p.protocol() + "/" + p.port();
    PredictedPort before = merged.get(key);
    if (before == null) {
      merged.put(key, p);
      return;
    }
    Set<String> addresses = new LinkedHashSet<>(before.addresses());
    addresses.addAll(p.addresses());
    merged.put(
        key,
        new PredictedPort(
            before.protocol(),
            before.port(),
            List.copyOf(addresses),
            before.owner(),
            before.pkg(),
            before.source(),
            before.file(),
            before.line(),
            before.startedBy()));
  }

  private DaemonConfigReader readerFor(Owner owner) {
    String name = baseName(owner);
    String program = programBase(owner.program());
    for (DaemonConfigReader r : readers) {
      if (r.answersTo().contains(name) || r.answersTo().contains(program)) {
        return r;
      }
    }
    return null;
  }

  private PackageRef packageOf(Owner owner, Diagnostics d) {
    for (String path : new String[] {owner.program(), owner.file()}) {
      if (path != null && path.startsWith("/")) {
        Optional<PackageRef> pkg = PackageDatabases.ownerOf(packages, root, path, d);
        if (pkg.isPresent()) {
          return pkg.get();
        }
      }
    }
    return null;
  }

  /** "ssh.service" → "ssh", "rc.sshd" → "sshd", "getty@tty1.service" → "getty". */
  static String baseName(Owner owner) {
    String name = owner.entry();
    int at = name.indexOf('@');
    if (at > 0) {
      name = name.substring(0, at);
    } else if (name.endsWith(".service")) {
      name = name.substring(0, name.length() - ".service".length());
    }
    if (owner.supervisor() == SupervisorKind.SLACKWARE && name.startsWith("rc.")) {
      name = name.substring(3);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static String programBase(String program) {
    if (program == null) {
      return "";
    }
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
