package dev.ajar.metrics;

import dev.ajar.host.BadInputException;
import dev.ajar.model.Exposure;
import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Severity;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What `ajar watch` tells Prometheus, in its conventions and through its official client: the open
 * ports of the last snapshot by protocol, exposure and namespace, the findings by severity, the
 * port changes counted, and how long each snapshot took. No label carries a port or a pid, so the
 * number of series stays bounded by namespaces × protocols × exposures.
 */
public final class PortMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Gauge openPorts =
      Gauge.builder()
          .name("ajar_open_ports")
          .help("Open ports of the last snapshot (a port bound on several addresses counts once)")
          .labelNames("protocol", "exposure", "netns")
          .register(registry);
  private final Gauge findings =
      Gauge.builder()
          .name("ajar_findings")
          .help("Findings of the last snapshot, by severity")
          .labelNames("severity")
          .register(registry);
  private final Counter changes =
      Counter.builder()
          .name("ajar_port_changes_total")
          .help("Ports opened or closed since the watcher started")
          .labelNames("change")
          .register(registry);
  private final Histogram snapshotDuration =
      Histogram.builder()
          .name("ajar_snapshot_duration_seconds")
          .help("Time to take one snapshot of the open ports, attributed and judged")
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .register(registry);

  public PortMetrics() {
    for (Severity s : Severity.values()) {
      findings.labelValues(s.label()).set(0);
    }
    changes.initLabelValues("opened");
    changes.initLabelValues("closed");
  }

  /**
   * One open port as the metrics count it.
   *
   * @param finding the severity of what the judge found on it, or null for nothing
   */
  public record Port(
      String netns, String protocol, int port, Exposure.Scope exposure, Severity finding) {}

  /** The ports of attributed sockets, each with the worst finding on it. */
  public static List<Port> ports(List<OpenSocket> open, List<Finding> found) {
    Map<String, Severity> worst = new HashMap<>();
    for (Finding f : found) {
      for (OpenSocket s : f.sockets()) {
        worst.merge(key(s), f.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    List<Port> ports = new ArrayList<>();
    for (OpenSocket s : open) {
      ports.add(
          new Port(
              s.netns().name(),
              s.socket().protocol().label(),
              s.socket().local().port(),
              s.exposure().scope(),
              worst.get(key(s))));
    }
    return ports;
  }

  private static String key(OpenSocket s) {
    return s.netns().inode() + "/" + s.socket().protocol() + "/" + s.socket().local().port();
  }

  /**
   * One snapshot: what is open (a port bound on several addresses counts once, at its widest
   * exposure and its worst finding), what changed since the last one, how long it took.
   */
  public void record(List<Port> open, int opened, int closed, Duration took) {
    Map<List<String>, Exposure.Scope> exposure = new HashMap<>();
    Map<List<String>, Severity> worst = new HashMap<>();
    for (Port p : open) {
      List<String> port = List.of(p.netns(), p.protocol(), String.valueOf(p.port()));
      exposure.merge(port, p.exposure(), Exposure.Scope::wider);
      if (p.finding() != null) {
        worst.merge(port, p.finding(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    Map<List<String>, Integer> counts = new HashMap<>();
    exposure.forEach(
        (port, scope) ->
            counts.merge(List.of(port.get(1), scope.label(), port.get(0)), 1, Integer::sum));
    // Series of ports no longer open go, rather than stay at their last value.
    openPorts.clear();
    counts.forEach((labels, n) -> openPorts.labelValues(labels.toArray(String[]::new)).set(n));
    Map<Severity, Integer> bySeverity = new HashMap<>();
    worst.values().forEach(s -> bySeverity.merge(s, 1, Integer::sum));
    for (Severity s : Severity.values()) {
      findings.labelValues(s.label()).set(bySeverity.getOrDefault(s, 0));
    }
    changes.labelValues("opened").inc(opened);
    changes.labelValues("closed").inc(closed);
    snapshotDuration.observe(took.toNanos() / 1e9);
  }

  /** The metrics in Prometheus's text format, as a scrape would get them. */
  public String text() {
    var out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Serves /metrics on an address ("127.0.0.1:9425", "[::1]:9425"; loopback unless the
   * administrator says otherwise) until the server is closed.
   */
  public HTTPServer serve(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
      throw new BadInputException("--metrics " + address + ": not HOST:PORT");
    }
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(address.substring(colon + 1));
    if (port > 65535) {
      throw new BadInputException("--metrics " + address + ": " + port + " is not a port");
    }
    InetAddress bind;
    try {
      bind = InetAddress.ofLiteral(host);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--metrics " + address + ": " + host + " is not an IP address");
    }
    try {
      return HTTPServer.builder().inetAddress(bind).port(port).registry(registry).buildAndStart();
    } catch (IOException e) {
      throw new BadInputException("--metrics " + address + ": " + e.getMessage());
    }
  }
}
