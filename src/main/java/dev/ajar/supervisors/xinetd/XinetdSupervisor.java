package dev.ajar.supervisors.xinetd;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.RootCache;
import dev.ajar.supervisors.SuperServer;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.inetd.InetdConfParser;
import dev.ajar.supervisors.inetd.InetdEntry;
import dev.ajar.supervisors.inetd.InetdSupervisor;
import dev.ajar.supervisors.inetd.ServicePorts;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * xinetd: /etc/xinetd.conf, the files it includes ("include", and "includedir" whose files are read
 * in strcmp order, skipping names with a '.' or ending in '~'), each holding service blocks. xinetd
 * holds the listening socket of every enabled service, so a socket held by xinetd is matched to the
 * service with its port and protocol.
 *
 * <p>Debian's init script starts xinetd with -inetd_compat when /etc/default/xinetd says
 * INETD_COMPAT=Yes (the default there): it then also serves the active lines of /etc/inetd.conf,
 * after its own services. Those are reported as xinetd entries whose file is /etc/inetd.conf.
 */
public final class XinetdSupervisor implements Supervisor {
  private static final SupervisorKind KIND = SupervisorKind.XINETD;
  static final String CONF = "/etc/xinetd.conf";
  static final String DEFAULT_FILE = "/etc/default/xinetd";
  private static final List<String> BINARIES = List.of("/usr/sbin/xinetd", "/sbin/xinetd");
  private static final int MAX_INCLUDE_DEPTH = 8;
  private static final Pattern COMPAT =
      Pattern.compile("^\\s*INETD_COMPAT=[\"']?([^\"'\\s]*)", Pattern.MULTILINE);

  /** A service with what xinetd makes of it: enabled or not (and why not), port, address. */
  record Resolved(
      XinetdService service, boolean enabled, List<String> why, int port, String address) {}

  /** An /etc/inetd.conf line served in inetd compatibility mode, with its port (0: none). */
  record Compat(InetdEntry entry, int port) {}

  record Config(List<Resolved> services, List<Compat> compat, boolean compatByDefault) {}

  private final RootCache<Config> cache = new RootCache<>();

  @Override
  public SupervisorKind kind() {
    return KIND;
  }

  @Override
  public String howToDisable(Owner o) {
    return "set 'disable = yes' for service "
        + o.entry()
        + " in "
        + o.file()
        + " and reload xinetd";
  }

  @Override
  public Optional<Disabler> disabler() {
    return Optional.of(new XinetdDisabler());
  }

  /** xinetd.conf or a file of xinetd.d came back: SIGHUP, so xinetd reopens its ports. */
  @Override
  public List<DisablePlan.RuntimeStep> reloadsAfterUndo(List<String> restoredPaths) {
    return SuperServer.reloadsAfterUndo(
        restoredPaths, CONF, "/etc/xinetd.d", XinetdDisabler.RELOAD);
  }

  @Override
  public boolean isPresent(Host root) {
    return SuperServer.installed(root, BINARIES);
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    Config config = cache.get(root, diagnostics, XinetdSupervisor::load);
    List<ServiceEntry> result = new ArrayList<>();
    for (Resolved r : config.services()) {
      XinetdService s = r.service();
      result.add(new ServiceEntry(owner(s), r.enabled(), listens(r)));
    }
    if (config.compatByDefault()) {
      for (Compat c : config.compat()) {
        result.add(
            new ServiceEntry(
                compatOwner(c.entry()),
                c.entry().isActive(),
                InetdSupervisor.listens(c.entry(), c.port(), Set.of())));
      }
    }
    return List.copyOf(result);
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    SuperServer.Holder found = SuperServer.holderOf(socket, processes, XinetdSupervisor::isXinetd);
    if (found == null) {
      return Optional.empty();
    }
    ProcessInfo holder = found.process();
    Config config = cache.get(root, diagnostics, XinetdSupervisor::load);
    KernelSocket k = socket.socket();
    Resolved best = null;
    int bestScore = -1;
    for (Resolved r : config.services()) {
      XinetdService s = r.service();
      if (!r.enabled() || s.transport() != k.protocol() || r.port() != k.local().port()) {
        continue;
      }
      int score = families(r).contains(k.family()) ? 2 : 0;
      score += fits(r.address(), k.local().address()) ? 1 : 0;
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (best != null) {
      return Optional.of(owner(best.service()));
    }
    if (holder.cmdline() != null && holder.cmdline().contains("-inetd_compat")) {
      List<InetdEntry> active = new ArrayList<>();
      List<Integer> ports = new ArrayList<>();
      for (Compat c : config.compat()) {
        if (c.entry().isActive()) {
          active.add(c.entry());
          ports.add(c.port());
        }
      }
      Optional<InetdEntry> match =
          InetdSupervisor.match(active, ports, k, InetdConfParser.Dialect.OPENBSD);
      if (match.isPresent()) {
        return Optional.of(compatOwner(match.get()));
      }
    }
    SuperServer.reportUnnamed(
        found,
        k,
        CONF,
        "xinetd",
        "no enabled service names it (changed since xinetd last read it?)",
        diagnostics);
    return Optional.empty();
  }

  static boolean isXinetd(ProcessInfo p) {
    String exe = InetdSupervisor.normalizedExe(p);
    if (exe.endsWith("/xinetd")) {
      return true;
    }
    return exe.isEmpty() && "xinetd".equals(p.name());
  }

  static Owner owner(XinetdService s) {
    return new Owner(KIND, s.name(), s.file(), s.line(), s.program());
  }

  static Owner compatOwner(InetdEntry e) {
    return new Owner(KIND, e.service(), e.file(), e.line(), e.program());
  }

  static List<ListenSpec> listens(Resolved r) {
    Protocol transport = r.service().transport();
    if (transport == null || r.port() <= 0) {
      return List.of();
    }
    return List.of(new ListenSpec(transport, r.port(), r.address(), families(r)));
  }

  /**
   * The families xinetd binds: IPv4 or IPv6 as flagged, else the bind address's family, else IPv6
   * (a dual-stack socket unless v6only).
   */
  static Set<Family> families(Resolved r) {
    XinetdService s = r.service();
    if (s.flags().contains("IPv6")) {
      return Set.of(Family.INET6);
    }
    if (s.flags().contains("IPv4")) {
      return Set.of(Family.INET);
    }
    InetAddress bind = r.address() == null ? null : InetdSupervisor.literal(r.address());
    if (bind != null) {
      return Set.of(bind instanceof Inet4Address ? Family.INET : Family.INET6);
    }
    return Set.of(Family.INET6);
  }

  private static boolean fits(String address, InetAddress local) {
    return address == null
        ? local.isAnyLocalAddress()
        : InetdSupervisor.addressFits(List.of(address), local);
  }

  // ---------------------------------------------------------------- reading

  private static final class Merged {
    Set<String> enabled;
    final Set<String> disabled = new LinkedHashSet<>();
    String bind;
  }

  private static Config load(Host root, Diagnostics diagnostics) {
    ServicePorts ports = InetdSupervisor.readServices(root, diagnostics);
    List<XinetdService> services = new ArrayList<>();
    Merged defaults = new Merged();
    readFile(root, CONF, 0, new HashSet<>(), services, defaults, diagnostics);
    List<Resolved> resolved = new ArrayList<>();
    for (XinetdService s : services) {
      resolved.add(resolve(s, defaults, ports, diagnostics));
    }
    List<Compat> compat = new ArrayList<>();
    String inetdConf = InetdSupervisor.readOrNull(root, InetdSupervisor.CONF, diagnostics);
    if (inetdConf != null) {
      var parsed =
          InetdConfParser.parse(InetdSupervisor.CONF, inetdConf, InetdConfParser.Dialect.OPENBSD);
      for (InetdEntry e : parsed.entries()) {
        int port = 0;
        if (e.portName() != null) {
          OptionalInt p = ports.port(e.portName(), e.transport() == Protocol.TCP ? "tcp" : "udp");
          port = p.orElse(0);
        }
        compat.add(new Compat(e, port));
      }
    }
    String defaultFile = InetdSupervisor.readOrNull(root, DEFAULT_FILE, diagnostics);
    boolean compatByDefault = false;
    if (defaultFile != null) {
      Matcher m = COMPAT.matcher(defaultFile);
      while (m.find()) {
        compatByDefault = m.group(1).startsWith("Y") || m.group(1).startsWith("y");
      }
    }
    return new Config(List.copyOf(resolved), List.copyOf(compat), compatByDefault);
  }

  private static void readFile(
      Host root,
      String path,
      int depth,
      Set<String> visited,
      List<XinetdService> services,
      Merged defaults,
      Diagnostics diagnostics) {
    if (!visited.add(path)) {
      diagnostics.add(Diagnostics.Kind.SKIPPED, path, "included more than once: read once");
      return;
    }
    String text = InetdSupervisor.readOrNull(root, path, diagnostics);
    if (text == null) {
      return;
    }
    XinetdConfParser.Parsed parsed = XinetdConfParser.parse(path, text);
    for (XinetdConfParser.Problem p : parsed.problems()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, path + ":" + p.line(), p.message());
    }
    for (XinetdConfParser.Item item : parsed.items()) {
      switch (item) {
        case XinetdConfParser.Service s -> services.add(s.service());
        case XinetdConfParser.Defaults d -> {
          if (d.enabled() != null) {
            if (defaults.enabled == null) {
              defaults.enabled = new LinkedHashSet<>();
            }
            defaults.enabled.addAll(d.enabled());
          }
          defaults.disabled.addAll(d.disabled());
          if (defaults.bind == null) {
            defaults.bind = d.bind();
          }
        }
        case XinetdConfParser.Include inc -> {
          if (depth >= MAX_INCLUDE_DEPTH) {
            tooDeep(path, inc.line(), diagnostics);
          } else {
            readFile(
                root, absolute(inc.path()), depth + 1, visited, services, defaults, diagnostics);
          }
        }
        case XinetdConfParser.IncludeDir dir -> {
          if (depth >= MAX_INCLUDE_DEPTH) {
            tooDeep(path, dir.line(), diagnostics);
          } else {
            for (String file : includedFiles(root, absolute(dir.path()), diagnostics)) {
              readFile(root, file, depth + 1, visited, services, defaults, diagnostics);
            }
          }
        }
      }
    }
  }

  /**
   * The files xinetd reads from an includedir: regular files (links followed) whose names hold no
   * '.' and do not end in '~', in strcmp order.
   */
  static List<String> includedFiles(Host root, String dir, Diagnostics diagnostics) {
    List<String> names;
    try {
      names = new ArrayList<>(root.list(dir));
    } catch (IOException e) {
      diagnostics.add(Diagnostics.Kind.UNREADABLE, dir, Errors.describe(e));
      return List.of();
    }
    names.sort(InetdSupervisor::compareBytes);
    List<String> files = new ArrayList<>();
    for (String name : names) {
      if (!isIncluded(name)) {
        continue;
      }
      String path = dir.endsWith("/") ? dir + name : dir + "/" + name;
      if (root.isRegularFile(path)) {
        files.add(path);
      }
    }
    return files;
  }

  /** xinetd's rule for includedir file names (includedir.c). */
  static boolean isIncluded(String name) {
    return !name.isEmpty() && name.indexOf('.') < 0 && !name.endsWith("~");
  }

  private static void tooDeep(String file, int line, Diagnostics diagnostics) {
    diagnostics.add(
        Diagnostics.Kind.SKIPPED,
        file + ":" + line,
        "includes nested more than " + MAX_INCLUDE_DEPTH + " deep: not followed");
  }

  private static String absolute(String path) {
    return path.startsWith("/") ? path : "/" + path; // xinetd runs in /
  }

  /** What xinetd's service_fill and check_entry make of a service (confparse.c). */
  private static Resolved resolve(
      XinetdService s, Merged defaults, ServicePorts ports, Diagnostics diagnostics) {
    List<String> why = new ArrayList<>();
    if (s.disable()) {
      why.add("disable = yes");
    }
    if (!s.failures().isEmpty()) {
      why.add("xinetd rejects the entry: " + s.failures().get(0));
    }
    if (defaults.enabled != null && !defaults.enabled.contains(s.id())) {
      why.add("id " + s.id() + " is not in the defaults' enabled list");
    }
    if (defaults.disabled.contains(s.id())) {
      why.add("id " + s.id() + " is in the defaults' disabled list");
    }
    boolean switchedOff = !why.isEmpty();
    String proto = s.effectiveProtocol();
    int port = s.port() == null ? 0 : s.port();
    List<String> rejected = new ArrayList<>();
    boolean hasPort = !s.isMuxClient() && !s.isRpc();
    if (hasPort && !s.isUnlisted()) {
      OptionalInt listed = proto == null ? OptionalInt.empty() : ports.port(s.name(), proto);
      if (proto == null) {
        rejected.add("neither protocol nor socket_type is given");
      } else if (listed.isEmpty() && ports.isKnown()) {
        rejected.add("service/protocol " + s.name() + "/" + proto + " is not in /etc/services");
      } else if (listed.isPresent()) {
        if (s.port() != null && s.port() != listed.getAsInt()) {
          rejected.add(
              "service " + s.name() + " expects port " + listed.getAsInt() + ", not " + s.port());
        }
        port = listed.getAsInt();
      }
    } else if (hasPort && s.port() == null) {
      rejected.add("an UNLISTED service must have a port");
    }
    if ("dgram".equals(s.effectiveSocketType()) && !Boolean.TRUE.equals(s.waits())) {
      rejected.add("socket_type dgram must wait");
    }
    if (s.effectiveSocketType() == null) {
      rejected.add("missing attribute socket_type");
    }
    if (s.waits() == null) {
      rejected.add("missing attribute wait");
    }
    if (!s.isInternal()) {
      if (s.user() == null) {
        rejected.add("missing attribute user");
      }
      if (s.server() == null && !s.redirect()) {
        rejected.add("missing attribute server");
      }
    }
    if (!rejected.isEmpty()) {
      if (!switchedOff) {
        diagnostics.add(
            Diagnostics.Kind.MALFORMED,
            s.file() + ":" + s.line(),
            "service "
                + s.name()
                + ": "
                + String.join("; ", rejected)
                + " (xinetd does not start it)");
      }
      why.addAll(rejected);
    }
    String address = s.bind() != null ? s.bind() : defaults.bind;
    return new Resolved(s, why.isEmpty(), List.copyOf(why), hasPort ? port : 0, address);
  }
}
