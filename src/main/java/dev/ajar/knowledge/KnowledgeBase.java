package dev.ajar.knowledge;

import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The knowledge of network services: the bundled files (see {@link KnowledgeLoader}), indexed by
 * id, alias, program, package and port. Immutable and safe to share between threads.
 */
public final class KnowledgeBase implements PortDefaults {
  private static final Pattern PORT_QUERY = Pattern.compile("(\\d{1,5})(?:/(tcp|udp))?");

  private final List<ServiceKnowledge> all;
  private final Map<String, ServiceKnowledge> byId;
  private final Map<String, List<ServiceKnowledge>> byProgram;
  private final Map<String, List<ServiceKnowledge>> byPackage;
  private final Map<String, List<ServiceKnowledge>> byPort;

  /** Lower-cased names and aliases, then programs, then packages: the words of find(). */
  private final List<Map<String, List<ServiceKnowledge>>> byWord;

  private KnowledgeBase(Collection<ServiceKnowledge> services) {
    TreeMap<String, ServiceKnowledge> ids = new TreeMap<>();
    for (ServiceKnowledge s : services) {
      if (ids.put(s.id(), s) != null) {
        throw new IllegalArgumentException("two services with the id " + s.id());
      }
    }
    this.all = List.copyOf(ids.values());
    this.byId = Map.copyOf(ids);
    Map<String, List<ServiceKnowledge>> programs = new HashMap<>();
    Map<String, List<ServiceKnowledge>> packages = new HashMap<>();
    Map<String, List<ServiceKnowledge>> ports = new HashMap<>();
    Map<String, List<ServiceKnowledge>> names = new HashMap<>();
    Map<String, List<ServiceKnowledge>> programWords = new HashMap<>();
    Map<String, List<ServiceKnowledge>> packageWords = new HashMap<>();
    for (ServiceKnowledge s : all) { // in id order, so every index list is too
      s.programs().forEach(p -> add(programs, p, s));
      s.allPackages().forEach(p -> add(packages, p, s));
      s.ports().forEach(p -> add(ports, portKey(p.protocol(), p.port()), s));
      add(names, fold(s.name()), s);
      s.aliases().forEach(a -> add(names, fold(a), s));
      s.programs().forEach(p -> add(programWords, fold(p), s));
      s.allPackages().forEach(p -> add(packageWords, fold(p), s));
    }
    this.byProgram = freeze(programs);
    this.byPackage = freeze(packages);
    this.byPort = freeze(ports);
    this.byWord = List.of(freeze(names), freeze(programWords), freeze(packageWords));
  }

  /** The files bundled with ajar, read once on first use. */
  public static KnowledgeBase bundled() {
    return Bundled.INSTANCE;
  }

  /** A knowledge base of the given entries (tests, or a site's own files). */
  public static KnowledgeBase of(Collection<ServiceKnowledge> services) {
    return new KnowledgeBase(services);
  }

  /** Every entry, sorted by id. */
  public List<ServiceKnowledge> all() {
    return all;
  }

  public Optional<ServiceKnowledge> byId(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /**
   * The best entry for an open port: program base name first (most specific), then package name,
   * then (protocol, port). Empty when nothing matches.
   *
   * <p>Within the program and the package steps, several entries may claim the name (dnsmasq serves
   * DNS, DHCP and TFTP; systemd-resolved DNS, LLMNR and mDNS): the one whose default ports hold
   * this port wins. When none does and only one claims the name, that one is the answer; when
   * several do, the next step decides, and only if no step answers is the first of them (by id)
   * returned. UDP-Lite counts as UDP; a RAW socket is matched by program and package only.
   *
   * @param programPath the server program, a path or a base name; null when unknown
   * @param packageName the package of that program; null when none owns it
   */
  public Optional<ServiceKnowledge> match(
      Protocol protocol, int port, String programPath, String packageName) {
    ServiceKnowledge fallback = null;
    for (List<ServiceKnowledge> candidates :
        List.of(
            byProgram.getOrDefault(baseName(programPath), List.of()),
            byPackage.getOrDefault(packageName == null ? "" : packageName.strip(), List.of()))) {
      if (candidates.isEmpty()) {
        continue;
      }
      for (ServiceKnowledge s : candidates) {
        if (protocol != null && s.listensOn(protocol, port)) {
          return Optional.of(s);
        }
      }
      if (candidates.size() == 1) {
        return Optional.of(candidates.getFirst());
      }
      if (fallback == null) {
        fallback = candidates.getFirst();
      }
    }
    if (protocol != null) {
      List<ServiceKnowledge> onPort = byPort.get(portKey(protocol, port));
      if (onPort != null) {
        return Optional.of(onPort.getFirst());
      }
    }
    return Optional.ofNullable(fallback);
  }

  @Override
  public Optional<List<ServiceKnowledge.PortSpec>> defaultPorts(
      String program, String packageName) {
    return match(null, 0, program, packageName).map(ServiceKnowledge::ports);
  }

  @Override
  public Optional<List<ServiceKnowledge.PortSpec>> defaultPortsOf(String id) {
    return byId(id).map(ServiceKnowledge::ports);
  }

  /**
   * Lookup by what a person types: an id, an alias, the name, a program or a package
   * (case-insensitive), or a port: "79" (TCP and UDP) or "79/tcp". The order: the entry with that
   * id, then those with that name or alias, then those with that program, then that package, each
   * group by id. When nothing matches exactly, a text of three characters or more is looked for
   * inside ids, names and aliases. Empty when nothing matches.
   */
  public List<ServiceKnowledge> find(String query) {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    String q = fold(query);
    Matcher m = PORT_QUERY.matcher(q);
    if (m.matches()) {
      int port = Integer.parseInt(m.group(1));
      List<ServiceKnowledge> found = new ArrayList<>();
      for (ServiceKnowledge s : all) {
        boolean tcp = s.listensOn(Protocol.TCP, port);
        boolean udp = s.listensOn(Protocol.UDP, port);
        if (m.group(2) == null ? tcp || udp : m.group(2).equals("tcp") ? tcp : udp) {
          found.add(s);
        }
      }
      return List.copyOf(found);
    }
    Set<ServiceKnowledge> found = new LinkedHashSet<>();
    ServiceKnowledge exact = byId.get(q);
    if (exact != null) {
      found.add(exact);
    }
    for (Map<String, List<ServiceKnowledge>> words : byWord) {
      found.addAll(words.getOrDefault(q, List.of()));
    }
    if (found.isEmpty() && q.length() >= 3) {
      for (ServiceKnowledge s : all) {
        if (s.id().contains(q)
            || fold(s.name()).contains(q)
            || s.aliases().stream().anyMatch(a -> fold(a).contains(q))) {
          found.add(s);
        }
      }
    }
    return List.copyOf(found);
  }

  /** "/usr/sbin/in.fingerd" → "in.fingerd"; a trailing " (deleted)" of /proc/PID/exe is dropped. */
  static String baseName(String programPath) {
    if (programPath == null) {
      return "";
    }
    String p = programPath.strip();
    if (p.endsWith(" (deleted)")) {
      p = p.substring(0, p.length() - " (deleted)".length());
    }
    int slash = p.lastIndexOf('/');
    return slash >= 0 ? p.substring(slash + 1) : p;
  }

  private static String portKey(Protocol protocol, int port) {
    Protocol p = protocol == Protocol.UDPLITE ? Protocol.UDP : protocol;
    return port + "/" + p.label();
  }

  private static String fold(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }

  private static void add(
      Map<String, List<ServiceKnowledge>> index, String key, ServiceKnowledge s) {
    List<ServiceKnowledge> list = index.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(s)) {
      list.add(s);
    }
  }

  /** Immutable copies; the lists are in id order already, as {@code all} was walked in it. */
  private static Map<String, List<ServiceKnowledge>> freeze(
      Map<String, List<ServiceKnowledge>> index) {
    Map<String, List<ServiceKnowledge>> frozen = new HashMap<>();
    for (Map.Entry<String, List<ServiceKnowledge>> e : index.entrySet()) {
      frozen.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return Map.copyOf(frozen);
  }

  /** Initialization-on-demand holder: the bundled files are read once, on first use. */
  private static final class Bundled {
    static final KnowledgeBase INSTANCE = new KnowledgeBase(KnowledgeLoader.loadBundled());
  }
}
