package dev.ajar.report;

import dev.ajar.discover.PortInventory;
import dev.ajar.model.Addresses;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.SupervisorKind;
import dev.ajar.model.Text;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The table people read. By default one row per open port (protocol, port, namespace), with all its
 * bind addresses and owners, fitted to 80 columns; {@code wide} shows every process with its user,
 * unit and command line; {@code allStates} lists every socket with state and peer. Everything a
 * process chose itself is escaped before it reaches the terminal.
 */
public final class PortsTableWriter {
  /**
   * How to print.
   *
   * @param holders whether the processes holding the sockets were looked up (not with --no-owners):
   *     without, the column shows the socket's user
   */
  public record Options(boolean wide, boolean allStates, boolean numeric, boolean holders) {
    public Options(boolean wide, boolean allStates, boolean numeric) {
      this(wide, allStates, numeric, true);
    }
  }

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

  /** One section per namespace (host first), one row per (protocol, port) within it. */
  private static void writeGrouped(List<OpenSocket> sockets, Options o, PrintStream out) {
    Map<Long, Map<Integer, List<OpenSocket>>> sections = new TreeMap<>();
    Map<Long, Namespace> namespaces = new HashMap<>();
    for (OpenSocket s : sockets) {
      namespaces.putIfAbsent(s.netns().inode(), s.netns());
      sections
          .computeIfAbsent(s.netns().inode(), k -> new LinkedHashMap<>())
          .computeIfAbsent(
              s.socket().protocol().ordinal() << 16 | s.socket().local().port(),
              k -> new ArrayList<>(1))
          .add(s);
    }
    // Thousands of rows share a handful of holders and owners: their texts are made once.
    Map<ProcessInfo, List<String>> ownerCache = new java.util.IdentityHashMap<>();
    Map<Owner, Map<PackageRef, List<String>>> viaCache = new java.util.IdentityHashMap<>();
    Map<Integer, List<String>> byUid = new HashMap<>();
    Map<InetAddress, String> addressTexts = new java.util.IdentityHashMap<>();
    List<Namespace> order = new ArrayList<>(namespaces.values());
    order.sort(
        java.util.Comparator.comparing((Namespace n) -> !n.isHost())
            .thenComparing(Namespace::name));
    boolean first = true;
    for (Namespace ns : order) {
      if (!first) {
        out.println();
      }
      first = false;
      if (order.size() > 1 || !ns.isHost()) {
        out.println(namespaceTitle(ns));
      }
      Table t = new Table("PROTO", "PORT", "SERVICE", "EXPOSED", "ADDRESS", "PROCESS");
      for (List<OpenSocket> group : sections.get(ns.inode()).values()) {
        OpenSocket head = group.getFirst();
        String service = o.numeric() || head.service() == null ? "" : head.service();
        List<String> owners;
        if (group.size() > 1 || head.socketActivated() || head.processes().size() > 1) {
          owners = ownerTexts(group, o);
        } else if (head.processes().isEmpty()) {
          owners =
              head.socket().inode() == 0
                  ? ownerTexts(group, o)
                  : byUid.computeIfAbsent(head.socket().uid(), k -> ownerTexts(group, o));
        } else {
          owners =
              ownerCache.computeIfAbsent(head.processes().getFirst(), k -> ownerTexts(group, o));
        }
        t.add(
            new String[] {
              protoText(group),
              Integer.toString(head.socket().local().port()),
              Text.forTerminal(service),
              Exposure.widest(group).label(),
              addressesText(group, addressTexts),
              owners.isEmpty() ? "-" : owners.getFirst()
            });
        if (o.wide()) {
          for (int i = 1; i < owners.size(); i++) {
            t.add(new String[] {"", "", "", "", "", owners.get(i)});
          }
        }
        List<String> via;
        if (group.size() > 1) {
          via = attributionLines(group);
        } else if (head.owner() == null) {
          via = List.of();
        } else {
          // By identity: attribution hands out one owner and one package object per program.
          via =
              viaCache
                  .computeIfAbsent(head.owner(), k -> new java.util.IdentityHashMap<>())
                  .computeIfAbsent(head.pkg(), k -> attributionLines(group));
        }
        for (String line : via) {
          t.addNote(line);
        }
      }
      t.print(out, o.wide() ? Integer.MAX_VALUE : 80, 2, 4, 5);
    }
  }

  /**
   * " via inetd finger (/etc/inetd.conf:12) /usr/sbin/in.fingerd, fingerd 0.17-17": who starts the
   * port and where it comes from, one line per distinct owner of the group.
   */
  static List<String> attributionLines(List<OpenSocket> group) {
    Set<String> lines = new LinkedHashSet<>();
    for (OpenSocket s : group) {
      Owner owner = s.owner();
      if (owner == null) {
        continue;
      }
      StringBuilder sb = new StringBuilder("  via ").append(owner.supervisor().label());
      if (owner.supervisor() == SupervisorKind.MANUAL) {
        sb.append(" (nothing on the host starts it)");
      } else if (owner.entry() != null) {
        sb.append(' ').append(Text.forTerminal(owner.entry()));
      }
      if (owner.file() != null) {
        sb.append(" (").append(Text.forTerminal(owner.file()));
        if (owner.line() > 0) {
          sb.append(':').append(owner.line());
        }
        sb.append(')');
      }
      if (owner.program() != null) {
        sb.append(' ').append(Text.forTerminal(owner.program()));
      }
      PackageRef pkg = s.pkg();
      sb.append(", ")
          .append(
              pkg == null
                  ? "no package"
                  : Text.forTerminal(pkg.name()) + " " + Text.forTerminal(pkg.version()));
      lines.add(sb.toString());
    }
    return new ArrayList<>(lines);
  }

  private static String namespaceTitle(Namespace ns) {
    String kind =
        switch (ns.kind()) {
          case HOST -> "host";
          case NAMED -> "ip netns";
          case CONTAINER -> "container";
          case ANONYMOUS -> "unnamed";
        };
    return "netns " + Text.forTerminal(ns.name()) + " (" + kind + ", inode " + ns.inode() + ")";
  }

  /** "tcp" when every socket of the group is IPv4, "tcp6" when all are IPv6, else "tcp". */
  private static String protoText(List<OpenSocket> group) {
    boolean allV6 = true;
    for (OpenSocket s : group) {
      allV6 &= s.socket().family() == Family.INET6;
    }
    return group.getFirst().socket().protocol().label() + (allV6 ? "6" : "");
  }

  /**
   * The bind addresses: "*" for 0.0.0.0 together with ::, "[::]v6" for an IPv6-only ::, each
   * specific address with its interface.
   */
  private static String addressesText(List<OpenSocket> group, Map<InetAddress, String> cache) {
    if (group.size() == 1) {
      return addressText(group.getFirst(), cache);
    }
    Set<String> texts = new LinkedHashSet<>();
    boolean v4Any = false;
    boolean v6Any = false;
    for (OpenSocket s : group) {
      if (s.socket().local().isWildcard()) {
        if (s.socket().family() == Family.INET) {
          v4Any = true;
        } else {
          v6Any = true;
        }
      }
    }
    if (v4Any && v6Any) {
      texts.add("*");
    }
    for (OpenSocket s : group) {
      boolean wildcard = s.socket().local().isWildcard();
      if (wildcard && v4Any && v6Any) {
        continue;
      }
      texts.add(addressText(s, cache));
    }
    return String.join(" ", texts);
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
    return protoText(List.of(s));
  }

  private static String addressText(OpenSocket s, Map<InetAddress, String> cache) {
    // By identity: discovery hands out one address object per distinct address.
    String a = cache.computeIfAbsent(s.socket().local().address(), Addresses::format);
    if (s.socket().family() == Family.INET6) {
      a = "[" + a + "]";
    }
    if (s.exposure().interfaceName() != null) {
      return a + "%" + s.exposure().interfaceName();
    }
    return Boolean.TRUE.equals(s.exposure().v6Only()) ? a + "v6" : a;
  }

  /**
   * One text per owner. Narrow: "sshd[812,913] root", processes of the same name and user merged.
   * Wide: one per process with unit and command line.
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
      texts.add(kernel ? "(kernel)" : (o.holders() ? "(unknown) uid " : "uid ") + uid);
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
        merged
            .computeIfAbsent(
                Text.forTerminal(p.name()) + "\0" + userText(p, o), k -> new ArrayList<>())
            .add(p.pid());
      }
      for (Map.Entry<String, List<Integer>> e : merged.entrySet()) {
        String[] nameUser = e.getKey().split("\0", 2);
        List<Integer> pids = e.getValue();
        String pidText =
            pids.size() <= 2
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
