package dev.ajar.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Endpoint;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import dev.ajar.model.SupervisorKind;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftTest {
  static final Namespace HOST = new Namespace(4026531840L, "host", Namespace.Kind.HOST);
  static final Namespace OTHER = new Namespace(4026532000L, "lab", Namespace.Kind.NAMED);
  static final Owner SSH =
      new Owner(
          SupervisorKind.SYSTEMD,
          "ssh.service",
          "/lib/systemd/system/ssh.service",
          0,
          "/usr/sbin/sshd");
  static final Owner STATD =
      new Owner(SupervisorKind.SYSTEMD, "rpc-statd.service", null, 0, "/usr/sbin/rpc.statd");

  static OpenSocket live(Namespace ns, Protocol p, String address, int port, Owner owner) {
    InetAddress a = InetAddress.ofLiteral(address);
    Family f = a instanceof java.net.Inet6Address ? Family.INET6 : Family.INET;
    Endpoint local = new Endpoint(a, port);
    KernelSocket k =
        new KernelSocket(
            p,
            f,
            p == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONN,
            local,
            new Endpoint(InetAddress.ofLiteral(f == Family.INET ? "0.0.0.0" : "::"), 0),
            0,
            1,
            null);
    return new OpenSocket(k, ns, null, PredictedSockets.exposure(local), List.of(), false)
        .withAttribution(owner, null);
  }

  static PredictedPort predicted(Protocol p, int port, Owner owner, String... addresses) {
    return new PredictedPort(
        p,
        port,
        List.of(addresses),
        owner,
        null,
        PredictedPort.Source.CONFIG,
        null,
        0,
        "multi-user.target pulls it in");
  }

  @Test
  void nothingDriftsWhenNowAndBootAgree() {
    Drift d =
        Drift.between(
            List.of(
                live(HOST, Protocol.TCP, "0.0.0.0", 22, SSH),
                live(HOST, Protocol.TCP, "::", 22, SSH)),
            List.of(predicted(Protocol.TCP, 22, SSH, "0.0.0.0", "::")),
            List.of(),
            List.of());
    assertThat(d.isClean()).isTrue();
  }

  @Test
  void aPortStartedByHandIsOpenNotAtBoot() {
    Owner manual = new Owner(SupervisorKind.MANUAL, "nc", null, 0, "/usr/bin/nc");
    Drift d =
        Drift.between(
            List.of(live(HOST, Protocol.TCP, "0.0.0.0", 4444, manual)),
            List.of(),
            List.of(),
            List.of());
    assertThat(d.openNotAtBoot()).hasSize(1);
    assertThat(d.isClean()).isFalse();
  }

  @Test
  void aServiceStoppedButStillEnabledWillOpenAtBoot() {
    Drift d =
        Drift.between(
            List.of(), List.of(predicted(Protocol.TCP, 21, SSH, "::")), List.of(), List.of());
    assertThat(d.closedButWillOpen()).extracting(PredictedPort::port).containsExactly(21);
  }

  @Test
  void aPortOpenWiderNowThanAtBootIsDrift() {
    Drift d =
        Drift.between(
            List.of(live(HOST, Protocol.TCP, "0.0.0.0", 25, SSH)),
            List.of(predicted(Protocol.TCP, 25, SSH, "127.0.0.1", "::1")),
            List.of(),
            List.of());
    assertThat(d.openNotAtBoot()).hasSize(1);
    assertThat(d.closedButWillOpen()).isEmpty();
  }

  @Test
  void aDynamicPortIsAccountedForByItsEntry() {
    Drift d =
        Drift.between(
            List.of(
                live(HOST, Protocol.UDP, "0.0.0.0", 41234, STATD),
                live(
                    HOST,
                    Protocol.UDP,
                    "0.0.0.0",
                    41235,
                    new Owner(SupervisorKind.MANUAL, "x", null, 0, "/usr/bin/x"))),
            List.of(predicted(Protocol.UDP, 0, STATD, "0.0.0.0")),
            List.of(),
            List.of());
    assertThat(d.closedButWillOpen()).isEmpty();
    assertThat(d.openNotAtBoot()).extracting(s -> s.socket().local().port()).containsExactly(41235);
  }

  @Test
  void otherNamespacesAreNotTheHostsBoot() {
    Drift d =
        Drift.between(
            List.of(live(OTHER, Protocol.TCP, "0.0.0.0", 8080, SSH)),
            List.of(),
            List.of(),
            List.of());
    assertThat(d.isClean()).isTrue();
  }

  @Test
  void udpOnIpv6LoopbackIsCoveredByALoopbackPrediction() {
    Drift d =
        Drift.between(
            List.of(live(HOST, Protocol.UDP, "::1", 161, SSH)),
            List.of(predicted(Protocol.UDP, 161, SSH, "127.0.0.1", "::1")),
            List.of(),
            List.of());
    assertThat(d.isClean()).isTrue();
  }
}
