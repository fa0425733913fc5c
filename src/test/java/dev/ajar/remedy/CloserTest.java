package dev.ajar.remedy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.Precondition;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.Finding;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import dev.ajar.model.SocketState;
import dev.ajar.model.SupervisorKind;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which owners `close --unlisted` disables for the policy's findings, and which it leaves. */
class CloserTest {
  static Finding finding(int port, Owner owner, String root) throws Exception {
    var any = InetAddress.getByName("0.0.0.0");
    var k =
        new KernelSocket(
            Protocol.TCP,
            Family.INET,
            SocketState.LISTEN,
            new Endpoint(any, port),
            new Endpoint(any, 0),
            0,
            port,
            null);
    var p =
        new ProcessInfo(
            100 + port, 1, "d", List.of("d"), "/usr/sbin/d", 0, "root", null, null, null, root);
    var s =
        new OpenSocket(
            k,
            new Namespace(1, "host", Namespace.Kind.HOST),
            null,
            new Exposure(Exposure.Scope.ANY, null, null),
            List.of(p),
            false,
            owner,
            null);
    return new Finding(
        "x/tcp/" + port + "@host",
        Severity.HIGH,
        List.of(s),
        "x",
        "why",
        "fix",
        "policy",
        List.of());
  }

  @Test
  void supervisedEntriesAreClosedTheRestIsExplained() throws Exception {
    Owner finger =
        new Owner(SupervisorKind.INETD, "finger", "/etc/inetd.conf", 34, "/usr/sbin/in.fingerd");
    Owner rpc =
        new Owner(
            SupervisorKind.SYSTEMD,
            "rpcbind.socket",
            "/lib/systemd/system/rpcbind.socket",
            0,
            "/sbin/rpcbind");
    List<String> skipped = new ArrayList<>();
    var owners =
        Closer.unlistedOwners(
            List.of(
                finding(79, finger, "/"),
                finding(111, rpc, "/"),
                finding(112, rpc, "/"),
                finding(
                    8080, new Owner(SupervisorKind.MANUAL, null, null, 0, "/usr/bin/python3"), "/"),
                finding(2024, null, "/"),
                finding(
                    23,
                    new Owner(
                        SupervisorKind.INETD, "telnet", "/etc/inetd.conf", 25, "/usr/sbin/telnetd"),
                    "/srv/root")),
            skipped);
    assertThat(owners.keySet()).containsExactly(finger, rpc);
    assertThat(owners.get(rpc)).containsExactly(111, 112);
    assertThat(skipped)
        .containsExactly(
            "tcp/8080: nothing starts it; stop the process 8180",
            "tcp/2024: owner unknown (run as root)",
            "tcp/23: started inside the root /srv/root; close it there with --root");
  }

  @Test
  void aPathChangedBetweenPlanAndCloseIsRefusedByNameBeforeAnythingChanges(@TempDir Path tmp)
      throws Exception {
    Path tree =
        GoldenTree.copy(Path.of("src/test/resources/initscripts/redhat"), tmp.resolve("root"));
    Host host = Host.offline(tree);
    ClosePlan plan = Closing.plan(host, Closing.named(host, List.of("vsftpd")).list());
    String path = plan.steps().getFirst().change().path();
    Precondition seen = plan.initialChecks().getFirst().expected();
    // An administrator replaces the file while ajar waits at its prompt.
    Path file = tree.resolve(path.substring(1));
    Files.deleteIfExists(file);
    Files.writeString(file, "edited meanwhile\n");
    SortedMap<String, String> edited = GoldenTree.snapshot(tree, null);
    assertThatThrownBy(() -> Closing.close(host, plan, "close vsftpd", tmp.resolve("journal")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(
            path
                + " changed since the plan was made (expected "
                + seen.describe()
                + ", found a file with sha256 ")
        .hasMessageEndingWith("; nothing was changed: plan again");
    assertThat(GoldenTree.snapshot(tree, null)).isEqualTo(edited);
  }

  @Test
  void theSshConnectionsPortIsNeverClosedWithoutForce() {
    List<Integer> ssh = List.of(22);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PlanApplier.refuseSshPort(ssh, "192.0.2.7 50122 10.0.0.5 22"))
        .hasMessageContaining("port 22 carries the SSH connection")
        .hasMessageContaining("--force");
    PlanApplier.refuseSshPort(ssh, "192.0.2.7 50122 10.0.0.5 2222");
    PlanApplier.refuseSshPort(ssh, null);
    PlanApplier.refuseSshPort(ssh, "garbage");
  }
}
