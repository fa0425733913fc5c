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

class CupsdReaderTest {
  static final String CONFIG = "/etc/cups/cupsd.conf";
  final CupsdReader reader = new CupsdReader();
  final Diagnostics diagnostics = new Diagnostics();
  @TempDir Path dir;

  List<ConfiguredListen> listens(Path root) {
    return reader.listens(Host.offline(root), diagnostics).orElseThrow();
  }

  @Test
  void debianDefaultIsLocalhostOnBothFamiliesAndTheUnixSocketIsNoPort() {
    assertThat(reader.name()).isEqualTo("cupsd");
    assertThat(reader.answersTo()).containsExactlyInAnyOrder("cupsd", "cups");
    assertThat(reader.listens(debian("cupsd"), diagnostics).orElseThrow())
        .containsExactly(tcp(631, "127.0.0.1", CONFIG, 18), tcp(631, "::1", CONFIG, 18));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void missingConfigurationIsEmpty() {
    assertThat(reader.listens(Host.offline(dir), diagnostics)).isEmpty();
  }

  @Test
  void localhostIsBothLoopbacksEvenWhenHostsSaysOtherwise() {
    Path root = copyOfDebian("cupsd", dir);
    write(root, "/etc/hosts", "127.0.1.1 localhost\nlocalhost\n");

    assertThat(listens(root))
        .containsExactly(tcp(631, "127.0.0.1", CONFIG, 18), tcp(631, "::1", CONFIG, 18));
  }

  @Test
  void portAndListenForms() {
    Path root = copyOfDebian("cupsd", dir);
    edit(root, CONFIG, "Listen localhost:631", "port 8631 # all");
    append(
        root,
        CONFIG,
        "Listen *:9631\nListen [::1]:7631\nLISTEN 192.0.2.9\n"
            + "Listen 6631\nListen ip6-localhost:5631\nSSLListen 198.51.100.2:443\n");

    assertThat(listens(root))
        .containsExactly(
            tcp(8631, "0.0.0.0", CONFIG, 18),
            tcp(8631, "::", CONFIG, 18),
            tcp(9631, "0.0.0.0", CONFIG, 198),
            tcp(9631, "::", CONFIG, 198),
            tcp(7631, "::1", CONFIG, 199),
            tcp(631, "192.0.2.9", CONFIG, 200),
            tcp(6631, "0.0.0.0", CONFIG, 201),
            tcp(6631, "::", CONFIG, 201),
            tcp(5631, "::1", CONFIG, 202),
            tcp(443, "198.51.100.2", CONFIG, 203));
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void onlyTheLocalSocketMeansNoPort() {
    Path root = copyOfDebian("cupsd", dir);
    edit(root, CONFIG, "Listen localhost:631", "#Listen localhost:631");

    assertThat(listens(root)).isEmpty();
  }

  @Test
  void badLinesAreDiagnostics() {
    Path root = copyOfDebian("cupsd", dir);
    append(
        root, CONFIG, "Listen\nPort ipp\nListen printer.example.org:631\nListen 10.0.0.1:99999\n");

    assertThat(listens(root))
        .containsExactly(tcp(631, "127.0.0.1", CONFIG, 18), tcp(631, "::1", CONFIG, 18));
    assertThat(subjects(diagnostics))
        .containsExactly(CONFIG + ":198", CONFIG + ":199", CONFIG + ":200", CONFIG + ":201");
  }

  @Test
  void hugeFileAndOutsideSymlink(@TempDir Path outside) {
    Path root = copyOfDebian("cupsd", dir);
    writeHuge(root, CONFIG);
    assertThat(reader.listens(Host.offline(root), diagnostics)).isEmpty();
    assertThat(kinds(diagnostics)).containsExactly(Diagnostics.Kind.UNREADABLE);

    linkOutside(root, outside.resolve("conf"), CONFIG, "Port 631\n");
    assertThat(reader.listens(Host.offline(root), new Diagnostics())).isEmpty();
  }
}
