package dev.ajar.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.model.Protocol;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.remedy.RootFixture;
import dev.ajar.supervisors.InitSystem;
import dev.ajar.supervisors.Supervisors;
import dev.ajar.verify.config.ConfiguredListen;
import dev.ajar.verify.config.DaemonConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boot prediction on a root made of two real fixtures: the Debian 12 systemd tree written by
 * systemctl and Debian 12's inetd.conf (supervisors/README.md says where each came from).
 */
class BootPredictorTest {
  @TempDir Path tmp;
  Path root;

  /** A reader for ssh that says what a sshd_config would: a stand-in for the real readers. */
  static final class FixedSshReader implements DaemonConfigReader {
    @Override
    public String name() {
      return "sshd";
    }

    @Override
    public Set<String> answersTo() {
      return Set.of("ssh", "sshd");
    }

    @Override
    public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
      return Optional.of(
          List.of(
              new ConfiguredListen(Protocol.TCP, 2222, "127.0.0.1", "/etc/ssh/sshd_config", 14),
              new ConfiguredListen(Protocol.TCP, 2222, "::1", "/etc/ssh/sshd_config", 15)));
    }
  }

  @BeforeEach
  void compose() throws IOException {
    root = RootFixture.make(tmp.resolve("root"));
    Files.createDirectories(root.resolve("sbin"));
    Files.createSymbolicLink(root.resolve("sbin/init"), Path.of("/lib/systemd/systemd"));
  }

  BootPrediction predict(List<DaemonConfigReader> readers) {
    return new BootPredictor(
            Host.offline(root),
            KnowledgeBase.bundled(),
            readers,
            Supervisors.all(),
            PackageDatabases.all())
        .predict(new Diagnostics());
  }

  static PredictedPort port(BootPrediction p, Protocol protocol, int port) {
    return p.ports().stream()
        .filter(x -> x.protocol() == protocol && x.port() == port)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no prediction for " + protocol + "/" + port + " in " + p.ports()));
  }

  @Test
  void socketUnitsAndInetdEntriesArePredictedExactly() {
    BootPrediction p = predict(List.of());
    assertThat(p.init()).isEqualTo(InitSystem.SYSTEMD);
    assertThat(p.target()).isEqualTo("graphical.target");
    PredictedPort rpcbind = port(p, Protocol.TCP, 111);
    assertThat(rpcbind.source()).isEqualTo(PredictedPort.Source.SOCKET_UNIT);
    assertThat(rpcbind.owner().entry()).isEqualTo("rpcbind.socket");
    assertThat(rpcbind.addresses()).containsExactly("0.0.0.0", "::");
    PredictedPort shell = port(p, Protocol.TCP, 514);
    assertThat(shell.source()).isEqualTo(PredictedPort.Source.INETD);
    assertThat(shell.owner().program()).isEqualTo("/usr/sbin/in.rshd");
    assertThat(shell.file()).isEqualTo("/etc/inetd.conf");
    // openbsd-inetd: a bare "tcp" is one IPv4 and one IPv6 socket
    assertThat(shell.addresses()).containsExactly("0.0.0.0", "::");
    assertThat(shell.startedBy()).startsWith("inetd.service");
    // the socket-activated service adds nothing of its own
    assertThat(p.ports()).noneMatch(x -> x.owner().entry().equals("rpcbind.service"));
  }

  @Test
  void aDaemonWithAReaderIsPredictedFromItsConfiguration() {
    BootPrediction p = predict(List.of(new FixedSshReader()));
    PredictedPort ssh = port(p, Protocol.TCP, 2222);
    assertThat(ssh.source()).isEqualTo(PredictedPort.Source.CONFIG);
    assertThat(ssh.addresses()).containsExactly("127.0.0.1", "::1");
    assertThat(ssh.owner().entry()).isEqualTo("ssh.service");
    assertThat(ssh.file()).isEqualTo("/etc/ssh/sshd_config");
    assertThat(ssh.line()).isEqualTo(14);
    assertThat(p.ports()).noneMatch(x -> x.port() == 22);
  }

  @Test
  void withoutAReaderTheKnowledgeBaseDefaultIsUsedAndMarked() {
    BootPrediction p = predict(List.of());
    PredictedPort ssh = port(p, Protocol.TCP, 22);
    assertThat(ssh.source()).isEqualTo(PredictedPort.Source.DEFAULT);
    assertThat(ssh.file()).isNull();
    assertThat(ssh.addresses()).containsExactly("0.0.0.0", "::");
  }

  @Test
  void inetdEntriesAreNotPredictedWhenInetdDoesNotStart() throws IOException {
    Files.delete(root.resolve("etc/systemd/system/multi-user.target.wants/inetd.service"));
    BootPrediction p = predict(List.of());
    assertThat(p.ports()).noneMatch(x -> x.source() == PredictedPort.Source.INETD);
  }

  @Test
  void aMaskedSocketUnitPredictsNothingButItsEnabledServiceStillRuns() throws IOException {
    Path link = root.resolve("etc/systemd/system/sockets.target.wants/rpcbind.socket");
    Files.delete(link);
    Files.createSymbolicLink(
        root.resolve("etc/systemd/system/rpcbind.socket"), Path.of("/dev/null"));
    BootPrediction p = predict(List.of());
    assertThat(p.ports()).noneMatch(x -> x.owner().entry().equals("rpcbind.socket"));
    // rpcbind.service still starts (multi-user wants it) and binds 111 itself: by default
    assertThat(port(p, Protocol.TCP, 111).owner().entry()).isEqualTo("rpcbind.service");
  }

  @Test
  void predictedSocketsCarryTheOwnerAndTheExposure() {
    BootPrediction p = predict(List.of(new FixedSshReader()));
    var sockets = PredictedSockets.of(p);
    assertThat(sockets)
        .anyMatch(
            s ->
                s.socket().local().port() == 2222
                    && s.exposure().scope() == dev.ajar.model.Exposure.Scope.LOOPBACK
                    && s.owner().entry().equals("ssh.service"));
    assertThat(sockets)
        .anyMatch(
            s ->
                s.socket().local().port() == 514
                    && s.exposure().scope() == dev.ajar.model.Exposure.Scope.ANY);
  }
}
