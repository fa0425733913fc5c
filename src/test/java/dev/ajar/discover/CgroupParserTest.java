package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CgroupParserTest {
  static final String ID = "3f4e0c2b9a1d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f";

  @Test
  void systemdServiceOnCgroupV2() {
    var cg = CgroupParser.parse("0::/system.slice/ssh.service\n");
    assertThat(cg.unit()).isEqualTo("ssh.service");
    assertThat(cg.containerId()).isNull();
  }

  @Test
  void dockerWithTheSystemdDriver() {
    var cg = CgroupParser.parse("0::/system.slice/docker-" + ID + ".scope\n");
    assertThat(cg.containerEngine()).isEqualTo("docker");
    assertThat(cg.containerId()).isEqualTo(ID);
  }

  @Test
  void dockerWithTheCgroupfsDriverOnV1() {
    var cg =
        CgroupParser.parse(
            "12:pids:/docker/"
                + ID
                + "\n11:cpu,cpuacct:/docker/"
                + ID
                + "\n1:name=systemd:/docker/"
                + ID
                + "\n");
    assertThat(cg.containerEngine()).isEqualTo("docker");
    assertThat(cg.containerId()).isEqualTo(ID);
  }

  @Test
  void podmanContainerWithPayloadSubgroup() {
    var cg = CgroupParser.parse("0::/machine.slice/libpod-" + ID + ".scope/container\n");
    assertThat(cg.containerEngine()).isEqualTo("podman");
    assertThat(cg.containerId()).isEqualTo(ID);
  }

  @Test
  void kubernetesPodOnContainerd() {
    var cg =
        CgroupParser.parse(
            "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1b2c.slice/"
                + "cri-containerd-"
                + ID
                + ".scope\n");
    assertThat(cg.containerEngine()).isEqualTo("containerd");
    assertThat(cg.containerId()).isEqualTo(ID);
  }

  @Test
  void kubernetesOnCgroupfs() {
    var cg = CgroupParser.parse("0::/kubepods/besteffort/pod1234/" + ID + "\n");
    assertThat(cg.containerEngine()).isEqualTo("kubernetes");
  }

  @Test
  void lxcNamesItself() {
    var cg = CgroupParser.parse("0::/lxc.payload.web1/system.slice/nginx.service\n");
    assertThat(cg.containerEngine()).isEqualTo("lxc");
    assertThat(cg.containerId()).isEqualTo("web1");
    assertThat(cg.unit()).isEqualTo("nginx.service");
  }

  @Test
  void userSessionScope() {
    var cg = CgroupParser.parse("0::/user.slice/user-0.slice/session-4.scope\n");
    assertThat(cg.unit()).isEqualTo("session-4.scope");
  }

  @Test
  void garbageGivesNothing() {
    var cg = CgroupParser.parse("\u0000\u0001garbage");
    assertThat(cg.unit()).isNull();
    assertThat(cg.containerId()).isNull();
  }
}
