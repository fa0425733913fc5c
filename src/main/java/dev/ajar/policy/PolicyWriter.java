package dev.ajar.policy;

import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Writes policies: the starting point {@code ajar policy init} offers. */
public final class PolicyWriter {
  private PolicyWriter() {}

  /**
   * {@code ajar policy init}: a policy allowing exactly these sockets (one rule per
   * protocol/port/netns group, with program and scope), each rule commented with its owner and
   * package; default deny. The output parses back with {@link PolicyParser} and evaluates every
   * input socket to ALLOW.
   */
  public static String initial(List<OpenSocket> sockets) {
    Map<GroupKey, List<OpenSocket>> groups = new TreeMap<>(GroupKey.ORDER);
    for (OpenSocket s : sockets) {
      groups.computeIfAbsent(GroupKey.of(s), k -> new ArrayList<>()).add(s);
    }
    StringBuilder out = new StringBuilder();
    out.append("# ajar policy: the ports that were open when `ajar policy init` ran.\n");
    out.append("# The first rule that matches a socket decides; what no rule allows is denied.\n");
    out.append("# Delete the rules of ports you do not need, then run `ajar audit`.\n");
    out.append("# The format: docs/POLICY.md.\n");
    out.append("version: ").append(PolicyParser.VERSION).append('\n');
    out.append("default: deny\n");
    if (groups.isEmpty()) {
      out.append("rules: []\n");
      return out.toString();
    }
    out.append("rules:\n");
    for (Map.Entry<GroupKey, List<OpenSocket>> g : groups.entrySet()) {
      out.append("  # ").append(YamlText.comment(comment(g.getKey(), g.getValue()))).append('\n');
      out.append("  - allow: ").append(match(g.getKey(), g.getValue()).toYaml()).append('\n');
    }
    return out.toString();
  }

  /** The rule of one group: protocol, port, program when every socket has one, scope, netns. */
  static Match match(GroupKey key, List<OpenSocket> sockets) {
    List<String> programs = new ArrayList<>();
    for (OpenSocket s : sockets) {
      String p = primaryProgram(s);
      if (p == null) {
        // One socket without a program: the rule cannot name one and still allow it.
        programs = null;
        break;
      }
      if (!programs.contains(p)) {
        programs.add(p);
      }
    }
    if (programs != null) {
      programs.sort(Comparator.naturalOrder());
    }
    boolean loopback = sockets.stream().allMatch(s -> s.socket().local().isLoopback());
    // An `ip netns` literally named "host" cannot be named apart from the host's namespace.
    // A blank name (no namespace has one) could not be written as a name either.
    List<String> netns =
        key.host() || key.netns().equals("host") || key.netns().isBlank()
            ? null
            : List.of(key.netns());
    return new Match(
        List.of(key.protocol()),
        List.of(Match.PortRange.of(key.port())),
        null,
        programs,
        null,
        null,
        null,
        netns,
        null,
        loopback ? Match.Scope.LOOPBACK : null,
        null);
  }

  /** The owner's program, else the first holder's exe; a program the policy can name. */
  private static String primaryProgram(OpenSocket s) {
    List<String> programs = PolicyEvaluator.programs(s);
    for (String p : programs) {
      if (p.startsWith("/") && !p.endsWith("/")) {
        return p;
      }
    }
    return null;
  }

  /** "tcp 22 sshd (ssh.service, openssh-server 1:9.2p1-2)". */
  static String comment(GroupKey key, List<OpenSocket> sockets) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> owners = new LinkedHashSet<>();
    boolean kernel = false;
    for (OpenSocket s : sockets) {
      List<String> programs = PolicyEvaluator.programs(s);
      if (programs.isEmpty()) {
        kernel |= s.processes() == null || s.processes().isEmpty();
      } else {
        names.add(PolicyEvaluator.baseName(programs.getFirst()));
      }
      owners.add(owner(s.owner(), s.pkg()));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(key.protocol().label()).append(' ').append(key.port());
    if (!names.isEmpty()) {
      sb.append(' ').append(String.join(", ", names));
    } else if (kernel) {
      sb.append(" held by no process we could see (kernel?)");
    }
    if (!key.host()) {
      sb.append(" in netns ").append(key.netns());
    }
    sb.append(" (").append(String.join("; ", owners)).append(')');
    return sb.toString();
  }

  private static String owner(Owner owner, PackageRef pkg) {
    List<String> parts = new ArrayList<>();
    if (owner == null) {
      parts.add("owner unknown");
    } else if (owner.entry() == null) {
      parts.add(
          owner.supervisor() == SupervisorKind.MANUAL
              ? "started by hand"
              : owner.supervisor().label());
    } else if (owner.supervisor() == SupervisorKind.SYSTEMD) {
      parts.add(owner.entry());
    } else {
      parts.add(owner.supervisor().label() + " " + owner.entry());
    }
    if (pkg != null) {
      parts.add(pkg.name() + (pkg.version() == null ? "" : " " + pkg.version()));
    } else if (owner != null) {
      parts.add("no package");
    }
    return String.join(", ", parts);
  }

  /** One rule's sockets: a protocol and port in one namespace. */
  record GroupKey(Protocol protocol, int port, boolean host, String netns) {
    static final Comparator<GroupKey> ORDER =
        Comparator.comparingInt(GroupKey::port)
            .thenComparing(GroupKey::protocol)
            .thenComparing(k -> !k.host())
            .thenComparing(GroupKey::netns);

    static GroupKey of(OpenSocket s) {
      Namespace ns = s.netns();
      boolean host = ns == null || ns.isHost();
      String name = ns == null ? "host" : ns.name();
      return new GroupKey(s.socket().protocol(), s.socket().local().port(), host, name);
    }
  }
}
