package dev.ajar.policy;

import dev.ajar.model.Endpoint;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.SupervisorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Judges sockets against a policy, exactly as docs/POLICY.md describes. */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /** Minimum length of a container id prefix that names a container (docker's short ids). */
  static final int SHORT_ID = 12;

  /** The first rule that matches decides; else the policy default. */
  public static Decision evaluate(Policy policy, OpenSocket socket) {
    for (Rule rule : policy.rules()) {
      if (matches(rule.match(), socket)) {
        return new Decision(rule.action(), rule);
      }
    }
    return new Decision(policy.defaultAction(), null);
  }

  /** Whether every field the match gives matches the socket. */
  public static boolean matches(Match m, OpenSocket s) {
    Endpoint local = s.socket().local();
    return (m.protocol() == null || m.protocol().contains(s.socket().protocol()))
        && (m.port() == null || m.port().stream().anyMatch(r -> r.contains(local.port())))
        && (m.service() == null || anyEqualIgnoringCase(m.service(), s.service()))
        && (m.program() == null || programMatches(m.program(), s))
        && (m.unit() == null || unitMatches(m.unit(), s.owner()))
        && (m.supervisor() == null
            || s.owner() != null && m.supervisor().contains(s.owner().supervisor()))
        && (m.packageName() == null || s.pkg() != null && m.packageName().contains(s.pkg().name()))
        && (m.netns() == null || m.netns().stream().anyMatch(n -> netnsMatches(n, s.netns())))
        && (m.container() == null || containerMatches(m.container(), s))
        && (m.scope() == null || scopeMatches(m.scope(), local))
        && (m.address() == null || m.address().stream().anyMatch(c -> c.contains(local.address())));
  }

  private static boolean anyEqualIgnoringCase(List<String> wanted, String actual) {
    if (actual == null) {
      return false;
    }
    for (String w : wanted) {
      if (w.equalsIgnoreCase(actual)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The programs behind a socket: each holder's exe and the owner's program, a trailing "
   * (deleted)" (a binary replaced by an upgrade since it started) dropped.
   */
  static List<String> programs(OpenSocket s) {
    List<String> programs = new ArrayList<>();
    if (s.owner() != null && s.owner().program() != null) {
      programs.add(undeleted(s.owner().program()));
    }
    if (s.processes() != null) {
      for (ProcessInfo p : s.processes()) {
        if (p.exe() != null && !programs.contains(undeleted(p.exe()))) {
          programs.add(undeleted(p.exe()));
        }
      }
    }
    return programs;
  }

  static String undeleted(String path) {
    return path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static boolean programMatches(List<String> wanted, OpenSocket s) {
    for (String program : programs(s)) {
      for (String w : wanted) {
        if (w.startsWith("/") ? w.equals(program) : w.equals(baseName(program))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The owner's entry, exactly; a bare name also matches its ".service" unit. */
  private static boolean unitMatches(List<String> wanted, Owner owner) {
    if (owner == null || owner.entry() == null) {
      return false;
    }
    for (String w : wanted) {
      if (w.equals(owner.entry()) || (!w.contains(".") && owner.entry().equals(w + ".service"))) {
        return true;
      }
    }
    return false;
  }

  /** "host" names the host's namespace; any other name is compared with the namespace's. */
  private static boolean netnsMatches(String wanted, Namespace ns) {
    if (ns == null) {
      return false;
    }
    return wanted.equals("host") ? ns.isHost() : !ns.isHost() && wanted.equals(ns.name());
  }

  /**
   * In a container: its namespace is a container's, a holder runs in a container (has a container
   * id), or the owner is the container supervisor (e.g. docker-proxy).
   */
  static boolean inContainer(OpenSocket s) {
    if (s.netns() != null && s.netns().kind() == Namespace.Kind.CONTAINER) {
      return true;
    }
    if (s.owner() != null && s.owner().supervisor() == SupervisorKind.CONTAINER) {
      return true;
    }
    if (s.processes() != null) {
      for (ProcessInfo p : s.processes()) {
        if (p.containerId() != null) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containerMatches(Match.Container c, OpenSocket s) {
    boolean inside = inContainer(s);
    if (c.name() == null) {
      return inside == c.inside();
    }
    if (!inside) {
      return false;
    }
    String name = c.name();
    if (s.netns() != null
        && s.netns().kind() == Namespace.Kind.CONTAINER
        && name.equals(s.netns().name())) {
      return true;
    }
    if (s.owner() != null
        && s.owner().supervisor() == SupervisorKind.CONTAINER
        && name.equals(s.owner().entry())) {
      return true;
    }
    if (s.processes() != null) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (ProcessInfo p : s.processes()) {
        String id = p.containerId();
        if (id != null && (id.equals(name) || lower.length() >= SHORT_ID && id.startsWith(lower))) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean scopeMatches(Match.Scope scope, Endpoint local) {
    return switch (scope) {
      case LOOPBACK -> local.isLoopback();
      case ANY -> local.isWildcard();
      case ADDRESS -> !local.isWildcard() && !local.isLoopback();
      case NOT_ANY -> !local.isWildcard();
    };
  }
}
