package dev.ajar.watch;

import dev.ajar.assess.Auditor;
import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import dev.ajar.model.Exposure;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * From attributed sockets to the ports a snapshot records: one {@link PortKey} per (namespace,
 * protocol, local address, port, owner), so the IPv4 and IPv6 sockets of one daemon are two ports
 * and the several sockets of one key (SO_REUSEPORT, pre-forked workers) are one. Only listening and
 * bound sockets are ports: connections are not port changes.
 */
final class Snapshots {
  private Snapshots() {}

  /** The sockets of each key, in key order. */
  static Map<PortKey, List<OpenSocket>> group(List<OpenSocket> sockets) {
    Map<PortKey, List<OpenSocket>> groups = new TreeMap<>();
    for (OpenSocket s : sockets) {
      if (s.socket().state().isOpenPort()) {
        groups.computeIfAbsent(key(s), k -> new ArrayList<>(1)).add(s);
      }
    }
    return groups;
  }

  static PortKey key(OpenSocket s) {
    Owner o = s.owner();
    String supervisor = o == null ? "" : o.supervisor().label();
    String entry = o == null ? "" : o.entry() != null ? o.entry() : nonNull(o.program());
    return new PortKey(
        Text.forJson(s.netns().name()),
        s.socket().protocol().label(),
        s.socket().local().addressText(),
        s.socket().local().port(),
        supervisor,
        Text.forJson(entry));
  }

  /** Who holds the key's sockets: the lowest pid of every holder, the owner's details. */
  static PortState state(PortKey key, List<OpenSocket> sockets) {
    OpenSocket first = sockets.getFirst();
    String service = null;
    ProcessInfo holder = null;
    for (OpenSocket s : sockets) {
      if (service == null) {
        service = s.service();
      }
      for (ProcessInfo p : s.processes()) {
        if (holder == null || p.pid() < holder.pid()) {
          holder = p;
        }
      }
    }
    Owner o = first.owner();
    String program = Auditor.program(first);
    return new PortState(
        key,
        service,
        Exposure.widest(sockets).label(),
        o == null ? null : text(o.file()),
        o == null ? 0 : o.line(),
        text(program),
        first.pkg(),
        holder == null ? -1 : holder.pid(),
        holder == null ? null : text(holder.name()),
        holder == null ? null : text(holder.user()),
        holder == null ? first.socket().uid() : holder.uid(),
        null);
  }

  private static String text(String s) {
    return s == null ? null : Text.forJson(s);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
