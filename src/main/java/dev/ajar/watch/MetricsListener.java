package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.PortState;
import dev.ajar.metrics.PortMetrics;
import dev.ajar.model.Exposure;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Each snapshot into the Prometheus metrics (`ajar watch --metrics ADDRESS`), served till the end.
 */
final class MetricsListener implements WatchListener {
  private final PortMetrics metrics;
  private final HTTPServer server;

  MetricsListener(PortMetrics metrics, HTTPServer server) {
    this.metrics = metrics;
    this.server = server;
  }

  @Override
  public void snapshot(SnapshotStats stats, List<Change> changes, Collection<PortState> open) {
    List<PortMetrics.Port> ports = new ArrayList<>(open.size());
    for (PortState p : open) {
      ports.add(
          new PortMetrics.Port(
              p.key().netns(),
              p.key().protocol(),
              p.key().port(),
              // unknown: counted as the widest, never hidden
              Exposure.Scope.fromLabel(p.exposure()).orElse(Exposure.Scope.ANY),
              p.verdict() == null ? null : p.verdict().severity()));
    }
    int opened = (int) changes.stream().filter(c -> c.kind() == Change.Kind.OPENED).count();
    metrics.record(ports, opened, changes.size() - opened, stats.wall());
  }

  @Override
  public void stopped() {
    server.close();
  }
}
