package dev.ajar.report;

import dev.ajar.discover.PortInventory;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Text;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table people read. By default one row per open port (protocol, port, namespace), with all
 * its bind addresses and owners, fitted to 80 columns; {@code wide} shows every process with its
 * user, unit and command line; {@code allStates} lists every socket with state and peer.
 * Everything a process chose itself is escaped before it reaches the terminal.
 */
public final class PortsTableWriter {
  /** How to print. */
  public record Options(boolean wide, boolean allStates, boolean numeric) {}

  private PortsTableWriter() {}

  public static void write(PortInventory inventory, Options options, PrintStream out) {
    if (inventory.sockets().isEmpty()) {
      out.println("No open ports found.");
      return;
    }
    if (options.allStates()) {
      writeSockets(inventory.sockets(), options, out);
    } else {
      writeGrouped(inventory.sockets(), options, out);
    }
  }

  private static void writeGrouped(List<OpenSocket> sockets, Options o, PrintStream out) {
    Map<String, List<OpenSocket>> groups = new LinkedHashMap<>();
    for (OpenSocket s : sockets) {
      String key =
          s.socket().protocol() + "/" + s.socket().local().port() + "/" + s.netns().inode();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    Table t = new Table("PROTO", "PORT", "SERVICE", "EXPOSED", "ADDRESS", "NETNS", "PROCESS");
    for (List<OpenSocket> group : groups.values()) {
      OpenSocket first = group.getFirst();
      Set<String> addresses = new LinkedHashSet<>();
      Set<String> exposures = new LinkedHashSet<>();
      for (OpenSocket s : group) {
        addresses.add(addressText(s));
        exposures.add(exposureText(s.exposure()));
      }
      String service = o.numeric() || first.service() == null ? "" : first.service();
      List<String> owners = ownerTexts(group, o);
      String[] row = {
        protoText(first),
        Integer.toString(first.socket().local().port()),
        Text.forTerminal(service),
        String.join(",", exposures),
        String.join(" ", addresses),
        Text.forTerminal(first.netns().name()),
        owners.isEmpty() ? "-" : owners.getFirst()
      };
      t.add(row);
      if (o.wide()) {
        for (int i = 1; i < owners.size(); i++) {
          t.add(new String[] {"", "", "", "", "", "", owners.get(i)});
        }
      }
    }
    t.print(out, o.wide() ? Integer.MAX_VALUE : 80, 4, 6);
  }

  private static void writeSockets(List<OpenSocket> sockets, Options o, PrintStream out) {
    Table t = new Table("PROTO", "STATE", "LOCAL", "PEER", "NETNS", "PROCESS");
    for (OpenSocket s : sockets) {
      List<String> owners = ownerTexts(List.of(s), o);
      t.add(
          new String[] {
            protoText(s),
            s.socket().state().name(),
            s.socket().local().toString(),
            s.socket().state().isOpenPort() ? "*" : s.socket().remote().toString(),
            Text.forTerminal(s.netns().name()),
            owners.isEmpty() ? "-" : String.join("; ", owners)
          });
    }
    t.print(out, o.wide() ? Integer.MAX_VALUE : 80, 2, 5);
  }

  private static String protoText(OpenSocket s) {
    return s.socket().protocol().label() + (s.socket().family() == Family.INET6 ? "6" : "");
  }

  private static String addressText(OpenSocket s) {
    String a = s.socket().local().addressText();
    if (s.socket().family() == Family.INET6) {
      a = "[" + a + "]";
    }
    return s.exposure().interfaceName() == null ? a : a + "%" + s.exposure().interfaceName();
  }

  private static String exposureText(Exposure e) {
    if (e.scope() == Exposure.Scope.ANY && Boolean.TRUE.equals(e.v6Only())) {
      return "any(v6only)";
    }
    return e.scope().label();
  }

  /**
   * One text per owner. Narrow: "sshd[812,913] root", processes of the same name and user
   * merged. Wide: one per process with unit and command line.
   */
  private static List<String> ownerTexts(List<OpenSocket> group, Options o) {
    Map<Integer, ProcessInfo> byPid = new LinkedHashMap<>();
    boolean activated = false;
    for (OpenSocket s : group) {
      activated |= s.socketActivated();
      for (ProcessInfo p : s.processes()) {
        byPid.putIfAbsent(p.pid(), p);
      }
    }
    List<String> texts = new ArrayList<>();
    if (byPid.isEmpty()) {
      long uid = Integer.toUnsignedLong(group.getFirst().socket().uid());
      boolean kernel = group.getFirst().socket().inode() == 0;
      texts.add(kernel ? "(kernel)" : "(unknown) uid " + uid);
      return texts;
    }
    if (o.wide()) {
      for (ProcessInfo p : byPid.values()) {
        StringBuilder sb = new StringBuilder();
        sb.append(Text.forTerminal(p.name())).append('[').append(p.pid()).append("] ");
        sb.append(userText(p, o));
        if (p.unit() != null) {
          sb.append(" unit=").append(Text.forTerminal(p.unit()));
        }
        if (p.containerId() != null) {
          sb.append(" container=").append(shortId(p.containerId()));
        }
        sb.append(" cmd=").append(Text.forTerminal(String.join(" ", p.cmdline())));
        texts.add(sb.toString());
      }
    } else {
      Map<String, List<Integer>> merged = new LinkedHashMap<>();
      for (ProcessInfo p : byPid.values()) {
        merged.computeIfAbsent(
                Text.forTerminal(p.name()) + "\0" + userText(p, o), k -> new ArrayList<>())
            .add(p.pid());
      }
      for (Map.Entry<String, List<Integer>> e : merged.entrySet()) {
        String[] nameUser = e.getKey().split("\0", 2);
        List<Integer> pids = e.getValue();
        String pidText = pids.size() <= 2
            ? String.join(",", pids.stream().map(String::valueOf).toList())
            : pids.getFirst() + ",+" + (pids.size() - 1);
        texts.add(nameUser[0] + "[" + pidText + "] " + nameUser[1]);
      }
      if (texts.size() > 1) {
        String all = String.join("; ", texts);
        texts.clear();
        texts.add(all);
      }
    }
    if (activated) {
      texts.set(0, texts.getFirst() + " (socket-activated)");
    }
    return texts;
  }

  private static String userText(ProcessInfo p, Options o) {
    if (o.numeric() || p.user() == null) {
      return Long.toString(Integer.toUnsignedLong(p.uid()));
    }
    return Text.forTerminal(p.user());
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : Text.forTerminal(id);
  }
}
