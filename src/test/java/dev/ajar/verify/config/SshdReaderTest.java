package dev.ajar.verify.config;

import static dev.ajar.verify.config.ConfigFixtures.append;
import static dev.ajar.verify.config.ConfigFixtures.copyOfDebian;
import static dev.ajar.verify.config.ConfigFixtures.debian;
import static dev.ajar.verify.config.ConfigFixtures.edit;
import static dev.ajar.verify.config.ConfigFixtures.kinds;
import static dev.ajar.verify.config.ConfigFixtures.linkOutside;
import static dev.ajar.verify.config.ConfigFixtures.subjects;
import static dev.ajar.verify.config.ConfigFixtures.tcp;
import static dev.ajar.verify.config.ConfigFixtures.write;
import static dev.ajar.verify.config.ConfigFixtures.writeHuge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdReaderTest {
  static final String CONFIG = "/etc/ssh/sshd_config";
  final SshdReader reader = new SshdReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void namesAndEntries() {
    assertThat(reader.name()).isEqualTo("sshd");
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("sshd", "ssh");
  }

  @Test
  void debianDefaultListensOnPort22OfBothWildcards() {
    assertThat(reader.listens(debian("sshd"), diagnostics).orElseThrow())
        .containsExactly(tcp(22, "0.0.0.0", null, 0), tcp(22, "::", null, 0));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void severalPortsOnEveryAddress() {
    Path root = copyOfDebian("sshd", dir);
    edit(root, CONFIG, "#Port 22", "Port 2222\nport=2223 # second");

    assertThat(listens(root))
        .containsExactly(
            tcp(2222, "0.0.0.0", CONFIG, 14), tcp(2222, "::", CONFIG, 14),
            tcp(2223, "0.0.0.0", CONFIG, 15), tcp(2223, "::", CONFIG, 15));
  }

  @Test
  void listenAddressPortsOverridePortAndPortMayComeLater() {
    Path root = copyOfDebian("sshd", dir);
    edit(
        root,
        CONFIG,
        "#ListenAddress 0.0.0.0\n#ListenAddress ::",
        "ListenAddress 192.0.2.7:2200\nListenAddress [2001:db8::7]:2201 rdomain vrf0\n"
            + "ListenAddress 2001:DB8::8\nListenAddress localhost\n"
            + "ListenAddress \"198.51.100.1\"");
    append(root, CONFIG, "Port 2022\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(2200, "192.0.2.7", CONFIG, 16),
            tcp(2201, "2001:db8::7", CONFIG, 17),
            tcp(2022, "2001:db8::8", CONFIG, 18),
            tcp(2022, "127.0.0.1", CONFIG, 19),
            tcp(2022, "::1", CONFIG, 19),
            tcp(2022, "198.51.100.1", CONFIG, 20));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void addressFamilyFiltersAndTheFirstOneWins() {
    Path root = copyOfDebian("sshd", dir);
    edit(root, CONFIG, "#AddressFamily any", "AddressFamily inet\nAddressFamily inet6");
    append(root, CONFIG, "ListenAddress localhost:2222\n");

    assertThat(listens(root)).containsExactly(tcp(2222, "127.0.0.1", CONFIG, 124));
  }

  @Test
  void includesAreGlobbedInNameOrderRelativeToEtcSshAndReadInPlace() {
    Path root = copyOfDebian("sshd", dir);
    write(root, "/etc/ssh/sshd_config.d/20-second.conf", "Port 2002\nAddressFamily inet\n");
    write(root, "/etc/ssh/sshd_config.d/10-first.conf", "Port 2001\n");
    write(root, "/etc/ssh/sshd_config.d/30-ignored.conf.disabled", "Port 2003\n");
    write(root, "/etc/ssh/sshd_config.d/.hidden.conf", "Port 2004\n");
    write(root, "/etc/ssh/extra/more.conf", "AddressFamily inet6\nPort 2005\n");
    append(root, CONFIG, "Include extra/*.conf\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(2001, "0.0.0.0", "/etc/ssh/sshd_config.d/10-first.conf", 1),
            tcp(2002, "0.0.0.0", "/etc/ssh/sshd_config.d/20-second.conf", 1),
            tcp(2005, "0.0.0.0", "/etc/ssh/extra/more.conf", 2));
  }

  @Test
  void matchBlocksDoNotChangeListening() {
    Path root = copyOfDebian("sshd", dir);
    append(root, CONFIG, "Match User anoncvs\n\tPort 2222\n\tX11Forwarding no\n");
    write(root, "/etc/ssh/sshd_config.d/match.conf", "Match Address 10.0.0.0/8\n");
    edit(root, CONFIG, "#Port 22", "Port 2022");

    assertThat(listens(root))
        .containsExactly(tcp(2022, "0.0.0.0", CONFIG, 14), tcp(2022, "::", CONFIG, 14));
    assertThat(subjects(diagnostics)).containsExactly(CONFIG + ":124");
  }

  @Test
  void badLinesAreDiagnosticsAndTheRestIsRead() {
    Path root = copyOfDebian("sshd", dir);
    edit(
        root,
        CONFIG,
        "#Port 22",
        "Port 70000\nPort ssh\nPort\nListenAddress [::1\nListenAddress 10.0.0.1:x\n"
            + "ListenAddress 10.0.0.2 vrf\nAddressFamily both\n"
            + "Banner \"unterminated\nIncludes loop\nInclude /etc/ssh/sshd_config");

    assertThat(listens(root))
        .containsExactly(tcp(22, "0.0.0.0", CONFIG, 15), tcp(22, "::", CONFIG, 15));
    assertThat(subjects(diagnostics))
        .contains(
            CONFIG + ":14",
            CONFIG + ":16",
            CONFIG + ":17",
            CONFIG + ":18",
            CONFIG + ":19",
            CONFIG + ":20",
            CONFIG + ":21",
            CONFIG + ":23");
    assertThat(diagnostics.all()).anyMatch(d -> d.message().contains("nested too deep"));
    assertThat(kinds(diagnostics)).containsOnly(Diagnostics.Kind.MALFORMED);
  }

  @Test
  void hostnameOnlyDnsKnowsIsSkippedWithADiagnostic() {
    Path root = copyOfDebian("sshd", dir);
    append(root, CONFIG, "ListenAddress db.example.org\nListenAddress ip6-localhost:2222\n");

    assertThat(listens(root)).containsExactly(tcp(2222, "::1", CONFIG, 124));
    assertThat(subjects(diagnostics)).containsExactly(CONFIG + ":123");
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.SKIPPED);
  }

  @Test
  void aMillionSocketsStopAtTheLimitQuickly() {
    Path root = copyOfDebian("sshd", dir);
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 300; i++) {
      text.append("Port ").append(1000 + i).append('\n');
    }
    for (int i = 0; i < 60_000; i++) {
      text.append("ListenAddress 10.").append(i / 256).append('.').append(i % 256).append(".1\n");
    }
    write(root, CONFIG, text.toString());

    long start = System.nanoTime();
    assertThat(listens(root)).hasSize(Listens.MAX_SOCKETS);
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    assertThat(diagnostics.all())
        .anyMatch(d -> d.message().contains("too many ports"))
        .anyMatch(d -> d.message().contains("left out"));
  }

  @Test
  void hugeFileIsADiagnostic() {
    Path root = copyOfDebian("sshd", dir);
    writeHuge(root, CONFIG);

    assertThat(reader.listens(Host.offline(root), diagnostics)).isEmpty();
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);
  }

  @Test
  void hugeIncludedFileIsSkippedAndTheMainFileStillCounts() {
    Path root = copyOfDebian("sshd", dir);
    writeHuge(root, "/etc/ssh/sshd_config.d/huge.conf");
    edit(root, CONFIG, "#Port 22", "Port 2022");

    assertThat(listens(root))
        .containsExactly(tcp(2022, "0.0.0.0", CONFIG, 14), tcp(2022, "::", CONFIG, 14));
    assertThat(subjects(diagnostics)).containsExactly("/etc/ssh/sshd_config.d/huge.conf");
  }

  @Test
  void symlinkOutOfTheRootIsNotFollowed(@TempDir Path outside) {
    Path root = copyOfDebian("sshd", dir);
    linkOutside(root, outside.resolve("evil"), CONFIG, "Port 31337\n");
    linkOutside(root, outside.resolve("evil2"), "/etc/ssh/sshd_config.d/x.conf", "Port 31338\n");

    assertThat(reader.listens(Host.offline(root), diagnostics)).isEmpty();
    Path root2 = dir.resolve("second");
    copyOfDebian("sshd", root2);
    linkOutside(root2, outside.resolve("evil3"), "/etc/ssh/sshd_config.d/x.conf", "Port 31338\n");
    assertThat(listens(root2)).extracting(ConfiguredListen::port).containsOnly(22);
  }
}
