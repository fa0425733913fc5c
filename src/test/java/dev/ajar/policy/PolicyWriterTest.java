package dev.ajar.policy;

import static dev.ajar.policy.Sockets.HOST;
import static dev.ajar.policy.Sockets.LAB;
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
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PolicyWriterTest {
  static final OpenSocket POSTGRES4 =
      attributed(
          tcp("127.0.0.1", 5432, "postgresql", process(900, "/usr/lib/postgresql/15/bin/postgres")),
          new Owner(
              SupervisorKind.SYSTEMD,
              "postgresql@15-main.service",
              null,
              0,
              "/usr/lib/postgresql/15/bin/postgres"),
          new PackageRef("dpkg", "postgresql-15", "15.6-0+deb12u1"));
  static final OpenSocket POSTGRES6 =
      attributed(
          tcp("::1", 5432, "postgresql", process(900, "/usr/lib/postgresql/15/bin/postgres")),
          POSTGRES4.owner(),
          POSTGRES4.pkg());
  static final OpenSocket RESOLVED_UDP =
      attributed(
          socket(
              HOST,
              Protocol.UDP,
              "127.0.0.53",
              53,
              "domain",
              process(500, "/usr/lib/systemd/systemd-resolved")),
          new Owner(
              SupervisorKind.SYSTEMD,
              "systemd-resolved.service",
              null,
              0,
              "/usr/lib/systemd/systemd-resolved"),
          new PackageRef("dpkg", "systemd-resolved", "252.22-1~deb12u1"));
  static final OpenSocket NFS = tcp("0.0.0.0", 2049, "nfs");
  static final OpenSocket FINGER =
      attributed(
          tcp("0.0.0.0", 79, "finger", process(600, "/usr/sbin/inetd")),
          new Owner(SupervisorKind.INETD, "finger", "/etc/inetd.conf", 12, "/usr/sbin/in.fingerd"),
          new PackageRef("dpkg", "fingerd", "0.17-18"));
  static final OpenSocket LAB_HTTP =
      attributed(
          socket(LAB, Protocol.TCP, "10.200.0.2", 80, "http", process(800, "/usr/sbin/nginx")),
          new Owner(SupervisorKind.MANUAL, null, null, 0, "/usr/sbin/nginx"),
          null);
  static final OpenSocket WEB_HTTP =
      attributed(
          socket(
              WEB,
              Protocol.TCP,
              "0.0.0.0",
              8080,
              "http-alt",
              containerProcess(801, "/usr/sbin/nginx", "4f3a9c1d2b7e8a6f")),
          new Owner(SupervisorKind.CONTAINER, "web-container", null, 0, "/usr/sbin/nginx"),
          new PackageRef("apk", "nginx", "1.24.0-r7"));
  static final Namespace ANONYMOUS =
      new Namespace(4026532000L, "netns:[4026532000]", Namespace.Kind.ANONYMOUS);
  static final OpenSocket HOSTILE =
      socket(
          ANONYMOUS,
          Protocol.UDP,
          "0.0.0.0",
          9999,
          null,
          process(66, "/tmp/ev\"il\n# allow: {}\\ \u001b[31m\udc80 {x: y} é"));

  static List<OpenSocket> host() {
    return List.of(
        sshV4(),
        sshV6(),
        POSTGRES4,
        POSTGRES6,
        RESOLVED_UDP,
        NFS,
        FINGER,
        LAB_HTTP,
        WEB_HTTP,
        HOSTILE);
  }

  @Test
  void writesOneCommentedRulePerProtocolPortAndNamespaceSortedByPort() {
    String text = PolicyWriter.initial(host());
    assertThat(text)
        .isEqualTo(
            """
            # ajar policy: the ports that were open when `ajar policy init` ran.
            # The first rule that matches a socket decides; what no rule allows is denied.
            # Delete the rules of ports you do not need, then run `ajar audit`.
            # The format: docs/POLICY.md.
            version: 1
            default: deny
            rules:
              # tcp 22 sshd (ssh.service, openssh-server 1:9.2p1-2)
              - allow: {protocol: tcp, port: 22, program: /usr/sbin/sshd}
              # udp 53 systemd-resolved (systemd-resolved.service, systemd-resolved 252.22-1~deb12u1)
              - allow: {protocol: udp, port: 53, program: /usr/lib/systemd/systemd-resolved, scope: loopback}
              # tcp 79 in.fingerd (inetd finger, fingerd 0.17-18)
              - allow: {protocol: tcp, port: 79, program: /usr/sbin/in.fingerd}
              # tcp 80 nginx in netns lab (started by hand, no package)
              - allow: {protocol: tcp, port: 80, program: /usr/sbin/nginx, netns: lab}
              # tcp 2049 held by no process we could see (kernel?) (owner unknown)
              - allow: {protocol: tcp, port: 2049}
              # tcp 5432 postgres (postgresql@15-main.service, postgresql-15 15.6-0+deb12u1)
              - allow: {protocol: tcp, port: 5432, program: /usr/lib/postgresql/15/bin/postgres, scope: loopback}
              # tcp 8080 nginx in netns web-container (container web-container, nginx 1.24.0-r7)
              - allow: {protocol: tcp, port: 8080, program: /usr/sbin/nginx, netns: web-container}
              # udp 9999 ev"il\\n# allow: {}\\\\ \\x1b[31m\\x80 {x: y} é in netns netns:[4026532000] (owner unknown)
              - allow: {protocol: udp, port: 9999, program: "/tmp/ev\\"il\\u000a# allow: {}\\\\ \\u001b[31m\\udc80 {x: y} é", netns: "netns:[4026532000]"}
            """);
  }

  @Test
  void roundTripAllowsEverySocketItWasWrittenForAndDeniesOthers() {
    List<OpenSocket> sockets = host();
    Policy p =
        PolicyParser.parse("init.yaml", PolicyWriter.initial(sockets), IncludeResolver.none());
    assertThat(p.defaultAction()).isEqualTo(Action.DENY);
    assertThat(p.rules()).hasSize(8);
    for (OpenSocket s : sockets) {
      Decision d = PolicyEvaluator.evaluate(p, s);
      assertThat(d.action()).as(s.toString()).isEqualTo(Action.ALLOW);
      assertThat(d.rule()).isNotNull();
    }
    List<OpenSocket> others =
        List.of(
            tcp("0.0.0.0", 23, "telnet", process(1, "/usr/sbin/in.telnetd")),
            // the same port, another program
            tcp("0.0.0.0", 22, "ssh", process(1, "/usr/sbin/dropbear")),
            // postgres, no longer on loopback only
            attributed(
                tcp(
                    "0.0.0.0",
                    5432,
                    "postgresql",
                    process(900, "/usr/lib/postgresql/15/bin/postgres")),
                POSTGRES4.owner(),
                POSTGRES4.pkg()),
            // the same port and program in another namespace than the rule's
            socket(HOST, Protocol.TCP, "0.0.0.0", 8080, null, process(801, "/usr/sbin/nginx")),
            // udp where tcp was seen
            socket(HOST, Protocol.UDP, "0.0.0.0", 2049, "nfs"));
    for (OpenSocket s : others) {
      assertThat(PolicyEvaluator.evaluate(p, s))
          .as(s.toString())
          .isEqualTo(new Decision(Action.DENY, null));
    }
  }

  @Test
  void aGroupWithASocketOfUnknownProgramIsMatchedByPortAlone() {
    OpenSocket seen = tcp("0.0.0.0", 111, "sunrpc", process(1, "/usr/sbin/rpcbind"));
    OpenSocket unseen = tcp("::", 111, "sunrpc");
    String text = PolicyWriter.initial(List.of(seen, unseen));
    assertThat(text)
        .contains(
            "  # tcp 111 rpcbind (owner unknown)\n" + "  - allow: {protocol: tcp, port: 111}\n");
  }

  @Test
  void scopeIsLoopbackOnlyWhenEverySocketOfTheGroupIs() {
    OpenSocket lo = tcp("127.0.0.1", 6379, null, process(1, "/usr/bin/redis-server"));
    OpenSocket lan = tcp("10.0.0.5", 6379, null, process(1, "/usr/bin/redis-server"));
    assertThat(PolicyWriter.initial(List.of(lo, lan)))
        .contains("  - allow: {protocol: tcp, port: 6379, program: /usr/bin/redis-server}\n");
    assertThat(PolicyWriter.initial(List.of(lo)))
        .contains(
            "  - allow: {protocol: tcp, port: 6379, program: /usr/bin/redis-server,"
                + " scope: loopback}\n");
  }

  @Test
  void severalProgramsOnOnePortAreListed() {
    OpenSocket a = tcp("0.0.0.0", 53, "domain", process(1, "/usr/sbin/named"));
    OpenSocket b = tcp("::", 53, "domain", process(2, "/usr/sbin/dnsmasq"));
    assertThat(PolicyWriter.initial(List.of(a, b)))
        .contains(
            "  # tcp 53 named, dnsmasq (owner unknown)\n"
                + "  - allow: {protocol: tcp, port: 53, program: [/usr/sbin/dnsmasq,"
                + " /usr/sbin/named]}\n");
  }

  @Test
  void noSocketsGiveAnEmptyPolicyThatDeniesEverything() {
    String text = PolicyWriter.initial(List.of());
    assertThat(text).endsWith("version: 1\ndefault: deny\nrules: []\n");
    Policy p = PolicyParser.parse("init.yaml", text, IncludeResolver.none());
    assertThat(PolicyEvaluator.evaluate(p, sshV4())).isEqualTo(new Decision(Action.DENY, null));
  }

  // ------------------------------------------------------------------ property

  @Property(tries = 300)
  void anyInventoryRoundTrips(@ForAll("inventories") List<OpenSocket> sockets) {
    String text = PolicyWriter.initial(sockets);
    Policy p = PolicyParser.parse("init.yaml", text, IncludeResolver.none());
    for (OpenSocket s : sockets) {
      assertThat(PolicyEvaluator.evaluate(p, s).action()).as(text).isEqualTo(Action.ALLOW);
    }
  }

  @Provide
  Arbitrary<List<OpenSocket>> inventories() {
    Arbitrary<String> names = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> exe =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Arbitraries.of("/usr/sbin/sshd", "/usr/sbin/nginx", "/bin/x (deleted)", "relative"),
            names.map(n -> "/opt/" + n));
    Arbitrary<Namespace> ns =
        Arbitraries.oneOf(
            Arbitraries.of(
                HOST,
                LAB,
                WEB,
                ANONYMOUS,
                new Namespace(4026539999L, "host", Namespace.Kind.NAMED)),
            names.map(n -> new Namespace(4026540000L + n.hashCode(), n, Namespace.Kind.CONTAINER)));
    Arbitrary<String> address =
        Arbitraries.of(
            "0.0.0.0",
            "::",
            "127.0.0.1",
            "127.0.0.53",
            "::1",
            "10.0.0.1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "192.0.2.1");
    Arbitrary<Owner> owner =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Combinators.combine(Arbitraries.of(SupervisorKind.class), names, exe)
                .as((sup, entry, program) -> new Owner(sup, entry, null, 0, program)));
    Arbitrary<OpenSocket> socket =
        Combinators.combine(
                ns,
                Arbitraries.of(Protocol.class),
                address,
                Arbitraries.integers().between(0, 65535),
                exe.list().ofMaxSize(3),
                owner,
                names.injectNull(0.5))
            .as(
                (n, proto, addr, port, exes, own, pkg) -> {
                  List<dev.ajar.model.ProcessInfo> holders = new ArrayList<>();
                  for (int i = 0; i < exes.size(); i++) {
                    holders.add(process(100 + i, exes.get(i)));
                  }
                  OpenSocket s =
                      socket(
                          n,
                          proto,
                          addr,
                          port,
                          null,
                          holders.toArray(dev.ajar.model.ProcessInfo[]::new));
                  return s.withAttribution(
                      own, pkg == null ? null : new PackageRef("dpkg", pkg, "1"));
                });
    return socket.list().ofMaxSize(12);
  }
}
