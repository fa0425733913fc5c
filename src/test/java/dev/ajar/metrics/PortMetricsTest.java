package dev.ajar.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.host.BadInputException;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.Finding;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import dev.ajar.model.SocketState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exposition after each snapshot: ports counted once per namespace, series that go away. */
public class PortMetricsTest {
  // the snapshots themselves are shared with the scrape test (PortMetricsFixtures)
  public static final Namespace HOST = new Namespace(1, "host", Namespace.Kind.HOST);
  public static final Namespace LAB = new Namespace(2, "lab", Namespace.Kind.NAMED);

  public static OpenSocket socket(
      Namespace ns, Protocol p, String address, int port, Exposure.Scope scope) {
    InetAddress a = InetAddress.ofLiteral(address);
    Family f = address.contains(":") ? Family.INET6 : Family.INET;
    KernelSocket k =
        new KernelSocket(
            p,
            f,
            p == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONN,
            new Endpoint(a, port),
            new Endpoint(a, 0),
            0,
            port,
            null);
    return new OpenSocket(k, ns, null, new Exposure(scope, null, null), List.of(), false);
  }

  public static Finding finding(Severity s, OpenSocket on) {
    return new Finding("x", s, List.of(on), "x", "why", "fix", null, List.of());
  }

  @Test
  void portsAreCountedOncePerNamespaceByTheirWidestExposureAndVanishWhenClosed() {
    PortMetrics metrics = new PortMetrics();
    OpenSocket ssh4 = socket(HOST, Protocol.TCP, "0.0.0.0", 22, Exposure.Scope.ANY);
    OpenSocket ssh6 = socket(HOST, Protocol.TCP, "::", 22, Exposure.Scope.ANY);
    OpenSocket smtp = socket(HOST, Protocol.TCP, "127.0.0.1", 25, Exposure.Scope.LOOPBACK);
    OpenSocket dns = socket(LAB, Protocol.UDP, "127.0.0.1", 53, Exposure.Scope.LOOPBACK);
    metrics.record(
        PortMetrics.ports(List.of(ssh4, ssh6, smtp, dns), List.of(finding(Severity.HIGH, ssh4))),
        3,
        0,
        Duration.ofMillis(120));
    String text = metrics.text();
    assertThat(text)
        .contains("ajar_open_ports{exposure=\"any\",netns=\"host\",protocol=\"tcp\"} 1.0")
        .contains("ajar_open_ports{exposure=\"loopback\",netns=\"host\",protocol=\"tcp\"} 1.0")
        .contains("ajar_open_ports{exposure=\"loopback\",netns=\"lab\",protocol=\"udp\"} 1.0")
        .contains("ajar_findings{severity=\"high\"} 1.0")
        .contains("ajar_findings{severity=\"critical\"} 0.0")
        .contains("ajar_port_changes_total{change=\"opened\"} 3.0")
        .contains("ajar_port_changes_total{change=\"closed\"} 0.0")
        .contains("ajar_snapshot_duration_seconds_count 1")
        .doesNotContain("port=\"", "pid=\"");

    metrics.record(PortMetrics.ports(List.of(ssh4, ssh6), List.of()), 0, 2, Duration.ofMillis(80));
    text = metrics.text();
    assertThat(text)
        .contains("ajar_open_ports{exposure=\"any\",netns=\"host\",protocol=\"tcp\"} 1.0")
        .doesNotContain("exposure=\"loopback\"")
        .contains("ajar_findings{severity=\"high\"} 0.0")
        .contains("ajar_port_changes_total{change=\"opened\"} 3.0")
        .contains("ajar_port_changes_total{change=\"closed\"} 2.0")
        .contains("ajar_snapshot_duration_seconds_count 2");
  }

  @Test
  void anAddressThatIsNoHostAndPortIsRefusedInOneLine() {
    PortMetrics metrics = new PortMetrics();
    assertThatThrownBy(() -> metrics.serve("localhost:9425"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--metrics localhost:9425: localhost is not an IP address");
    assertThatThrownBy(() -> metrics.serve("9425")).hasMessage("--metrics 9425: not HOST:PORT");
    assertThatThrownBy(() -> metrics.serve("127.0.0.1:99999"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--metrics 127.0.0.1:99999: 99999 is not a port");
  }
}
