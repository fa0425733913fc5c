package dev.ajar.supervisors.inetd;

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
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The classic inetd: openbsd-inetd (Debian's default, reads /etc/inetd.conf) and inetutils-inetd
 * (reads /etc/inetd.conf and every file of /etc/inetd.d). inetd holds the listening socket of every
 * active line itself, so a socket held by inetd is matched to the line whose service port, protocol
 * and address it has.
 */
public final class InetdSupervisor implements Supervisor {
  private static final SupervisorKind KIND = SupervisorKind.INETD;
  public static final String CONF = "/etc/inetd.conf";
  static final String CONF_DIR = "/etc/inetd.d";
  static final String SERVICES = "/etc/services";
  static final String OPENBSD_BINARY = "/usr/sbin/inetd";
  static final String INETUTILS_BINARY = "/usr/sbin/inetutils-inetd";

  /** Larger configuration files are refused (reported): no real inetd.conf comes near. */
  static final long MAX_CONFIG_FILE = 16L << 20;

  private static final List<String> BINARIES =
      List.of(OPENBSD_BINARY, "/sbin/inetd", INETUTILS_BINARY);

  /** An entry with its port looked up in the root's /etc/services (0: unknown or none). */
  record Resolved(InetdEntry entry, int port, boolean fromDirectory) {}

  record Config(List<Resolved> entries, boolean inetutilsInstalled) {}

  private final RootCache<Config> cache = new RootCache<>();

  @Override
  public SupervisorKind kind() {
    return KIND;
  }

  @Override
  public String howToDisable(Owner o) {
    return "comment out the '"
        + o.entry()
        + "' line of "
        + o.file()
        + (o.line() > 0 ? ":" + o.line() : "")
        + " and send inetd SIGHUP";
  }

  @Override
  public Optional<Disabler> disabler() {
    return Optional.of(new InetdDisabler());
  }

  /** inetd.conf or a file of inetd.d came back: SIGHUP, so inetd reopens its ports. */
  @Override
  public List<DisablePlan.RuntimeStep> reloadsAfterUndo(List<String> restoredPaths) {
    return SuperServer.reloadsAfterUndo(restoredPaths, CONF, CONF_DIR, InetdDisabler.RELOAD);
  }

  @Override
  public boolean isPresent(Host root) {
    return SuperServer.installed(root, BINARIES);
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    Config config = cache.get(root, diagnostics, InetdSupervisor::load);
    List<ServiceEntry> result = new ArrayList<>();
    // openbsd-inetd when installed (Debian's default), else inetutils-inetd: the families differ.
    InetdConfParser.Dialect dialect =
        config.inetutilsInstalled() && !root.isRegularFile("/usr/sbin/inetd")
            ? InetdConfParser.Dialect.INETUTILS
            : InetdConfParser.Dialect.OPENBSD;
    for (Resolved r : config.entries()) {
      boolean read = !r.fromDirectory() || config.inetutilsInstalled();
      result.add(
          new ServiceEntry(
              owner(KIND, r.entry()),
              r.entry().isActive() && read,
              listens(r.entry(), r.port(), r.entry().families(dialect))));
    }
    return List.copyOf(result);
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    SuperServer.Holder found = SuperServer.holderOf(socket, processes, InetdSupervisor::isInetd);
    if (found == null) {
      return Optional.empty();
    }
    ProcessInfo holder = found.process();
    Config config = cache.get(root, diagnostics, InetdSupervisor::load);
    boolean inetutils =
        normalizedExe(holder).endsWith("/inetutils-inetd")
            || "inetutils-inetd".equals(holder.name());
    InetdConfParser.Dialect dialect =
        inetutils ? InetdConfParser.Dialect.INETUTILS : InetdConfParser.Dialect.OPENBSD;
    List<InetdEntry> read = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (Resolved r : config.entries()) {
      if (r.entry().isActive() && (!r.fromDirectory() || inetutils)) {
        read.add(r.entry());
        ports.add(r.port());
      }
    }
    Optional<InetdEntry> match = match(read, ports, socket.socket(), dialect);
    if (match.isPresent()) {
      return Optional.of(owner(KIND, match.get()));
    }
    SuperServer.reportUnnamed(
        found,
        socket.socket(),
        inetutils ? CONF + ", " + CONF_DIR : CONF,
        holder.name(),
        "no active entry names it (changed since inetd last read it?)",
        diagnostics);
    return Optional.empty();
  }

  /**
   * The active entry that opened this socket: same transport and port, preferring the entry whose
   * address family and bind address fit too, then the first in file order. When no port matches,
   * the only active RPC entry of that transport (rpcbind assigns RPC ports).
   *
   * @param ports the resolved port of each entry, 0 when unknown
   */
  public static Optional<InetdEntry> match(
      List<InetdEntry> entries,
      List<Integer> ports,
      KernelSocket socket,
      InetdConfParser.Dialect dialect) {
    InetdEntry best = null;
    int bestScore = -1;
    List<InetdEntry> rpc = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      InetdEntry e = entries.get(i);
      if (e.transport() != socket.protocol()) {
        continue;
      }
      if (e.isRpc()) {
        rpc.add(e);
        continue;
      }
      if (ports.get(i) != socket.local().port()) {
        continue;
      }
      int score = e.families(dialect).contains(socket.family()) ? 2 : 0;
      score += addressFits(e.hosts(), socket.local().address()) ? 1 : 0;
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    if (best == null && rpc.size() == 1) {
      best = rpc.get(0);
    }
    return Optional.ofNullable(best);
  }

  /** Whether a socket bound to {@code address} can come from a line with these hosts. */
  public static boolean addressFits(List<String> hosts, InetAddress address) {
    if (hosts.isEmpty()) {
      return address.isAnyLocalAddress();
    }
    for (String host : hosts) {
      InetAddress literal = literal(host);
      if (literal != null && Arrays.equals(literal.getAddress(), address.getAddress())) {
        return true;
      }
    }
    return false;
  }

  /** A numeric address, never a name lookup; null for host names. */
  public static InetAddress literal(String s) {
    int percent = s.indexOf('%');
    String bare = percent >= 0 ? s.substring(0, percent) : s;
    try {
      return InetAddress.ofLiteral(bare);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Owner owner(SupervisorKind kind, InetdEntry e) {
    return new Owner(kind, e.service(), e.file(), e.line(), e.program());
  }

  /**
   * The sockets a line opens on its port (0: none known): one per host it names, else one on every
   * address; none for unix sockets and other protocols. xinetd's inetd compatibility mode serves
   * these lines too.
   *
   * @param families as {@link ListenSpec#families()}: what the line says for the dialect, or empty
   */
  public static List<ListenSpec> listens(InetdEntry e, int port, Set<Family> families) {
    if (port <= 0 || e.transport() == null) {
      return List.of();
    }
    if (e.hosts().isEmpty()) {
      return List.of(new ListenSpec(e.transport(), port, null, families));
    }
    List<ListenSpec> specs = new ArrayList<>();
    for (String host : e.hosts()) {
      specs.add(new ListenSpec(e.transport(), port, host, families));
    }
    return List.copyOf(specs);
  }

  static boolean isInetd(ProcessInfo p) {
    String exe = normalizedExe(p);
    if (exe.endsWith("/inetd") || exe.endsWith("/inetutils-inetd")) {
      return true;
    }
    String name = p.name() == null ? "" : p.name();
    if (exe.isEmpty()) {
      return name.equals("inetd") || name.equals("inetutils-inetd");
    }
    return name.equals("inetd") && exe.endsWith("/busybox");
  }

  /** The exe path without the " (deleted)" the kernel appends after an upgrade; "" if none. */
  public static String normalizedExe(ProcessInfo p) {
    String exe = p.exe();
    if (exe == null) {
      return "";
    }
    return exe.endsWith(" (deleted)") ? exe.substring(0, exe.length() - 10) : exe;
  }

  private static Config load(Host root, Diagnostics diagnostics) {
    ServicePorts ports = readServices(root, diagnostics);
    boolean inetutils = root.exists(INETUTILS_BINARY);
    boolean openbsd = root.exists(OPENBSD_BINARY) || root.exists("/sbin/inetd");
    InetdConfParser.Dialect confDialect =
        inetutils && !openbsd ? InetdConfParser.Dialect.INETUTILS : InetdConfParser.Dialect.OPENBSD;
    List<Resolved> entries = new ArrayList<>();
    String text = readOrNull(root, CONF, diagnostics);
    if (text != null) {
      resolve(InetdConfParser.parse(CONF, text, confDialect), ports, false, entries, diagnostics);
    }
    if (root.isDirectory(CONF_DIR)) {
      List<String> names;
      try {
        names = new ArrayList<>(root.list(CONF_DIR));
      } catch (IOException e) {
        diagnostics.add(Diagnostics.Kind.UNREADABLE, CONF_DIR, Errors.describe(e));
        names = new ArrayList<>();
      }
      names.sort(InetdSupervisor::compareBytes);
      int before = entries.size();
      for (String name : names) {
        String path = CONF_DIR + "/" + name;
        if (root.isDirectory(path)) {
          continue;
        }
        String fileText = readOrNull(root, path, diagnostics);
        if (fileText != null) {
          resolve(
              InetdConfParser.parse(path, fileText, InetdConfParser.Dialect.INETUTILS),
              ports,
              true,
              entries,
              diagnostics);
        }
      }
      if (entries.size() > before && !inetutils) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            CONF_DIR,
            "only inetutils-inetd reads this directory (openbsd-inetd does not): its entries are"
                + " listed as not enabled");
      }
    }
    return new Config(List.copyOf(entries), inetutils);
  }

  private static void resolve(
      InetdConfParser.Parsed parsed,
      ServicePorts ports,
      boolean fromDirectory,
      List<Resolved> out,
      Diagnostics diagnostics) {
    for (InetdConfParser.Problem p : parsed.problems()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, parsed.file() + ":" + p.line(), p.message());
    }
    for (InetdEntry e : parsed.entries()) {
      int port = 0;
      String name = e.portName();
      if (name != null) {
        String proto = e.transport() == Protocol.TCP ? "tcp" : "udp";
        OptionalInt found = ports.port(name, proto);
        if (found.isPresent()) {
          port = found.getAsInt();
        } else if (e.isActive() && ports.isKnown()) {
          diagnostics.add(
              Diagnostics.Kind.MALFORMED,
              e.file() + ":" + e.line(),
              "service \""
                  + name
                  + "/"
                  + proto
                  + "\" is not in "
                  + SERVICES
                  + ": inetd cannot open it");
        }
      }
      out.add(new Resolved(e, port, fromDirectory));
    }
  }

  public static ServicePorts readServices(Host root, Diagnostics diagnostics) {
    String text = readOrNull(root, SERVICES, diagnostics);
    return text == null ? ServicePorts.unknown() : ServicePorts.parse(text);
  }

  /**
   * The file's text, or null when it does not exist (silently), is no regular file (a FIFO or a
   * device would never end: skipped) or cannot be read (reported).
   */
  public static String readOrNull(Host root, String path, Diagnostics diagnostics) {
    if (!root.exists(path)) {
      return null;
    }
    if (!root.isRegularFile(path)) {
      diagnostics.add(Diagnostics.Kind.SKIPPED, path, "not a regular file: not read");
      return null;
    }
    try {
      return new String(root.read(path, MAX_CONFIG_FILE), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      diagnostics.add(Diagnostics.Kind.UNREADABLE, path, Errors.describe(e));
      return null;
    }
  }

  /** strcmp order of the names' UTF-8 bytes, as C sorts directory entries. */
  public static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
