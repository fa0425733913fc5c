package dev.ajar.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Parses `ss -H -tuanp` lines into comparable keys, for cross-checking ajar against ss.
 *
 * <pre>
 * tcp   LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("sshd",pid=9624,fd=3))
 * udp   UNCONN 0      0                  *:111             *:*    users:(("rpcbind",pid=9625,fd=5))
 * </pre>
 */
final class SsOutput {
  /** One socket: "proto state local-address port" and the pids ss names. */
  record Entry(String key, Set<Integer> pids) {}

  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  private SsOutput() {}

  static List<Entry> parse(String text) {
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 6) {
        continue;
      }
      Set<Integer> pids = new TreeSet<>();
      Matcher m = PID.matcher(line);
      while (m.find()) {
        pids.add(Integer.parseInt(m.group(1)));
      }
      entries.add(new Entry(key(f[0], state(f[1]), f[4]), pids));
    }
    return entries;
  }

  static String key(String proto, String state, String local) {
    int colon = local.lastIndexOf(':');
    String address = local.substring(0, colon);
    String port = local.substring(colon + 1);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    int scope = address.indexOf('%');
    if (scope >= 0) {
      address = address.substring(0, scope);
    }
    if (address.equals("*")) {
      address = "::"; // ss prints a dual-stack [::] socket as *
    }
    return proto + " " + state + " " + address + " " + port;
  }

  /** ss abbreviates some state names. */
  static String state(String ss) {
    return switch (ss) {
      case "ESTAB" -> "ESTABLISHED";
      case "SYN-SENT" -> "SYN_SENT";
      case "SYN-RECV" -> "SYN_RECV";
      case "FIN-WAIT-1" -> "FIN_WAIT1";
      case "FIN-WAIT-2" -> "FIN_WAIT2";
      case "TIME-WAIT" -> "TIME_WAIT";
      case "CLOSE-WAIT" -> "CLOSE_WAIT";
      case "LAST-ACK" -> "LAST_ACK";
      case "UNCONN" -> "UNCONN";
      default -> ss;
    };
  }

  /** ss's sockets: key → union of the pids of every socket with that key. */
  static Map<String, Set<Integer>> byKey(String ssText) {
    Map<String, Set<Integer>> map = new TreeMap<>();
    for (Entry e : parse(ssText)) {
      map.computeIfAbsent(e.key(), k -> new TreeSet<>()).addAll(e.pids());
    }
    return map;
  }

  /** ajar's TCP and UDP sockets of an ajar.ports/1 document, keyed as ss's. */
  static Map<String, Set<Integer>> byKey(JsonNode doc) {
    Map<String, Set<Integer>> map = new TreeMap<>();
    for (JsonNode s : doc.get("sockets")) {
      String proto = s.get("protocol").asString();
      if (!proto.equals("tcp") && !proto.equals("udp")) {
        continue; // ss -tu shows neither UDP-Lite nor RAW
      }
      String address = s.get("local").get("address").asString();
      String local =
          (address.contains(":") ? "[" + address + "]" : address)
              + ":"
              + s.get("local").get("port").asInt();
      map.computeIfAbsent(key(proto, s.get("state").asString(), local), k -> new TreeSet<>())
          .addAll(Integration.pids(s));
    }
    return map;
  }
}
