package dev.ajar.supervisors.container;

import static dev.ajar.supervisors.inetd.Fixtures.lookup;
import static dev.ajar.supervisors.inetd.Fixtures.process;
import static dev.ajar.supervisors.inetd.Fixtures.root;
import static dev.ajar.supervisors.inetd.Fixtures.socket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.Supervisors;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSupervisorTest {
  final ContainerSupervisor containers = new ContainerSupervisor();
  final Host root = root("inetd", "debian12");
  final Diagnostics diagnostics = new Diagnostics();

  static OpenSocket inNamespace(Namespace ns, ProcessInfo holder) {
    OpenSocket s = socket(Protocol.TCP, "0.0.0.0", 80, false, holder);
    return new OpenSocket(s.socket(), ns, s.service(), s.exposure(), s.processes(), false);
  }

  @Test
  void aSocketInAContainersNamespaceIsTheContainers() {
    var nginx = process(4100, 4090, "nginx", "/usr/sbin/nginx", null, "nginx: master process");
    var web = new Namespace(4026532500L, "web", Namespace.Kind.CONTAINER);
    assertThat(containers.ownerOf(root, inNamespace(web, nginx), lookup(nginx), diagnostics))
        .contains(new Owner(SupervisorKind.CONTAINER, "web", null, 0, "/usr/sbin/nginx"));
  }

  @Test
  void aHolderWithAContainerIdIsTheContainersEvenInTheHostNamespace() {
    var sshd =
        new ProcessInfo(
            4200,
            4190,
            "sshd",
            List.of("/usr/sbin/sshd", "-D"),
            "/usr/sbin/sshd",
            0,
            "root",
            null,
            null,
            "0123456789ab",
            "/");
    assertThat(
            containers.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 2222, false, sshd),
                lookup(sshd),
                diagnostics))
        .contains(new Owner(SupervisorKind.CONTAINER, "host", null, 0, "/usr/sbin/sshd"));
  }

  @Test
  void dockerProxyPublishesAContainersPort() {
    var proxy =
        process(
            3000,
            900,
            "docker-proxy",
            "/usr/bin/docker-proxy",
            "docker.service",
            "/usr/bin/docker-proxy",
            "-proto",
            "tcp",
            "-host-port",
            "8080",
            "-container-ip",
            "172.17.0.2",
            "-container-port",
            "80");
    assertThat(
            containers.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 8080, false, proxy),
                lookup(proxy),
                diagnostics))
        .contains(
            new Owner(
                SupervisorKind.CONTAINER,
                "docker-proxy /usr/bin/docker-proxy -proto tcp -host-port 8080"
                    + " -container-ip 172.17.0.2 -container-port 80",
                null,
                0,
                "/usr/bin/docker-proxy"));
  }

  @Test
  void anythingElseIsLeftToTheOtherSupervisors() {
    var inetd = process(612, 1, "inetd", "/usr/sbin/inetd", "inetd.service", "/usr/sbin/inetd");
    assertThat(
            containers.ownerOf(
                root,
                socket(Protocol.TCP, "0.0.0.0", 79, false, inetd),
                lookup(inetd),
                diagnostics))
        .isEmpty();
    assertThat(containers.isPresent(root)).isTrue();
    assertThat(containers.entries(root, diagnostics)).isEmpty();
    assertThat(containers.disabler()).isEmpty();
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void askedFirst() {
    assertThat(Supervisors.all().getFirst()).isInstanceOf(ContainerSupervisor.class);
  }
}
