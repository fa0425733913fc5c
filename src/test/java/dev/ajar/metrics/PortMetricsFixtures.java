package dev.ajar.metrics;

import dev.ajar.model.Exposure;
import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import java.time.Duration;
import java.util.List;

/** Two snapshots as a watcher records them: four ports with a finding, then two closed. */
public final class PortMetricsFixtures {
  private PortMetricsFixtures() {}

  public static void recordTwoSnapshots(PortMetrics metrics) {
    var ssh4 =
        PortMetricsTest.socket(
            PortMetricsTest.HOST, Protocol.TCP, "0.0.0.0", 22, Exposure.Scope.ANY);
    var ssh6 =
        PortMetricsTest.socket(PortMetricsTest.HOST, Protocol.TCP, "::", 22, Exposure.Scope.ANY);
    var smtp =
        PortMetricsTest.socket(
            PortMetricsTest.HOST, Protocol.TCP, "127.0.0.1", 25, Exposure.Scope.LOOPBACK);
    var dns =
        PortMetricsTest.socket(
            PortMetricsTest.LAB, Protocol.UDP, "127.0.0.1", 53, Exposure.Scope.LOOPBACK);
    metrics.record(
        PortMetrics.ports(
            List.of(ssh4, ssh6, smtp, dns), List.of(PortMetricsTest.finding(Severity.HIGH, ssh4))),
        3,
        0,
        Duration.ofMillis(120));
    metrics.record(PortMetrics.ports(List.of(ssh4, ssh6), List.of()), 0, 2, Duration.ofMillis(80));
  }
}
