package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * At the speed issue's load (about 70,000 loopback sockets in 20 processes, from
 * shared/bench/sockload.py), ajar's sockets and their holders equal `ss -tuapn`'s and `ss
 * -tulpn`'s, socket for socket: the fast paths (netlink, the native fd pass) lose nothing.
 */
class LoadedSsCrossCheckIT {
  private static final int PROCESSES = 20;

  @Test
  void everySocketOfTheLoadHasTheSameHoldersAsInSs() throws Exception {
    Integration.requireRoot();
    Integration.requireCommand("/usr/bin/ss");
    Integration.requireCommand("/usr/bin/python3");
    Path load = Integration.projectDir().resolve("../shared/bench/sockload.py").normalize();
    Integration.require(
        Files.isRegularFile(load), load + " (the shared benchmark load) is missing");
    Process loader =
        new ProcessBuilder("python3", load.toString(), "" + PROCESSES, "1000", "1000", "500", "120")
            .redirectErrorStream(true)
            .start();
    try {
      var ready =
          new BufferedReader(
              new InputStreamReader(loader.getInputStream(), StandardCharsets.UTF_8));
      assertThat(ready.readLine()).isEqualTo("READY");
      compare(new String[] {"-a"}, "-H -tuapn", 67_000);
      compare(new String[0], "-H -tulpn", 30_000);
    } finally {
      loader.descendants().forEach(ProcessHandle::destroy);
      loader.destroy();
      loader.waitFor();
    }
  }

  private static void compare(String[] ajarArgs, String ssArgs, int atLeast) throws Exception {
    String[] args = new String[ajarArgs.length + 2];
    System.arraycopy(ajarArgs, 0, args, 0, ajarArgs.length);
    args[ajarArgs.length] = "--netns";
    args[ajarArgs.length + 1] = "host";
    Map<String, Set<Integer>> ajar = ofAjar(Integration.ajarJson(args));
    String[] ssArgv = ("ss " + ssArgs).split(" ");
    Map<String, Set<Integer>> ss = ofSs(Integration.exec(Duration.ofSeconds(120), ssArgv).out());
    assertThat(ss.size()).as("sockets of the load in ss").isGreaterThanOrEqualTo(atLeast);
    assertThat(ajar.size()).isEqualTo(ss.size());
    assertThat(ajar).isEqualTo(ss);
  }

  /** Sockets of the load only (local and peer on 127.0.0.1-20): key "proto state local peer". */
  private static boolean ofLoad(String local, String peer) {
    return isLoadAddress(local)
        && (peer.equals("*") || isLoadAddress(peer) || peer.equals("0.0.0.0:*"));
  }

  private static boolean isLoadAddress(String endpoint) {
    if (!endpoint.startsWith("127.0.0.")) {
      return false;
    }
    String rest = endpoint.substring("127.0.0.".length(), endpoint.lastIndexOf(':'));
    int k = Integer.parseInt(rest);
    return k >= 1 && k <= PROCESSES;
  }

  private static Map<String, Set<Integer>> ofSs(String text) {
    Map<String, Set<Integer>> map = new TreeMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 6 || !ofLoad(f[4], f[5])) {
        continue;
      }
      String peer = f[5].endsWith(":*") ? "*" : f[5];
      Set<Integer> pids = new TreeSet<>();
      var m = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(line);
      while (m.find()) {
        pids.add(Integer.parseInt(m.group(1)));
      }
      map.merge(
          f[0] + " " + SsOutput.state(f[1]) + " " + f[4] + " " + peer,
          pids,
          (a, b) -> {
            a.addAll(b);
            return a;
          });
    }
    return map;
  }

  private static Map<String, Set<Integer>> ofAjar(JsonNode doc) {
    Map<String, Set<Integer>> map = new TreeMap<>();
    for (JsonNode s : doc.get("sockets")) {
      String proto = s.get("protocol").asString();
      if (!proto.equals("tcp") && !proto.equals("udp")) {
        continue;
      }
      String local =
          s.get("local").get("address").asString() + ":" + s.get("local").get("port").asInt();
      JsonNode r = s.get("remote");
      boolean open =
          s.get("state").asString().equals("LISTEN") || s.get("state").asString().equals("UNCONN");
      String peer = open ? "*" : r.get("address").asString() + ":" + r.get("port").asInt();
      if (!ofLoad(local, peer)) {
        continue;
      }
      map.merge(
          proto + " " + s.get("state").asString() + " " + local + " " + peer,
          new TreeSet<>(Integration.pids(s)),
          (a, b) -> {
            a.addAll(b);
            return a;
          });
    }
    return map;
  }
}
