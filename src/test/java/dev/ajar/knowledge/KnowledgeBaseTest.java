package dev.ajar.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Protocol;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  private final KnowledgeBase kb = KnowledgeBase.bundled();

  private Optional<String> match(Protocol protocol, int port, String program, String pkg) {
    return kb.match(protocol, port, program, pkg).map(ServiceKnowledge::id);
  }

  private List<String> find(String query) {
    return kb.find(query).stream().map(ServiceKnowledge::id).toList();
  }

  @Test
  void bundledIsReadOnce() {
    assertThat(KnowledgeBase.bundled()).isSameAs(kb);
  }

  @Test
  void programComesFirst() {
    assertThat(match(Protocol.TCP, 79, "/usr/sbin/in.fingerd", "fingerd")).contains("finger");
    assertThat(match(Protocol.TCP, 25, "/usr/sbin/exim4", "exim4-daemon-light")).contains("mta");
    // a program on a port that is not its default still names the service
    assertThat(match(Protocol.TCP, 2525, "/usr/sbin/exim4", null)).contains("mta");
    // sshd's X11 forwarding on 6010 is ssh, not an X server
    assertThat(match(Protocol.TCP, 6010, "/usr/sbin/sshd", "openssh-server")).contains("ssh");
    assertThat(match(Protocol.TCP, 79, "/usr/sbin/in.fingerd (deleted)", null)).contains("finger");
    assertThat(match(Protocol.TCP, 79, "in.fingerd", null)).contains("finger");
  }

  @Test
  void aProgramOfSeveralServicesIsDecidedByThePort() {
    assertThat(match(Protocol.UDP, 53, "/usr/sbin/dnsmasq", "dnsmasq-base")).contains("dns");
    assertThat(match(Protocol.UDP, 67, "/usr/sbin/dnsmasq", "dnsmasq-base"))
        .contains("dhcp-server");
    assertThat(match(Protocol.UDP, 69, "/usr/sbin/dnsmasq", "dnsmasq-base")).contains("tftp");
    assertThat(match(Protocol.UDP, 5355, "/lib/systemd/systemd-resolved", null)).contains("llmnr");
    assertThat(match(Protocol.TCP, 53, "/lib/systemd/systemd-resolved", null)).contains("dns");
    assertThat(match(Protocol.TCP, 10255, "/usr/bin/kubelet", "kubelet"))
        .contains("kubelet-readonly");
    assertThat(match(Protocol.TCP, 2376, "/usr/bin/dockerd", "docker-ce")).contains("docker-tls");
    // none of its services has this port: the first of them by id
    assertThat(match(Protocol.TCP, 12345, "/usr/bin/dockerd", null)).contains("docker");
  }

  @Test
  void packageComesSecond() {
    // an unknown program of a known package
    assertThat(match(Protocol.TCP, 6380, "/opt/bin/wrapper", "redis-server")).contains("redis");
    // Debian's redis-server is a link: /proc/PID/exe names redis-check-rdb of redis-tools
    assertThat(match(Protocol.TCP, 6380, "/usr/bin/redis-check-rdb", "redis-tools"))
        .contains("redis");
    assertThat(match(Protocol.TCP, 9200, "/usr/share/elasticsearch/jdk/bin/java", "elasticsearch"))
        .contains("elasticsearch");
    // a package of several services, on one of their ports
    assertThat(match(Protocol.TCP, 2049, null, "nfs-utils")).contains("nfs");
  }

  @Test
  void portComesLast() {
    assertThat(match(Protocol.TCP, 6379, null, null)).contains("redis");
    assertThat(match(Protocol.TCP, 6379, "/usr/bin/docker-proxy", "docker.io")).contains("redis");
    assertThat(match(Protocol.TCP, 79, "/usr/local/bin/mystery", null)).contains("finger");
    assertThat(match(Protocol.TCP, 79, "/usr/sbin/inetd", "openbsd-inetd")).contains("finger");
    assertThat(match(Protocol.UDP, 11211, null, null)).contains("memcached");
    assertThat(match(Protocol.UDPLITE, 161, null, null)).contains("snmp");
    assertThat(match(Protocol.TCP, 6063, null, null)).contains("x11");
    assertThat(match(Protocol.TCP, 2049, null, null)).contains("nfs"); // kernel-held socket
  }

  @Test
  void nothingMatchesAnUnassignedPort() {
    assertThat(match(Protocol.TCP, 47999, null, null)).isEmpty();
    assertThat(match(Protocol.TCP, 47999, "/usr/local/bin/mystery", "mystery")).isEmpty();
    // the protocol matters: 79/udp is not finger
    assertThat(match(Protocol.UDP, 79, null, null)).isEmpty();
    assertThat(match(Protocol.RAW, 6, null, null)).isEmpty();
  }

  @Test
  void findByPort() {
    assertThat(find("79")).containsExactly("finger");
    assertThat(find("79/tcp")).containsExactly("finger");
    assertThat(find("79/udp")).isEmpty();
    assertThat(find("631")).containsExactly("cups", "cups-browsed");
    assertThat(find("631/udp")).containsExactly("cups-browsed");
    assertThat(find("53")).containsExactly("dns");
  }

  @Test
  void findByName() {
    assertThat(find("fingerd")).containsExactly("finger");
    assertThat(find("portmap")).containsExactly("rpcbind");
    assertThat(find("rpcbind")).containsExactly("rpcbind");
    assertThat(find("PORTMAP")).containsExactly("rpcbind");
    assertThat(find("Finger (user information)")).containsExactly("finger");
    assertThat(find("in.rshd")).containsExactly("rsh");
    assertThat(find("shell")).containsExactly("rsh");
    assertThat(find("sendmail")).containsExactly("mta");
    assertThat(find("nfslock")).containsExactly("nfs-lock");
    assertThat(find("samba")).containsExactly("smb");
  }

  @Test
  void findAnExactIdFirst() {
    // "redis" is an id; nothing else is called that
    assertThat(find("redis").getFirst()).isEqualTo("redis");
    // dnsmasq is an alias of dns and a program of two more: the alias first
    assertThat(find("dnsmasq")).containsExactly("dns", "dhcp-server", "tftp");
    // the exact id first, then the other entry of the same program
    assertThat(find("kubelet")).containsExactly("kubelet", "kubelet-readonly");
  }

  @Test
  void findFallsBackToPartsOfNames() {
    assertThat(find("user information")).containsExactly("finger");
    assertThat(find("kubel")).containsExactly("kubelet", "kubelet-readonly");
    assertThat(find("xy")).isEmpty(); // too short to look inside names
    assertThat(find("")).isEmpty();
    assertThat(find(null)).isEmpty();
    assertThat(find("no such thing")).isEmpty();
  }

  @Test
  void ofRefusesTwoEntriesWithOneId() {
    ServiceKnowledge finger = kb.byId("finger").orElseThrow();
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> KnowledgeBase.of(List.of(finger, finger)))
        .withMessageContaining("finger");
  }

  @Test
  void baseNames() {
    assertThat(KnowledgeBase.baseName("/usr/sbin/exim4")).isEqualTo("exim4");
    assertThat(KnowledgeBase.baseName("exim4")).isEqualTo("exim4");
    assertThat(KnowledgeBase.baseName(null)).isEmpty();
    assertThat(KnowledgeBase.baseName("/usr/bin/x (deleted)")).isEqualTo("x");
  }
}
