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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * From attributed sockets to the ports a snapshot records: one {@link PortKey} per (namespace,
 * protocol, local address, port, owner), so the IPv4 and IPv6 sockets of one daemon are two ports
 * and the several sockets of one key (SO_REUSEPORT, pre-forked workers) are one. Only listening and
 * bound sockets are ports: connections are not port changes.
 *
 * <p>One instance per snapshot: tens of thousands of sockets share a few namespaces, owners and
 * processes (attribution shares the objects too), so the text of each object is made once.
 */
final class Snapshots {
  private final Map<Object, String> texts = new IdentityHashMap<>();

  /** The sockets of each key, in no particular order. */
  Map<PortKey, List<OpenSocket>> group(List<OpenSocket> sockets) {
    Map<PortKey, List<OpenSocket>> groups = HashMap.newHashMap(sockets.size());
    for (OpenSocket s : sockets) {
      if (s.socket().state().isOpenPort()) {
        groups.computeIfAbsent(key(s), k -> new ArrayList<>(1)).add(s);
      }
    }
    return groups;
  }

  PortKey key(OpenSocket s) {
    Owner o = s.owner();
    return new PortKey(
        text(s.netns(), s.netns().name()),
        s.socket().protocol().label(),
        s.socket().local().addressText(),
        s.socket().local().port(),
        o == null ? "" : o.supervisor().label(),
        o == null ? "" : text(o, o.entry() != null ? o.entry() : nonNull(o.program())));
  }

  /** Who holds the key's sockets: the lowest pid of every holder, the owner's details. */
  PortState state(PortKey key, List<OpenSocket> sockets) {
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
        o == null || o.file() == null ? null : Text.forJson(o.file()),
        o == null ? 0 : o.line(),
        program == null ? null : Text.forJson(program),
        first.pkg(),
        holder == null ? -1 : holder.pid(),
        holder == null || holder.name() == null ? null : text(holder, holder.name()),
        holder == null ? null : holder.user(),
        holder == null ? first.socket().uid() : holder.uid(),
        null);
  }

  /** {@code value} as the history keeps text, made once per {@code of}. */
  private String text(Object of, String value) {
    return texts.computeIfAbsent(of, x -> Text.forJson(value));
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
