package dev.ajar.policy;

import static dev.ajar.policy.Sockets.HOST;
import static dev.ajar.policy.Sockets.LAB;
import static dev.ajar.policy.Sockets.OPENSSH;
import static dev.ajar.policy.Sockets.SSHD;
import static dev.ajar.policy.Sockets.SSH_SERVICE;
import static dev.ajar.policy.Sockets.WEB;
import static dev.ajar.policy.Sockets.attributed;
import static dev.ajar.policy.Sockets.containerProcess;
import static dev.ajar.policy.Sockets.process;
import static dev.ajar.policy.Sockets.socket;
import static dev.ajar.policy.Sockets.sshV4;
import static dev.ajar.policy.Sockets.sshV6;
import static dev.ajar.policy.Sockets.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {
  static Policy policy(String yaml) {
    return PolicyParser.parse("p.yaml", yaml, IncludeResolver.none());
  }

  static boolean matches(String match, OpenSocket s) {
    Match m = policy("version: 1\nrules:\n  - allow: " + match + "\n").rules().getFirst().match();
    return PolicyEvaluator.matches(m, s);
  }

  // Sockets of the truth table.
  static final OpenSocket SSH4 = sshV4();
  static final OpenSocket SSH6 = sshV6();
  static final OpenSocket POSTGRES_LO =
      attributed(
          tcp("127.0.0.1", 5432, "postgresql", process(900, "/usr/lib/postgresql/15/bin/postgres")),
          new Owner(
              SupervisorKind.SYSTEMD,
              "postgresql@15-main.service",
              null,
              0,
              "/usr/lib/postgresql/15/bin/postgres"),
          new PackageRef("dpkg", "postgresql-15", "15.6-0+deb12u1"));
  static final OpenSocket POSTGRES_LO6 =
      tcp("::1", 5432, "postgresql", process(900, "/usr/lib/postgresql/15/bin/postgres"));
  static final OpenSocket POSTGRES_LAN =
      tcp("10.1.2.3", 5432, "postgresql", process(900, "/usr/lib/postgresql/15/bin/postgres"));
  static final OpenSocket POSTGRES_LINK = tcp("fe80::1", 5432, "postgresql");
  static final OpenSocket RESOLVED =
      socket(
          HOST,
          Protocol.UDP,
          "127.0.0.53",
          53,
          "domain",
          process(500, "/usr/lib/systemd/systemd-resolved"));
  static final OpenSocket FINGER =
      attributed(
          tcp("0.0.0.0", 79, "finger", process(600, "/usr/sbin/inetd")),
          new Owner(SupervisorKind.INETD, "finger", "/etc/inetd.conf", 12, "/usr/sbin/in.fingerd"),
          new PackageRef("dpkg", "fingerd", "0.17-18"));

  /** Nobody we can see holds it: no owner, no package, no process. */
  static final OpenSocket NFS = tcp("0.0.0.0", 2049, "nfs");

  /** Held by a process, but not attributed. */
  static final OpenSocket UNATTRIBUTED =
      tcp("0.0.0.0", 8000, null, process(700, "/opt/app/server"));

  static final OpenSocket LAB_HTTP =
      socket(LAB, Protocol.TCP, "0.0.0.0", 80, "http", process(800, "/usr/sbin/nginx"));
  static final OpenSocket WEB_HTTP =
      attributed(
          socket(
              WEB,
              Protocol.TCP,
              "0.0.0.0",
              8080,
              "http-alt",
              containerProcess(
                  801,
                  "/usr/sbin/nginx",
                  "4f3a9c1d2b7e8a6f5c4d3b2a1e0f9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e")),
          new Owner(SupervisorKind.CONTAINER, "web-container", null, 0, "/usr/sbin/nginx"),
          null);
  static final OpenSocket HOST_NETWORK_CONTAINER =
      tcp(
          "0.0.0.0",
          9090,
          null,
          containerProcess(
              802,
              "/bin/prometheus",
              "aaaabbbbccccddddeeeeffff000011112222333344445555666677778888999a"));
  static final OpenSocket DOCKER_PROXY =
      attributed(
          tcp("0.0.0.0", 8443, null, process(803, "/usr/bin/docker-proxy")),
          new Owner(
              SupervisorKind.CONTAINER,
              "docker-proxy -proto tcp -host-port 8443",
              null,
              0,
              "/usr/bin/docker-proxy"),
          null);
  static final OpenSocket UPGRADED =
      attributed(
          tcp("0.0.0.0", 25, "smtp", process(900, "/usr/sbin/exim4 (deleted)")),
          new Owner(SupervisorKind.SYSTEMD, "exim4.service", null, 0, "/usr/sbin/exim4 (deleted)"),
          null);
  static final OpenSocket PING =
      socket(HOST, Protocol.RAW, "0.0.0.0", 1, "icmp", process(950, "/usr/bin/ping"));
  static final OpenSocket MANUAL =
      attributed(
          tcp("0.0.0.0", 4444, null, process(960, "/tmp/nc")),
          new Owner(SupervisorKind.MANUAL, null, null, 0, "/tmp/nc"),
          null);

  static Stream<Arguments> truthTable() {
    return Stream.of(
        // protocol and port
        row("{protocol: tcp}", SSH4, true),
        row("{protocol: udp}", SSH4, false),
        row("{protocol: [udp, tcp]}", SSH4, true),
        row("{protocol: udp}", RESOLVED, true),
        row("{port: 22}", SSH4, true),
        row("{port: 23}", SSH4, false),
        row("{port: [21, 22]}", SSH4, true),
        row("{port: 20-22}", SSH4, true),
        row("{port: 23-1023}", SSH4, false),
        row("{protocol: raw, port: 1}", PING, true),
        row("{protocol: tcp, port: 1}", PING, false),
        // service: the socket's own service field, case aside; never a port lookup
        row("{service: ssh}", SSH4, true),
        row("{service: SSH}", SSH4, true),
        row("{service: ssh}", FINGER, false),
        row("{service: http}", UNATTRIBUTED, false),
        row("{service: icmp}", PING, true),
        // program: any holder's exe or the owner's program, by path or base name
        row("{program: sshd}", SSH4, true),
        row("{program: /usr/sbin/sshd}", SSH4, true),
        row("{program: /usr/bin/sshd}", SSH4, false),
        row("{program: ssh}", SSH4, false),
        row("{program: in.fingerd}", FINGER, true),
        row("{program: inetd}", FINGER, true),
        row("{program: /usr/sbin/in.fingerd}", FINGER, true),
        row("{program: server}", UNATTRIBUTED, true),
        row("{program: exim4}", UPGRADED, true),
        row("{program: /usr/sbin/exim4}", UPGRADED, true),
        row("{program: nfsd}", NFS, false),
        // unit / entry: the owner's entry; a bare name also matches its .service
        row("{unit: ssh.service}", SSH4, true),
        row("{unit: ssh}", SSH4, true),
        row("{entry: ssh}", SSH4, true),
        row("{unit: ssh.socket}", SSH4, false),
        row("{unit: finger}", FINGER, true),
        row("{unit: finger.service}", FINGER, false),
        row("{unit: web-container}", WEB_HTTP, true),
        // supervisor and package
        row("{supervisor: systemd}", SSH4, true),
        row("{supervisor: inetd}", FINGER, true),
        row("{supervisor: inetd}", SSH4, false),
        row("{supervisor: manual}", MANUAL, true),
        row("{package: openssh-server}", SSH4, true),
        row("{package: [telnetd, fingerd]}", FINGER, true),
        row("{package: openssh}", SSH4, false),
        // sockets with no owner info never match owner-based fields
        row("{supervisor: manual}", NFS, false),
        row("{supervisor: manual}", UNATTRIBUTED, false),
        row("{unit: nfs-server}", NFS, false),
        row("{package: nfs-kernel-server}", NFS, false),
        row("{package: nginx}", WEB_HTTP, false),
        row("{unit: server}", UNATTRIBUTED, false),
        // scope
        row("{scope: loopback}", POSTGRES_LO, true),
        row("{scope: loopback}", POSTGRES_LO6, true),
        row("{scope: loopback}", RESOLVED, true),
        row("{scope: loopback}", SSH4, false),
        row("{scope: loopback}", POSTGRES_LAN, false),
        row("{scope: any}", SSH4, true),
        row("{scope: any}", SSH6, true),
        row("{scope: any}", POSTGRES_LO, false),
        row("{scope: any}", POSTGRES_LAN, false),
        row("{scope: address}", POSTGRES_LAN, true),
        row("{scope: address}", POSTGRES_LINK, true),
        row("{scope: address}", POSTGRES_LO, false),
        row("{scope: address}", SSH4, false),
        row("{scope: not-any}", POSTGRES_LO, true),
        row("{scope: not-any}", POSTGRES_LAN, true),
        row("{scope: not-any}", SSH4, false),
        // address: the bind address, literally or in a block
        row("{address: 10.1.2.3}", POSTGRES_LAN, true),
        row("{address: 10.0.0.0/8}", POSTGRES_LAN, true),
        row("{address: 10.0.0.0/8}", SSH4, false),
        row("{address: 10.0.0.0/8}", POSTGRES_LINK, false),
        row("{address: 192.168.0.0/16}", POSTGRES_LAN, false),
        row("{address: 0.0.0.0}", SSH4, true),
        row("{address: 0.0.0.0}", SSH6, false),
        row("{address: '::'}", SSH6, true),
        row("{address: '::'}", SSH4, false),
        row("{address: 0.0.0.0/0}", SSH4, true),
        row("{address: 0.0.0.0/0}", SSH6, false),
        row("{address: '::/0'}", SSH6, true),
        row("{address: 'fe80::/10'}", POSTGRES_LINK, true),
        row("{address: 'fe80::/10'}", POSTGRES_LO6, false),
        row("{address: [127.0.0.0/8, '::1']}", POSTGRES_LO6, true),
        row("{address: 127.0.0.0/8}", RESOLVED, true),
        // netns
        row("{netns: host}", SSH4, true),
        row("{netns: host}", LAB_HTTP, false),
        row("{netns: lab}", LAB_HTTP, true),
        row("{netns: lab}", SSH4, false),
        row("{netns: [lab, web-container]}", WEB_HTTP, true),
        // container
        row("{container: true}", WEB_HTTP, true),
        row("{container: true}", HOST_NETWORK_CONTAINER, true),
        row("{container: true}", DOCKER_PROXY, true),
        row("{container: true}", SSH4, false),
        row("{container: true}", NFS, false),
        row("{container: false}", SSH4, true),
        row("{container: false}", NFS, true),
        row("{container: false}", WEB_HTTP, false),
        row("{container: web-container}", WEB_HTTP, true),
        row("{container: other}", WEB_HTTP, false),
        row("{container: 4f3a9c1d2b7e}", WEB_HTTP, true),
        row("{container: 4f3a9c1d}", WEB_HTTP, false),
        row(
            "{container: aaaabbbbccccddddeeeeffff000011112222333344445555666677778888999a}",
            HOST_NETWORK_CONTAINER,
            true),
        row("{container: web-container}", SSH4, false),
        // every field must match
        row("{port: 5432, protocol: tcp, scope: loopback}", POSTGRES_LO, true),
        row("{port: 5432, protocol: tcp, scope: loopback}", POSTGRES_LAN, false),
        row("{port: 5432, protocol: udp, scope: loopback}", POSTGRES_LO, false),
        row("{}", NFS, true),
        row("{}", WEB_HTTP, true));
  }

  static Arguments row(String match, OpenSocket socket, boolean expected) {
    return Arguments.of(match, socket, expected);
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @MethodSource("truthTable")
  void truthTable(String match, OpenSocket socket, boolean expected) {
    assertThat(matches(match, socket)).isEqualTo(expected);
  }

  @Test
  void theFirstMatchingRuleDecides() {
    Policy p =
        policy(
            """
            version: 1
            default: deny
            rules:
              - deny: {port: 22, scope: any}
                why: not on every interface
              - allow: {port: 22}
              - allow: {service: ssh}
            """);
    Decision wildcard = PolicyEvaluator.evaluate(p, SSH4);
    assertThat(wildcard.action()).isEqualTo(Action.DENY);
    assertThat(wildcard.rule()).isSameAs(p.rules().get(0));
    assertThat(wildcard.rule().comment()).isEqualTo("not on every interface");
    assertThat(wildcard.byDefault()).isFalse();

    OpenSocket loopback = attributed(tcp("127.0.0.1", 22, "ssh", SSHD), SSH_SERVICE, OPENSSH);
    Decision local = PolicyEvaluator.evaluate(p, loopback);
    assertThat(local.action()).isEqualTo(Action.ALLOW);
    assertThat(local.rule()).isSameAs(p.rules().get(1));
  }

  @Test
  void theDefaultDecidesWhatNoRuleMatches() {
    Policy deny = policy("version: 1\nrules: [{allow: {port: 22}}]");
    Decision d = PolicyEvaluator.evaluate(deny, NFS);
    assertThat(d).isEqualTo(new Decision(Action.DENY, null));
    assertThat(d.byDefault()).isTrue();

    Policy allow = policy("version: 1\ndefault: allow\nrules: [{deny: {package: telnetd}}]");
    assertThat(PolicyEvaluator.evaluate(allow, NFS)).isEqualTo(new Decision(Action.ALLOW, null));
    OpenSocket telnet =
        attributed(
            tcp("0.0.0.0", 23, "telnet", process(1, "/usr/sbin/in.telnetd")),
            new Owner(SupervisorKind.INETD, "telnet", "/etc/inetd.conf", 3, "/usr/sbin/in.telnetd"),
            new PackageRef("dpkg", "telnetd", "0.17-49"));
    assertThat(PolicyEvaluator.evaluate(allow, telnet).action()).isEqualTo(Action.DENY);
  }

  @Test
  void ipv4AndIpv6SocketsOfOnePortAreJudgedSeparately() {
    Policy p = policy("version: 1\nrules: [{allow: {port: 22, address: 0.0.0.0}}]");
    assertThat(PolicyEvaluator.evaluate(p, SSH4).action()).isEqualTo(Action.ALLOW);
    assertThat(PolicyEvaluator.evaluate(p, SSH6).action()).isEqualTo(Action.DENY);
  }

  @Test
  void anOwnerBasedDenyDoesNotCatchUnknownOwnersWhichFallToTheDefault() {
    Policy p =
        policy(
            """
            version: 1
            default: allow
            rules:
              - deny: {supervisor: manual}
            """);
    assertThat(PolicyEvaluator.evaluate(p, MANUAL).action()).isEqualTo(Action.DENY);
    assertThat(PolicyEvaluator.evaluate(p, NFS)).isEqualTo(new Decision(Action.ALLOW, null));
  }

  @Test
  void theExamplePolicyOnATypicalHost() {
    Policy p =
        PolicyParser.parse(
            "policy.yaml",
            """
            version: 1
            default: deny
            include:
              - common/ssh.yaml
            rules:
              - allow: {service: ssh}
                why: administration
              - allow: {port: 5432, protocol: tcp, scope: loopback}
              - allow: {port: [80, 443], program: nginx}
              - allow: {unit: cups.service, scope: loopback}
              - allow: {netns: web-container, port: 8080}
              - deny:  {package: telnetd}
            """,
            IncludeResolver.of(
                Map.of(
                    "common/ssh.yaml",
                    "version: 1\nrules: [{deny: {program: sshd, address: 192.0.2.0/24}}]\n")));
    OpenSocket cups =
        attributed(
            tcp("127.0.0.1", 631, "ipp", process(1, "/usr/sbin/cupsd")),
            new Owner(SupervisorKind.SYSTEMD, "cups.service", null, 0, "/usr/sbin/cupsd"),
            null);
    OpenSocket cupsLan =
        attributed(
            tcp("0.0.0.0", 631, "ipp", process(1, "/usr/sbin/cupsd")),
            new Owner(SupervisorKind.SYSTEMD, "cups.service", null, 0, "/usr/sbin/cupsd"),
            null);
    OpenSocket sshTest = attributed(tcp("192.0.2.7", 22, "ssh", SSHD), SSH_SERVICE, OPENSSH);
    Map<OpenSocket, Action> expected =
        Map.of(
            SSH4,
            Action.ALLOW,
            SSH6,
            Action.ALLOW,
            sshTest,
            Action.DENY,
            POSTGRES_LO,
            Action.ALLOW,
            POSTGRES_LAN,
            Action.DENY,
            cups,
            Action.ALLOW,
            cupsLan,
            Action.DENY,
            WEB_HTTP,
            Action.ALLOW,
            FINGER,
            Action.DENY,
            // nginx may listen on 80 in any namespace: the rule names no netns
            LAB_HTTP,
            Action.ALLOW);
    expected.forEach(
        (socket, action) ->
            assertThat(PolicyEvaluator.evaluate(p, socket).action())
                .as(socket.toString())
                .isEqualTo(action));
  }

  @Test
  void aNamespaceCalledHostByIpNetnsIsNotTheHost() {
    Namespace fake = new Namespace(4026539999L, "host", Namespace.Kind.NAMED);
    OpenSocket s = socket(fake, Protocol.TCP, "0.0.0.0", 22, "ssh");
    assertThat(matches("{netns: host}", s)).isFalse();
  }
}
