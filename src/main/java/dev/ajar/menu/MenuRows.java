package dev.ajar.menu;

import dev.ajar.model.Exposure;
import dev.ajar.model.Finding;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.SupervisorKind;
import dev.ajar.model.Text;
import dev.ajar.supervisors.Supervisor;
import dev.ajar.supervisors.Supervisors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the judged sockets into the menu's rows: one per owner (in its namespace and root), with
 * its ports, package, exposure and the audit's worst severity for it; the riskiest first. Owners
 * the menu cannot close (nothing starts them, a container's, another root's, a kind with no
 * disabler, an unknown owner) are rows too, with why.
 */
final class MenuRows {
  private MenuRows() {}

  /** Which sockets make one row: the same owner, seen in the same namespace and root. */
  private record Key(Owner owner, String netns, String root, String unowned) {}

  static List<MenuRow> of(List<OpenSocket> sockets, List<Finding> findings) {
    Map<OpenSocket, Finding> judged = new IdentityHashMap<>();
    for (Finding f : findings) {
      for (OpenSocket s : f.sockets()) {
        judged.put(s, f);
      }
    }
    Map<Key, List<OpenSocket>> groups = new LinkedHashMap<>();
    for (OpenSocket s : sockets) {
      if (!s.socket().state().isOpenPort()) {
        continue;
      }
      ProcessInfo p = s.processes().isEmpty() ? null : s.processes().getFirst();
      Key key =
          new Key(
              s.owner(),
              s.netns().name(),
              p != null && p.isChrooted() ? p.root() : null,
              s.owner() == null ? portLabel(s) : null);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    Map<SupervisorKind, Boolean> disablers = new EnumMap<>(SupervisorKind.class);
    List<MenuRow> rows = new ArrayList<>();
    for (List<OpenSocket> group : groups.values()) {
      rows.add(row(group, judged, disablers));
    }
    rows.sort(
        Comparator.comparing(
                (MenuRow r) -> r.risk() == null ? -1 : r.risk().ordinal(),
                Comparator.reverseOrder())
            .thenComparingInt(r -> r.portNumbers().isEmpty() ? -1 : r.portNumbers().getFirst())
            .thenComparing(MenuRow::name));
    return rows;
  }

  private static MenuRow row(
      List<OpenSocket> group,
      Map<OpenSocket, Finding> judged,
      Map<SupervisorKind, Boolean> disablers) {
    OpenSocket first = group.getFirst();
    Owner o = first.owner();
    List<OpenSocket> ordered = new ArrayList<>(group);
    ordered.sort(
        Comparator.comparingInt((OpenSocket s) -> s.socket().local().port())
            .thenComparing(s -> s.socket().protocol()));
    List<String> ports = ordered.stream().map(MenuRows::portLabel).distinct().toList();
    List<Integer> numbers =
        ordered.stream().map(s -> s.socket().local().port()).distinct().toList();
    Finding worst = null;
    for (OpenSocket s : group) {
      Finding f = judged.get(s);
      if (f != null && (worst == null || f.severity().compareTo(worst.severity()) > 0)) {
        worst = f;
      }
    }
    PackageRef pkg =
        group.stream().map(OpenSocket::pkg).filter(Objects::nonNull).findFirst().orElse(null);
    String name =
        o == null
            ? "unknown owner"
            : o.supervisor().label() + " " + Text.forTerminal(String.valueOf(o.entry()));
    return new MenuRow(
        o,
        name,
        ports,
        numbers,
        pkg == null ? null : Text.forTerminal(pkg.name()),
        Exposure.widest(group).label(),
        worst == null ? null : worst.severity(),
        worst == null ? null : Text.forTerminal(worst.why()),
        where(first, pkg),
        refusal(first, disablers));
  }

  /** "tcp/79", "udp/dynamic". */
  static String portLabel(OpenSocket s) {
    int port = s.socket().local().port();
    return s.socket().protocol().label() + "/" + (port == 0 ? "dynamic" : String.valueOf(port));
  }

  /**
   * "/etc/inetd.conf:36, /usr/sbin/in.fingerd (fingerd 0.17-18)", and the namespace and root when
   * not the host's.
   */
  private static String where(OpenSocket s, PackageRef pkg) {
    List<String> parts = new ArrayList<>();
    Owner o = s.owner();
    if (o != null && o.file() != null) {
      parts.add(Text.forTerminal(o.file()) + (o.line() > 0 ? ":" + o.line() : ""));
    }
    String program =
        o != null && o.program() != null
            ? o.program()
            : s.processes().isEmpty() ? null : s.processes().getFirst().exe();
    String version = pkg == null ? null : Text.forTerminal(pkg.name() + " " + pkg.version());
    if (program != null) {
      parts.add(Text.forTerminal(program) + (version == null ? "" : " (" + version + ")"));
    } else if (version != null) {
      parts.add(version);
    }
    if (!s.netns().isHost()) {
      parts.add("in " + Text.forTerminal(s.netns().name()));
    }
    if (!s.processes().isEmpty() && s.processes().getFirst().isChrooted()) {
      parts.add("root " + Text.forTerminal(s.processes().getFirst().root()));
    }
    return String.join(", ", parts);
  }

  /**
   * Why the menu cannot close it, or null: as `ajar close` refuses (Closer.refuseOtherRoots, the
   * disabler registry), said before anyone tries.
   */
  private static String refusal(OpenSocket s, Map<SupervisorKind, Boolean> disablers) {
    Owner o = s.owner();
    ProcessInfo p = s.processes().isEmpty() ? null : s.processes().getFirst();
    if (o == null) {
      return "ajar cannot tell what holds it (as root it sees every process)";
    }
    if (o.supervisor() == SupervisorKind.MANUAL) {
      return "nothing starts it at boot: stop the process"
          + (p == null ? "" : " (pid " + p.pid() + ")")
          + "; it will not come back";
    }
    if (o.supervisor() == SupervisorKind.CONTAINER
        || s.netns().kind() == Namespace.Kind.CONTAINER
        || (p != null && p.containerId() != null)) {
      return "it runs in container "
          + Text.forTerminal(
              o.supervisor() == SupervisorKind.CONTAINER ? o.entry() : s.netns().name())
          + ": close it in the container's image";
    }
    if (p != null && p.isChrooted()) {
      String root = Text.forTerminal(p.root());
      return "it is started inside the root " + root + ": use ajar --root " + root + " menu";
    }
    boolean canDisable =
        disablers.computeIfAbsent(
            o.supervisor(), k -> Supervisors.of(k).flatMap(Supervisor::disabler).isPresent());
    if (!canDisable) {
      return "ajar cannot disable " + o.supervisor().label() + " entries yet";
    }
    return null;
  }
}
