package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.metrics.PortMetrics;
import dev.ajar.metrics.PortMetricsFixtures;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ajar's metrics scraped over HTTP on loopback and read by a real parser: the official Python
 * client's (python3-prometheus-client from Debian), which refuses what is not the text format.
 */
class MetricsScrapeIT {
  static final String SCRAPE =
      """
      import json, sys, urllib.request
      from prometheus_client.parser import text_string_to_metric_families
      text = urllib.request.urlopen(sys.argv[1], timeout=10).read().decode()
      out = {}
      for family in text_string_to_metric_families(text):
          for s in family.samples:
              key = s.name + "{" + ",".join(k + "=" + v for k, v in sorted(s.labels.items())) + "}"
              out[key] = {"value": s.value, "type": family.type}
      print(json.dumps(out))
      """;

  @Test
  void theOfficialParserReadsEveryFamilyWithItsType() throws Exception {
    Integration.requireCommand("/usr/bin/python3");
    var check =
        Integration.exec(
            Duration.ofSeconds(20), "/usr/bin/python3", "-c", "import prometheus_client.parser");
    Integration.require(
        check.code() == 0,
        "python3-prometheus-client is not installed (src/test/lab/install-test-deps.sh)");

    PortMetrics metrics = new PortMetrics();
    PortMetricsFixtures.recordTwoSnapshots(metrics);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    var server = metrics.serve("127.0.0.1:" + port);
    try {
      var r =
          Integration.exec(
              Duration.ofSeconds(30),
              "/usr/bin/python3",
              "-c",
              SCRAPE,
              "http://127.0.0.1:" + port + "/metrics");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode doc = Integration.JSON.readTree(r.out());
      Map<String, Double> values = new HashMap<>();
      Map<String, String> types = new HashMap<>();
      doc.properties()
          .forEach(
              e -> {
                values.put(e.getKey(), e.getValue().get("value").asDouble());
                types.put(e.getKey(), e.getValue().get("type").asString());
              });
      assertThat(values)
          .containsEntry("ajar_open_ports{exposure=any,netns=host,protocol=tcp}", 1.0)
          .containsEntry("ajar_findings{severity=high}", 0.0)
          .containsEntry("ajar_port_changes_total{change=opened}", 3.0)
          .containsEntry("ajar_port_changes_total{change=closed}", 2.0)
          .containsEntry("ajar_snapshot_duration_seconds_count{}", 2.0);
      assertThat(types)
          .containsEntry("ajar_open_ports{exposure=any,netns=host,protocol=tcp}", "gauge")
          .containsEntry("ajar_port_changes_total{change=opened}", "counter")
          .containsEntry("ajar_snapshot_duration_seconds_count{}", "histogram");
      assertThat(values.keySet()).noneMatch(k -> k.contains("port=") || k.contains("pid="));
    } finally {
      server.close();
    }
  }
}
