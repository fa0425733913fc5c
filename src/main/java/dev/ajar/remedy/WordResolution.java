package dev.ajar.remedy;

import dev.ajar.host.BadInputException;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.knowledge.ServiceKnowledge;
import dev.ajar.model.Owner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the administrator's words name among the {@link Closable}s, one resolution for the live host
 * and for offline roots. A word is a port ("21"), a range ("6000-6063"), either with a protocol
 * ("tcp/53", "53/udp"), or a name: of the entry ("vsftpd.service", "vsftpd", "finger"), of the port
 * in /etc/services or IANA's registry ("ftp", "domain"), of the owner's program ("sshd"), or of a
 * knowledge-base service, by id or alias ("rsh", "portmap", "nfs"), which names what listens on its
 * default ports or runs one of its programs.
 */
final class WordResolution {
  /** A word and one closable it names. */
  record Match(String word, Closable closable) {}

  /** One owner to close, the ports the words found it on, what they matched, and notes. */
  record Resolved(Owner owner, List<Integer> ports, List<Match> matches, List<String> notes) {
    /**
     * How each word found this owner, the ports of one basis together: "'domain': tcp/53 udp/53,
     * predicted from named's built-in default (config)".
     */
    List<String> matched() {
      Map<String, Map<String, Set<String>>> byWord = new LinkedHashMap<>();
      for (Match m : matches) {
        Closable c = m.closable();
        byWord
            .computeIfAbsent(m.word(), k -> new LinkedHashMap<>())
            .computeIfAbsent(c.basis(), k -> new LinkedHashSet<>())
            .add(c.portLabel());
      }
      List<String> lines = new ArrayList<>();
      byWord.forEach(
          (word, byBasis) -> {
            List<String> how = new ArrayList<>();
            byBasis.forEach(
                (basis, ports) -> {
                  String labels = String.join(" ", ports).strip();
                  how.add(labels.isEmpty() ? basis : labels + ", " + basis);
                });
            lines.add("'" + word + "': " + String.join("; ", how));
          });
      return lines;
    }
  }

  private static final Pattern PORTS =
      Pattern.compile(
          "(?:(tcp|udp|udplite|raw)/)?(\\d{1,9})(?:-(\\d{1,9}))?(?:/(tcp|udp|udplite|raw))?");

  private final KnowledgeBase knowledge;
  private final Map<String, List<ServiceKnowledge>> known = new HashMap<>();

  WordResolution(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  /**
   * The owners the words name, in the order first named, each once with every port it was found on.
   * A word that names nothing is refused; dormant entries count only for a word that names nothing
   * else. A port that several owners open (IPv4 from one daemon, IPv6 from another) names every one
   * of them, never one silently: each is closed, with a note saying so.
   */
  List<Resolved> resolve(List<String> words, List<Closable> closables, String where) {
    Map<Owner, Set<Integer>> ports = new LinkedHashMap<>();
    Map<Owner, List<Match>> matches = new LinkedHashMap<>();
    Map<Owner, Set<String>> notes = new LinkedHashMap<>();
    for (String word : words) {
      Selector selector = selector(word);
      Set<Owner> named = new LinkedHashSet<>();
      Map<Integer, Set<Owner>> byPort = new LinkedHashMap<>();
      boolean awake =
          closables.stream().anyMatch(c -> !c.dormant() && c.owner() != null && selector.names(c));
      for (Closable c : closables) {
        if (c.owner() == null || c.dormant() == awake || !selector.names(c)) {
          continue;
        }
        named.add(c.owner());
        if (c.port() > 0) {
          byPort.computeIfAbsent(c.port(), k -> new LinkedHashSet<>()).add(c.owner());
        }
        ports.computeIfAbsent(c.owner(), k -> new LinkedHashSet<>());
        if (c.hasPort()) {
          ports.get(c.owner()).add(c.port());
        }
        matches.computeIfAbsent(c.owner(), k -> new ArrayList<>()).add(new Match(word, c));
      }
      if (named.isEmpty()) {
        throw new BadInputException(
            "no open port or enabled service named '" + word + "' on " + where);
      }
      byPort.forEach(
          (port, owners) -> {
            if (owners.size() > 1) {
              List<String> all =
                  owners.stream().map(o -> o.supervisor().label() + " " + o.entry()).toList();
              for (Owner o : owners) {
                notes
                    .computeIfAbsent(o, k -> new LinkedHashSet<>())
                    .add(
                        "port "
                            + port
                            + " is opened by "
                            + all.size()
                            + " entries ("
                            + String.join(", ", all)
                            + "): each is closed");
              }
            }
          });
    }
    List<Resolved> resolved = new ArrayList<>();
    for (Map.Entry<Owner, Set<Integer>> e : ports.entrySet()) {
      Owner o = e.getKey();
      resolved.add(
          new Resolved(
              o,
              List.copyOf(e.getValue()),
              List.copyOf(matches.get(o)),
              List.copyOf(notes.getOrDefault(o, Set.of()))));
    }
    return resolved;
  }

  /** Which closables a word names. */
  private interface Selector {
    boolean names(Closable c);
  }

  private Selector selector(String word) {
    Matcher m = PORTS.matcher(word.toLowerCase(Locale.ROOT));
    if (m.matches() && (m.group(1) == null || m.group(4) == null)) {
      int from = port(word, m.group(2));
      int to = m.group(3) == null ? from : port(word, m.group(3));
      if (to < from) {
        throw new BadInputException("'" + word + "': a port range runs from low to high");
      }
      String proto = m.group(1) != null ? m.group(1) : m.group(4);
      return c ->
          c.hasPort()
              && c.port() >= from
              && c.port() <= to
              && (proto == null || c.protocol().label().equals(proto));
    }
    return c -> namesByName(word, c);
  }

  private static int port(String word, String digits) {
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new BadInputException("'" + word + "': " + port + " is not a port (1-65535)");
    }
    return port;
  }

  private boolean namesByName(String word, Closable c) {
    Owner o = c.owner();
    if (word.equals(o.entry()) || word.equals(bare(o.entry())) || word.equals(c.service())) {
      return true;
    }
    String program = baseName(o.program());
    if (program != null && word.equals(program)) {
      return true;
    }
    for (ServiceKnowledge k : knownAs(word)) {
      if (c.hasPort() && c.port() > 0 && k.listensOn(c.protocol(), c.port())
          || program != null && k.programs().contains(program)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The knowledge base's services the word is the id, name or an alias of: inetd calls rsh "shell",
   * /etc/services too, but the administrator reading Toxen says rsh.
   */
  private List<ServiceKnowledge> knownAs(String word) {
    return known.computeIfAbsent(
        word,
        w ->
            knowledge.find(w).stream()
                .filter(
                    k ->
                        k.id().equalsIgnoreCase(w)
                            || k.name().equalsIgnoreCase(w)
                            || k.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(w)))
                .toList());
  }

  /** "ssh" of "ssh.service", "rpcbind" of "rpcbind.socket". */
  private static String bare(String entry) {
    return entry == null ? null : entry.replaceFirst("\\.(service|socket)$", "");
  }

  private static String baseName(String program) {
    if (program == null || !program.startsWith("/")) {
      return null;
    }
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
