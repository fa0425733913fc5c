package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On engine state files (hand-made fakes: src/test/resources/containers/README.md). */
class ContainerNamesTest {
  static final String DOCKER = "3f4e0c2b9a1d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f";
  static final String PODMAN = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";

  final ContainerNames names =
      new ContainerNames(Host.offline(Path.of("src/test/resources/containers")));

  @Test
  void dockerAndPodmanNamesComeFromTheirState() {
    assertThat(names.nameOf("docker", DOCKER)).isEqualTo("web");
    assertThat(names.nameOf("podman", PODMAN)).isEqualTo("db");
    assertThat(names.nameOf("lxc", "web1")).isEqualTo("web1");
  }

  @Test
  void unknownIdsFallBackToEngineAndShortId() {
    assertThat(names.nameOf("docker", "0123456789abcdef0123")).isEqualTo("docker:0123456789ab");
    assertThat(names.nameOf("containerd", DOCKER)).isEqualTo("containerd:3f4e0c2b9a1d");
  }

  @Test
  void brokenStateIsNotFatal(@TempDir Path root) throws Exception {
    Path dir = Files.createDirectories(root.resolve("var/lib/docker/containers/" + DOCKER));
    Files.writeString(dir.resolve("config.v2.json"), "{\"Name\": [broken");
    assertThat(new ContainerNames(Host.offline(root)).nameOf("docker", DOCKER))
        .isEqualTo("docker:3f4e0c2b9a1d");
  }
}
