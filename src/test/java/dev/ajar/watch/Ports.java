package dev.ajar.watch;

import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import dev.ajar.history.Verdict;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ports and snapshots for the watch tests. */
final class Ports {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private Ports() {}

  static Instant t(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static PortKey key(int port) {
    return new PortKey("host", "tcp", "127.0.0.1", port, "manual", "/usr/bin/python3.11");
  }

  static PortState state(int port, int pid) {
    return new PortState(
        key(port),
        null,
        "loopback",
        null,
        0,
        "/usr/bin/python3.11",
        new PackageRef("dpkg", "python3.11-minimal", "3.11.2-6"),
        pid,
        "python3",
        "root",
        0,
        null);
  }

  static PortState judged(int port, int pid) {
    return state(port, pid)
        .withVerdict(
            new Verdict(
                "port/tcp/" + port + "@host",
                Severity.INFO,
                "knowledge base",
                "an unknown service"));
  }

  static Map<PortKey, PortState> snapshot(PortState... states) {
    Map<PortKey, PortState> m = new LinkedHashMap<>();
    for (PortState s : states) {
      m.put(s.key(), s);
    }
    return m;
  }
}
