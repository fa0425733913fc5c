package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ajar.host.CommandRunner;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Essential packages and what a removal takes along, on the real dpkg status of the debootstrapped
 * Debian 12 root the integration tests use (packages/README.md, dpkg-bookworm-inetd).
 */
class DpkgRemovalTest {
  @org.junit.jupiter.api.io.TempDir Path tmp;
  Host root;
  DpkgDatabase db = new DpkgDatabase();
  Diagnostics diagnostics = new Diagnostics();

  @BeforeEach
  void copy() {
    root = Host.offline(Fixtures.copy("dpkg-bookworm-inetd", tmp.resolve("root")));
  }

  static PackageRef pkg(String name) {
    return new PackageRef("dpkg", name, "");
  }

  @Test
  void essentialRequiredAndProtectedPackagesAreBaseSystem() {
    assertThat(db.essential(root, pkg("login"), diagnostics))
        .isEqualTo(Essential.yes("Essential: yes"));
    // Essential first, then Priority: mount is required but not essential.
    assertThat(db.essential(root, pkg("mount"), diagnostics))
        .isEqualTo(Essential.yes("Priority: required"));
    assertThat(db.essential(root, pkg("fingerd"), diagnostics))
        .isEqualTo(Essential.no("Priority: optional"));
    assertThat(db.essential(root, pkg("no-such-package"), diagnostics).answer())
        .isEqualTo(Essential.Answer.UNKNOWN);
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void protectedYesCountsToo() throws Exception {
    Path status = root.root().resolve("var/lib/dpkg/status");
    Files.writeString(
        status,
        Files.readString(status)
            .replace(
                "Package: fingerd\nStatus: install ok installed\n",
                "Package: fingerd\nStatus: install ok installed\nProtected: yes\n"));
    assertThat(new DpkgDatabase().essential(root, pkg("fingerd"), diagnostics))
        .isEqualTo(Essential.yes("Protected: yes"));
  }

  @Test
  void aLeafPackageTakesNothingAlong() {
    assertThat(db.alsoRemoved(root, List.of(pkg("fingerd")), diagnostics)).contains(List.of());
  }

  @Test
  void aLibraryTakesItsDependentsTransitively() {
    List<String> names =
        db.alsoRemoved(root, List.of(pkg("libwrap0")), diagnostics).orElseThrow().stream()
            .map(PackageRef::name)
            .toList();
    // tcpd depends on libwrap0; openbsd-inetd on tcpd; the inetd services on openbsd-inetd.
    assertThat(names)
        .contains(
            "tcpd",
            "openbsd-inetd",
            "rsh-redone-server",
            "openssh-server",
            "rpcbind",
            "nfs-common",
            "nfs-kernel-server")
        .doesNotContain("libwrap0", "libc6");
  }

  @Test
  void anAlternativeThatStaysSatisfiesTheDependency() {
    // exim4-daemon-light Depends "debconf (>= 0.5) | debconf-2.0": nothing of it is removed here.
    assertThat(
            db
                .alsoRemoved(root, List.of(pkg("exim4-daemon-light")), diagnostics)
                .orElseThrow()
                .stream()
                .map(PackageRef::name)
                .toList())
        .doesNotContain("debconf");
  }

  /**
   * The oracle: the host's own apt-get, simulating on the same status file (it reads the root's
   * files; nothing from the root runs). Without apt-get the test is skipped.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"fingerd", "libwrap0", "openbsd-inetd", "rpcbind", "tcpd", "exim4-daemon-light"})
  void agreesWithAptGetOnTheSameStatus(String name) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "needs the host's apt-get");
    Path dir = root.root();
    Files.createDirectories(tmp.resolve("cache/archives/partial"));
    var r =
        CommandRunner.system()
            .run(
                List.of(
                    "apt-get",
                    "-s",
                    "-o",
                    "Dir=" + dir,
                    "-o",
                    "Dir::State::status=" + dir.resolve("var/lib/dpkg/status"),
                    "-o",
                    "Dir::Etc::sourcelist=/dev/null",
                    "-o",
                    "Dir::Etc::sourceparts=" + tmp,
                    "-o",
                    "Dir::Etc::main=/dev/null",
                    "-o",
                    "Dir::Etc::parts=" + tmp,
                    "-o",
                    "Dir::Cache=" + tmp.resolve("cache"),
                    "-o",
                    "Dir::State::lists=" + tmp,
                    "remove",
                    "--no-auto-remove",
                    name),
                Duration.ofSeconds(60));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Set<String> apt = new TreeSet<>();
    for (String line : r.stdout().lines().toList()) {
      if (line.startsWith("Remv ")) {
        apt.add(line.split(" ")[1]);
      }
    }
    apt.remove(name);
    List<String> ours = new ArrayList<>();
    for (PackageRef p : db.alsoRemoved(root, List.of(pkg(name)), diagnostics).orElseThrow()) {
      ours.add(p.name().replaceFirst(":.*", "")); // apt prints the plain name
    }
    assertThat(new TreeSet<>(ours)).isEqualTo(apt);
  }
}
