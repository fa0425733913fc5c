package dev.ajar.supervisors.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.supervisors.BootStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What default.target pulls in, on the Debian 12 fixture written by the real systemctl. */
class SystemdBootTest {
  static final Path DEBIAN12 = Path.of("src/test/resources/supervisors/systemd/debian12");

  @TempDir Path tmp;

  static Map<String, BootStart> starts(Path root) {
    return new SystemdSupervisor()
        .bootStarts(Host.offline(root), new Diagnostics()).stream()
            .collect(Collectors.toMap(s -> s.entry().owner().entry(), s -> s));
  }

  @Test
  void enabledServicesAndSocketsStartMaskedAndDisabledOnesDoNot() {
    Map<String, BootStart> starts = starts(DEBIAN12);
    assertThat(starts)
        .containsKeys(
            "ssh.service",
            "inetd.service",
            "avahi-daemon.service",
            "cups.service",
            "rpcbind.service",
            "rpcbind.socket",
            "cups.socket");
    // masked, disabled, and a static unit nothing pulls in
    assertThat(starts)
        .doesNotContainKeys(
            "avahi-daemon.socket", "ssh.socket", "rc-local.service", "systemd-initctl.socket");
    // Both pull it in (rpcbind.service Requires= it); the first one reached is named.
    assertThat(starts.get("rpcbind.socket").reason())
        .isIn("sockets.target starts it listening", "rpcbind.service starts it listening");
    assertThat(starts.get("ssh.service").reason()).isEqualTo("multi-user.target pulls it in");
  }

  @Test
  void aServiceAnIpSocketActivatesTakesItsPortsFromTheSocket() {
    Map<String, BootStart> starts = starts(DEBIAN12);
    assertThat(starts.get("rpcbind.service").socketActivated()).isTrue();
    // cups.socket is a unix socket: cupsd opens its TCP port itself
    assertThat(starts.get("cups.service").socketActivated()).isFalse();
    assertThat(starts.get("ssh.service").socketActivated()).isFalse();
  }

  @Test
  void aUnitWantedOnlyByATargetBootDoesNotReachIsNotStarted() throws IOException {
    Path root = copy();
    Path rescueWants = root.resolve("etc/systemd/system/rescue.target.wants");
    Files.createDirectories(rescueWants);
    Files.createSymbolicLink(
        rescueWants.resolve("portmap.service"), Path.of("/lib/systemd/system/rpcbind.service"));
    Files.delete(root.resolve("etc/systemd/system/multi-user.target.wants/rpcbind.service"));
    Files.delete(root.resolve("etc/systemd/system/sockets.target.wants/rpcbind.socket"));
    assertThat(starts(root)).doesNotContainKeys("rpcbind.service", "rpcbind.socket");
    // while "systemctl is-enabled" would still call it enabled (a wants link exists)
    assertThat(new SystemdSupervisor().entries(Host.offline(root), new Diagnostics()))
        .anyMatch(e -> e.owner().entry().equals("rpcbind.service") && e.enabled());
  }

  @Test
  void aDefaultTargetChangedToMultiUserStillReachesTheServices() throws IOException {
    Path root = copy();
    Files.createSymbolicLink(
        root.resolve("etc/systemd/system/default.target"),
        Path.of("/lib/systemd/system/multi-user.target"));
    assertThat(starts(root)).containsKeys("ssh.service", "rpcbind.socket");
  }

  @Test
  void withoutDefaultTargetEnabledUnitsCountAndADiagnosticSaysSo() throws IOException {
    Path root = copy();
    Files.delete(root.resolve("usr/lib/systemd/system/default.target"));
    Diagnostics d = new Diagnostics();
    List<BootStart> starts = new SystemdSupervisor().bootStarts(Host.offline(root), d);
    assertThat(starts).extracting(s -> s.entry().owner().entry()).contains("ssh.service");
    assertThat(d.all()).anyMatch(x -> x.subject().equals("default.target"));
  }

  @Test
  void aWantsCycleEnds() throws IOException {
    Path root = copy();
    Path dir = root.resolve("etc/systemd/system");
    Files.writeString(dir.resolve("a.target"), "[Unit]\nWants=b.target\n");
    Files.writeString(dir.resolve("b.target"), "[Unit]\nRequires=a.target ssh.service\n");
    Files.createDirectories(dir.resolve("multi-user.target.wants"));
    Files.createSymbolicLink(
        dir.resolve("multi-user.target.wants/a.target"), Path.of("../a.target"));
    assertThat(starts(root)).containsKeys("ssh.service");
  }

  private Path copy() throws IOException {
    Path root = tmp.resolve("root");
    try (var paths = Files.walk(DEBIAN12)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path to = root.resolve(DEBIAN12.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(to, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return root;
  }
}
