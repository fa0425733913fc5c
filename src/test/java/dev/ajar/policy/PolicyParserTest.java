package dev.ajar.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ajar.host.BadInputException;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTest {
  static Policy parse(String yaml) {
    return PolicyParser.parse("p.yaml", yaml, IncludeResolver.none());
  }

  static String failure(String yaml) {
    return failure(yaml, IncludeResolver.none());
  }

  static String failure(String yaml, IncludeResolver includes) {
    PolicyException e =
        catchThrowableOfType(
            PolicyException.class, () -> PolicyParser.parse("p.yaml", yaml, includes));
    assertThat(e).as("parse should fail:\n" + yaml).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n");
    return e.getMessage();
  }

  static Path resource(String name) {
    try {
      return Path.of(PolicyParserTest.class.getResource("/policy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String RULES = "version: 1\nrules:\n";

  // ------------------------------------------------------------------ the example

  @Test
  void parsesTheExampleWithItsIncludeExpandedInPlace() {
    Path file = resource("policy.yaml");
    Policy p = PolicyParser.parse(file);

    assertThat(p.file()).isEqualTo(file.toString());
    assertThat(p.defaultAction()).isEqualTo(Action.DENY);
    assertThat(p.rules())
        .extracting(Rule::toString)
        .containsExactly(
            // common/ssh.yaml: include: stands before rules:, so its rules come first
            "allow {protocol: tcp, port: 22, address: 10.0.0.0/8}",
            "deny {program: /usr/sbin/sshd, scope: any}",
            "allow {service: ssh}",
            "allow {protocol: tcp, port: 5432, scope: loopback}",
            "allow {port: [80, 443], program: nginx}",
            "allow {unit: cups.service, scope: loopback}",
            "allow {port: 8080, netns: web-container}",
            "deny {package: telnetd}");

    String ssh = file.resolveSibling("common/ssh.yaml").toString();
    assertThat(p.rules())
        .extracting(Rule::location)
        .containsExactly(
            ssh + ":4",
            ssh + ":6",
            file + ":7",
            file + ":9",
            file + ":10",
            file + ":11",
            file + ":12",
            file + ":13");
    assertThat(p.rules())
        .extracting(Rule::comment)
        .containsExactly(
            "administration network", null, "administration", null, null, null, null, null);

    Match postgres = p.rules().get(3).match();
    assertThat(postgres.protocol()).containsExactly(Protocol.TCP);
    assertThat(postgres.port()).containsExactly(Match.PortRange.of(5432));
    assertThat(postgres.scope()).isEqualTo(Match.Scope.LOOPBACK);
    assertThat(postgres.program()).isNull();
    assertThat(p.rules().get(4).match().port())
        .containsExactly(Match.PortRange.of(80), Match.PortRange.of(443));
    assertThat(p.rules().get(7).match().packageName()).containsExactly("telnetd");
  }

  @Test
  void readsEveryFieldAndItsListForms() {
    Policy p =
        parse(
            """
            version: 1
            default: allow
            rules:
              - deny:
                  protocol: [tcp, udp]
                  ports: [22, "6000-6063", 111]
                  service: [ssh, sunrpc]
                  program: [/usr/sbin/sshd, rpcbind]
                  entry: finger
                  supervisor: [inetd, xinetd]
                  package: [telnetd, fingerd]
                  netns: [host, lab]
                  container: false
                  scope: not-any
                  address: [127.0.0.1, "::1", 10.0.0.0/8, "fe80::/10", "::ffff:192.168.0.0/112"]
                why: |
                  legacy
              - allow: {container: web, unit: ssh}
              - allow: {container: true, protocol: raw, port: 1}
              - allow: {}
            """);
    assertThat(p.defaultAction()).isEqualTo(Action.ALLOW);
    Match m = p.rules().getFirst().match();
    assertThat(m.protocol()).containsExactly(Protocol.TCP, Protocol.UDP);
    assertThat(m.port())
        .containsExactly(
            Match.PortRange.of(22), new Match.PortRange(6000, 6063), Match.PortRange.of(111));
    assertThat(m.service()).containsExactly("ssh", "sunrpc");
    assertThat(m.program()).containsExactly("/usr/sbin/sshd", "rpcbind");
    assertThat(m.unit()).containsExactly("finger");
    assertThat(m.supervisor()).containsExactly(SupervisorKind.INETD, SupervisorKind.XINETD);
    assertThat(m.packageName()).containsExactly("telnetd", "fingerd");
    assertThat(m.netns()).containsExactly("host", "lab");
    assertThat(m.container()).isEqualTo(new Match.Container(false, null));
    assertThat(m.scope()).isEqualTo(Match.Scope.NOT_ANY);
    assertThat(m.address())
        .extracting(Match.Cidr::toString)
        .containsExactly("127.0.0.1", "::1", "10.0.0.0/8", "fe80::/10", "192.168.0.0/16");
    assertThat(p.rules().getFirst().comment()).isEqualTo("legacy\n");
    assertThat(p.rules().get(1).match().container()).isEqualTo(new Match.Container(true, "web"));
    assertThat(p.rules().get(2).match().container()).isEqualTo(new Match.Container(true, null));
    assertThat(p.rules().get(3).match().isEmpty()).isTrue();
    assertThat(p.rules()).extracting(Rule::line).containsExactly(4, 18, 19, 20);
  }

  @Test
  void aMatchWrittenAsYamlReadsBackTheSame() {
    Policy p =
        parse(
            """
            version: 1
            rules:
              - deny: {protocol: [tcp, udp], ports: [22, "6000-6063"], service: "ssh", program:
                  [/usr/sbin/sshd, "odd name"], entry: finger, supervisor: [inetd], package: "9base",
                  netns: ["netns:[4026532000]", host], container: "true", scope: not-any,
                  address: ["::1", 10.0.0.0/8, "::ffff:127.0.0.1"]}
              - allow: {container: false, service: "null", unit: "yes", package: "1e3"}
              - allow: {container: true, program: "a\\\\b\\"c\\u0007"}
              - allow: {}
            """);
    StringBuilder again = new StringBuilder("version: 1\nrules:\n");
    for (Rule r : p.rules()) {
      again
          .append("  - ")
          .append(r.action().label())
          .append(": ")
          .append(r.match().toYaml())
          .append('\n');
    }
    Policy q = parse(again.toString());
    assertThat(q.rules())
        .extracting(Rule::match)
        .containsExactlyElementsOf(p.rules().stream().map(Rule::match).toList());
    assertThat(p.rules().getFirst().match().container())
        .isEqualTo(new Match.Container(true, "true"));
    assertThat(p.rules().get(2).match().program()).containsExactly("a\\b\"c\u0007");
  }

  @Test
  void defaultIsDenyWhenNotGivenAndRulesMayBeAbsent() {
    Policy p = parse("version: 1\n");
    assertThat(p.defaultAction()).isEqualTo(Action.DENY);
    assertThat(p.rules()).isEmpty();
    assertThat(parse("{version: 1, rules: [], default: allow}").defaultAction())
        .isEqualTo(Action.ALLOW);
  }

  @Test
  void acceptsQuotedNumbersCommentsAndByteOrderMark() {
    Policy p = parse("\uFEFF# c\nversion: \"1\"  # c\nrules:\n  - allow: {port: '22'}\n");
    assertThat(p.rules().getFirst().match().port()).containsExactly(Match.PortRange.of(22));
  }

  @Test
  void aCidrWithHostBitsIsTheBlockThatHoldsThem() throws Exception {
    Match.Cidr c =
        parse(RULES + "  - allow: {address: 192.168.1.5/24}\n")
            .rules()
            .getFirst()
            .match()
            .address()
            .getFirst();
    assertThat(c.toString()).isEqualTo("192.168.1.0/24");
    assertThat(c.contains(InetAddress.ofLiteral("192.168.1.200"))).isTrue();
    assertThat(c.contains(InetAddress.ofLiteral("::ffff:192.168.1.7"))).isTrue();
    assertThat(c.contains(InetAddress.ofLiteral("192.168.2.1"))).isFalse();
  }

  // ------------------------------------------------------------------ errors

  static Stream<Arguments> errors() {
    return Stream.of(
        // unknown keys, with a suggestion when one is close
        Arguments.of(
            RULES + "  - allow: {prot: tcp}",
            "p.yaml:3:13: unknown key in allow:, did you mean protocol? (prot)"),
        Arguments.of(
            RULES + "  - allow: {colour: red}",
            "p.yaml:3:13: unknown key in allow:; known keys: protocol, port, ports, service,"
                + " program, unit, entry, supervisor, package, netns, container, scope, address"
                + " (colour)"),
        Arguments.of(
            "version: 1\nincludes: [a.yaml]",
            "p.yaml:2:1: unknown key in a policy, did you mean include? (includes)"),
        Arguments.of(
            "version: 1\nrule: []",
            "p.yaml:2:1: unknown key in a policy, did you mean rules? (rule)"),
        Arguments.of(
            RULES + "  - alow: {port: 22}",
            "p.yaml:3:5: unknown key in a rule, did you mean allow? (alow)"),
        Arguments.of(
            RULES + "  - port: 22",
            "p.yaml:3:5: match keys go inside allow: {...} or deny: {...} (port)"),
        Arguments.of(
            RULES + "  - allow: {port: 22, why: x}",
            "p.yaml:3:23: why goes beside allow:, not inside it (why)"),
        Arguments.of(
            "version: 1\nallow: {port: 22}",
            "p.yaml:2:1: rules go in a list under rules:, e.g. rules: [{allow: {port: 22}}]"
                + " (allow)"),
        // wrong types and values
        Arguments.of(
            RULES + "  - allow: {port: ssh}",
            "p.yaml:3:19: port takes a number, a range such as 6000-6063, or a list of them;"
                + " to match by name use service: (ssh)"),
        Arguments.of(
            RULES + "  - allow: {port: 22.5}",
            "p.yaml:3:19: port takes a number, a range such as 6000-6063, or a list of them;"
                + " to match by name use service: (22.5)"),
        Arguments.of(
            RULES + "  - allow: {port: 0x16}",
            "p.yaml:3:19: port takes a number, a range such as 6000-6063, or a list of them;"
                + " to match by name use service: (0x16)"),
        Arguments.of(
            RULES + "  - allow: {port: 70000}", "p.yaml:3:19: port out of range 0-65535 (70000)"),
        Arguments.of(
            RULES + "  - allow: {port: -1}", "p.yaml:3:19: port out of range 0-65535 (-1)"),
        Arguments.of(
            RULES + "  - allow: {port: 99999999999999999999999}",
            "p.yaml:3:19: port out of range 0-65535 (99999999999999999999999)"),
        Arguments.of(
            RULES + "  - allow: {port: 6063-6000}",
            "p.yaml:3:19: bad port range: the first port is above the last (6063-6000)"),
        Arguments.of(
            RULES + "  - allow: {port: 6000-70000}",
            "p.yaml:3:19: port out of range 0-65535 (6000-70000)"),
        Arguments.of(
            RULES + "  - allow:\n      port:\n        - 22\n        - 6000-",
            "p.yaml:6:11: bad port range; write FIRST-LAST, e.g. 6000-6063 (6000-)"),
        Arguments.of(
            RULES + "  - allow: {port: []}",
            "p.yaml:3:19: an empty list under port: would match nothing ([])"),
        Arguments.of(
            RULES + "  - allow: {port: [[22]]}",
            "p.yaml:3:20: a list under port: holds single values (a list)"),
        Arguments.of(
            RULES + "  - allow: {scope: lan}",
            "p.yaml:3:20: unknown scope; expected loopback, any, address or not-any (lan)"),
        Arguments.of(
            RULES + "  - allow: {scope: loopbak}",
            "p.yaml:3:20: unknown scope, did you mean loopback? (loopbak)"),
        Arguments.of(
            RULES + "  - allow: {scope: [loopback]}",
            "p.yaml:3:20: unknown scope; expected loopback, any, address or not-any (a list)"),
        Arguments.of(
            RULES + "  - allow: {protocol: tpc}",
            "p.yaml:3:23: unknown protocol, did you mean tcp? (tpc)"),
        Arguments.of(
            RULES + "  - allow: {protocol: quic}",
            "p.yaml:3:23: unknown protocol; expected tcp, udp, udplite or raw (quic)"),
        Arguments.of(
            "version: 1\ndefault: maybe", "p.yaml:2:10: default must be allow or deny (maybe)"),
        Arguments.of(
            "version: 1\ndefault: alow",
            "p.yaml:2:10: default must be allow or deny, did you mean allow? (alow)"),
        Arguments.of(
            RULES + "  - allow: {service: ~}",
            "p.yaml:3:22: service takes a name or a list of names (null)"),
        Arguments.of(
            RULES + "  - allow: {service: \"\"}",
            "p.yaml:3:22: service takes a name, not an empty text (empty)"),
        Arguments.of(
            RULES + "  - allow: {unit: {a: b}}",
            "p.yaml:3:19: unit takes a name or a list of names (a mapping)"),
        Arguments.of(
            RULES + "  - allow: {supervisor: sytemd}",
            "p.yaml:3:25: unknown supervisor, did you mean systemd? (sytemd)"),
        Arguments.of(
            RULES + "  - allow: {program: sbin/sshd}",
            "p.yaml:3:22: program is an absolute path (/usr/sbin/sshd) or a base name (sshd)"
                + " (sbin/sshd)"),
        Arguments.of(
            RULES + "  - allow: {container: 1.5}",
            "p.yaml:3:24: container takes true, false or a container's name (1.5)"),
        Arguments.of(
            RULES + "  - allow: {address: 10.0.0.0/33}",
            "p.yaml:3:22: bad prefix length; expected /0 to /32 (10.0.0.0/33)"),
        Arguments.of(
            RULES + "  - allow: {address: example.com}",
            "p.yaml:3:22: address is not an IP address (names are not looked up) (example.com)"),
        Arguments.of(
            RULES + "  - allow: {address: 10.1}",
            "p.yaml:3:22: address takes an IP address or a CIDR block such as 10.0.0.0/8"
                + " (10.1)"),
        Arguments.of(
            RULES + "  - allow: {address: \"fe80::1%eth0\"}",
            "p.yaml:3:22: address is not an IP address (names are not looked up)"
                + " (fe80::1%eth0)"),
        // rule shape
        Arguments.of(
            RULES + "  - allow: {port: 22}\n    deny: {port: 23}",
            "p.yaml:4:5: a rule has allow or deny, not both (deny)"),
        Arguments.of(RULES + "  - why: nothing", "p.yaml:3:5: a rule needs allow: or deny: (why)"),
        Arguments.of(RULES + "  - {}", "p.yaml:3:5: a rule needs allow: or deny: ({})"),
        Arguments.of(
            RULES + "  - allow",
            "p.yaml:3:5: a rule is a mapping such as allow: {port: 22} (allow)"),
        Arguments.of(
            RULES + "  - allow:",
            "p.yaml:3:11: allow takes a mapping of what to match, e.g. {port: 22} ({} matches"
                + " every socket) (empty)"),
        Arguments.of(RULES + "  - deny: {}\n    why: ~", "p.yaml:4:10: why takes a text (null)"),
        Arguments.of(
            "version: 1\nrules: {allow: {}}",
            "p.yaml:2:8: rules must be a list of rules, e.g. - allow: {port: 22} (a mapping)"),
        // version
        Arguments.of(
            "default: deny\nrules: []",
            "p.yaml:1:1: missing \"version: 1\" (the policy format this file is written in)"),
        Arguments.of(
            "version: 2", "p.yaml:1:10: unsupported policy version; this ajar reads version 1 (2)"),
        Arguments.of(
            "version: one",
            "p.yaml:1:10: version must be a number; this ajar reads version 1 (one)"),
        Arguments.of("", "p.yaml:1:1: empty policy: it needs at least \"version: 1\""),
        Arguments.of(
            "# nothing but a comment\n",
            "p.yaml:1:1: empty policy: it needs at least \"version: 1\""),
        Arguments.of(
            "[1, 2]",
            "p.yaml:1:1: a policy is a mapping of version, default, include and rules (a list)"),
        Arguments.of(
            "just text",
            "p.yaml:1:1: a policy is a mapping of version, default, include and rules"
                + " (just text)"),
        Arguments.of(
            "version: 1\n---\nversion: 1",
            "p.yaml:3:1: a policy file holds one YAML document; a second one starts here"),
        // duplicate keys, in every mapping
        Arguments.of(
            "version: 1\nversion: 1",
            "p.yaml:2:1: duplicate key: version is already given at line 1, column 1 (version)"),
        Arguments.of(
            "version: 1\nrules: []\nrules: []",
            "p.yaml:3:1: duplicate key: rules is already given at line 2, column 1 (rules)"),
        Arguments.of(
            RULES + "  - allow: {port: 22}\n    allow: {port: 23}",
            "p.yaml:4:5: duplicate key: allow is already given at line 3, column 5 (allow)"),
        Arguments.of(
            RULES + "  - allow: {port: 22}\n    why: a\n    why: b",
            "p.yaml:5:5: duplicate key: why is already given at line 4, column 5 (why)"),
        Arguments.of(
            RULES + "  - allow: {port: 22, port: 23}",
            "p.yaml:3:23: duplicate key: port is already given at line 3, column 13 (port)"),
        Arguments.of(
            RULES + "  - allow: {port: 22, ports: 23}",
            "p.yaml:3:23: duplicate key: port is already given at line 3, column 13 (ports)"),
        Arguments.of(
            RULES + "  - allow: {unit: a, entry: b}",
            "p.yaml:3:22: duplicate key: unit is already given at line 3, column 13 (entry)"),
        // YAML itself
        Arguments.of(
            RULES + "\t- allow: {}",
            "p.yaml:3:1: not valid YAML: while scanning for the next token: found a tab that"
                + " cannot start any token. (Do not use tabs for indentation)"),
        Arguments.of(
            "version: 1\nrules: [",
            "p.yaml:2:9: not valid YAML: while parsing a flow node: expected the node content,"
                + " but found '<stream end>'"),
        Arguments.of(
            "version: 1: 2", "p.yaml:1:11: not valid YAML: mapping values are not allowed here"),
        Arguments.of(
            RULES + "  - allow: {}\n - deny: {}",
            "p.yaml:4:2: not valid YAML: while parsing a block mapping: expected <block end>,"
                + " but found '<block sequence start>'"),
        Arguments.of(
            "version: 1\nrules: \"abc",
            "p.yaml:2:12: not valid YAML: while scanning a quoted scalar: found unexpected end"
                + " of stream"),
        Arguments.of(
            "version: 1\nrules: [\u0007]",
            "p.yaml:2:9: not valid YAML: character not allowed (U+0007)"),
        Arguments.of(
            RULES + "  - allow: {address: ::1}",
            "p.yaml:3:22: not valid YAML: while parsing a flow node: expected the node content,"
                + " but found ':'; quote a value that starts with ':', such as '::1'"),
        Arguments.of(
            "? [a, b]\n: 1",
            "p.yaml:1:4: not valid YAML: a key must be a plain name, not a list or a mapping"),
        Arguments.of(
            RULES + "  - allow: &a {port: 1}\n  - allow: *a",
            "p.yaml:4:12: YAML aliases are not allowed in a policy (write the value out) (*a)"),
        Arguments.of(
            RULES + "  - allow: {port: !!int 22}",
            "p.yaml:3:19: YAML tags are not allowed in a policy (!!int)"),
        Arguments.of(
            RULES + "  - allow: !custom {port: 22}",
            "p.yaml:3:12: YAML tags are not allowed in a policy (!custom)"),
        Arguments.of(
            RULES + "  - allow: {<<: {port: 22}}",
            "p.yaml:3:13: YAML merge keys are not allowed in a policy (<<)"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void namesFileLineColumnAndTheOffendingValue(String yaml, String message) {
    assertThat(failure(yaml)).isEqualTo(message);
  }

  @Test
  void isABadInputExceptionWithItsPosition() {
    PolicyException e =
        catchThrowableOfType(PolicyException.class, () -> parse(RULES + "  - allow: {port: ssh}"));
    assertThat(e).isInstanceOf(BadInputException.class);
    assertThat(e.file()).isEqualTo("p.yaml");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(19);
  }

  @Test
  void offendingValuesAreEscapedAndShortened() {
    String message =
        failure(
            RULES
                + "  - allow: {service: \"a\\u001b[31mred\\nline\"}\n"
                + "  - allow: {port: \""
                + "9".repeat(200)
                + "\"}");
    assertThat(message)
        .isEqualTo("p.yaml:4:19: port out of range 0-65535 (" + "9".repeat(59) + "…)");
    assertThat(failure(RULES + "  - allow: {scope: \"a\\u001b[31m\\nb\"}"))
        .isEqualTo(
            "p.yaml:3:20: unknown scope; expected loopback, any, address or not-any"
                + " (a\\x1b[31m\\nb)");
  }

  // ------------------------------------------------------------------ YAML bombs

  @Test
  @Timeout(5)
  void aBillionLaughsFailsFastAtTheFirstAlias() {
    parse("version: 1\n"); // classes loaded before the clock starts
    StringBuilder bomb = new StringBuilder("version: 1\nrules:\n");
    bomb.append("  - &a0 {allow: {service: [lol, lol, lol, lol, lol, lol, lol, lol, lol]}}\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("  - &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    long start = System.nanoTime();
    String message = failure(bomb.toString());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    assertThat(message)
        .isEqualTo("p.yaml:4:5: a rule is a mapping such as allow: {port: 22}" + " (a list)");

    // The same bomb where every alias stands where a value is expected.
    StringBuilder values = new StringBuilder("version: 1\nrules:\n  - allow:\n      service:\n");
    values.append("        - &a0 lol\n");
    for (int i = 1; i < 10; i++) {
      values.append("        - &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        values.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      values.append("]\n");
    }
    start = System.nanoTime();
    message = failure(values.toString());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    assertThat(message)
        .isEqualTo("p.yaml:6:11: a list under service: holds single values" + " (a list)");
  }

  @Test
  @Timeout(5)
  void theClassicBombAtTheTopFailsFastToo() {
    parse("version: 1\n"); // classes loaded before the clock starts
    String lol =
        """
        version: 1
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        rules: *i
        """;
    long start = System.nanoTime();
    assertThat(failure(lol)).startsWith("p.yaml:2:1: unknown key in a policy");
    assertThat(failure("version: 1\nrules: *i\n"))
        .isEqualTo(
            "p.yaml:2:8: YAML aliases are not allowed in a policy (write the value out)" + " (*i)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  @Timeout(5)
  void deepNestingIsRefusedWithoutAStackOverflow() {
    String deep = "version: 1\nrules: [" + "[".repeat(100_000) + "]".repeat(100_000) + "]";
    assertThat(failure(deep))
        .isEqualTo("p.yaml:2:9: a rule is a mapping such as allow:" + " {port: 22} (a list)");
    String deepMap =
        "version: 1\nrules:\n  - allow: {port: 1}\n    why: "
            + "{a: ".repeat(50_000)
            + "1"
            + "}".repeat(50_000);
    assertThat(failure(deepMap)).isEqualTo("p.yaml:4:10: why takes a text (a mapping)");
  }

  // ------------------------------------------------------------------ size

  @Test
  void refusesAFileLargerThanOneMebibyte(@TempDir Path dir) throws Exception {
    String big = "version: 1\n" + ("#" + "x".repeat(99) + "\n").repeat(10_500);
    assertThat(big.length()).isGreaterThan(PolicyParser.MAX_FILE_BYTES);
    assertThat(failure(big)).isEqualTo("p.yaml: larger than 1 MiB (1048576 bytes), not read");

    Path file = dir.resolve("big.yaml");
    Files.writeString(file, big);
    assertThatThrownBy(() -> PolicyParser.parse(file))
        .isInstanceOf(PolicyException.class)
        .hasMessage(file + ": larger than 1 MiB (1048576 bytes), not read");

    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "version: 1\ninclude: big.yaml\n");
    assertThatThrownBy(() -> PolicyParser.parse(policy))
        .hasMessage(
            policy
                + ":2:10: cannot include "
                + file
                + ": larger than 1 MiB (1048576 bytes), not read (big.yaml)");

    // Just under the limit is fine.
    String fits = "version: 1\n" + "#".repeat(PolicyParser.MAX_FILE_BYTES - 12) + "\n";
    assertThat(fits.length()).isEqualTo(PolicyParser.MAX_FILE_BYTES);
    assertThat(parse(fits).rules()).isEmpty();
  }

  @Test
  void namesTheFirstByteThatIsNotUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(
        file,
        "version: 1\nrules:\n  - allow: {program: caf\u00e9d}\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> PolicyParser.parse(file))
        .hasMessage(file + ":3:25: not UTF-8 text (byte 0xe9)");
  }

  @Test
  void namesAFileThatCannotBeRead(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> PolicyParser.parse(dir.resolve("none.yaml")))
        .isInstanceOf(PolicyException.class)
        .hasMessage(dir.resolve("none.yaml") + ": no such file");
    assertThatThrownBy(() -> PolicyParser.parse(dir)).hasMessage(dir + ": not a regular file");
  }

  @Test
  void namesAFileThatMayNotBeRead(@TempDir Path dir) throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may read any file");
    Path file = dir.resolve("secret.yaml");
    Files.writeString(file, "version: 1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assertThatThrownBy(() -> PolicyParser.parse(file)).hasMessage(file + ": permission denied");
  }

  // ------------------------------------------------------------------ includes

  static final IncludeResolver FILES =
      IncludeResolver.of(
          Map.of(
              "etc/common/ssh.yaml",
                  "version: 1\ninclude: [../more/x.yaml]\nrules: [{allow: {port: 22}}]\n",
              "etc/more/x.yaml", "version: 1\nrules: [{deny: {port: 23}}]\n",
              "etc/self.yaml", "version: 1\ninclude: [self.yaml]\n",
              "etc/a.yaml", "version: 1\ninclude: sub/b.yaml\n",
              "etc/sub/b.yaml", "version: 1\n\ninclude: [../a.yaml]\n",
              "etc/bad.yaml", "version: 1\nrules:\n  - allow: {port: 99999}\n",
              "etc/default.yaml", "version: 1\ndefault: allow\n",
              "etc/noversion.yaml", "rules: []\n"));

  static Policy parseAt(String name, String yaml) {
    return PolicyParser.parse(name, yaml, FILES);
  }

  static String failureAt(String name, String yaml) {
    PolicyException e =
        catchThrowableOfType(PolicyException.class, () -> PolicyParser.parse(name, yaml, FILES));
    assertThat(e).isNotNull();
    return e.getMessage();
  }

  @Test
  void includesResolveAgainstTheIncludingFileAndExpandWhereTheyStand() {
    Policy p =
        parseAt(
            "etc/policy.yaml",
            """
            version: 1
            rules:
              - deny: {port: 1}
            include:
              - common/ssh.yaml
            """);
    assertThat(p.rules())
        .extracting(Rule::location)
        .containsExactly("etc/policy.yaml:3", "etc/more/x.yaml:2", "etc/common/ssh.yaml:3");
    assertThat(p.rules())
        .extracting(r -> r.match().port().getFirst().from())
        .containsExactly(1, 23, 22);
  }

  @Test
  void includeErrors() {
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: [missing.yaml]"))
        .isEqualTo(
            "etc/policy.yaml:2:11: cannot include etc/missing.yaml: no such file"
                + " (missing.yaml)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: ../outside.yaml"))
        .isEqualTo(
            "etc/policy.yaml:2:10: include leads out of the policy's directory"
                + " (../outside.yaml)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: common/../../x.yaml"))
        .isEqualTo(
            "etc/policy.yaml:2:10: include leads out of the policy's directory"
                + " (common/../../x.yaml)");
    assertThat(failureAt("policy.yaml", "version: 1\ninclude: ../x.yaml"))
        .isEqualTo("policy.yaml:2:10: include leads out of the policy's directory (../x.yaml)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: /etc/shadow"))
        .isEqualTo(
            "etc/policy.yaml:2:10: include takes a path relative to the including file"
                + " (/etc/shadow)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: ."))
        .isEqualTo("etc/policy.yaml:2:10: cannot include etc: no such file (.)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: []"))
        .isEqualTo("etc/policy.yaml:2:10: include: lists no file ([])");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: [{a: b}]"))
        .isEqualTo(
            "etc/policy.yaml:2:11: include takes a file name or a list of file names"
                + " (a mapping)");
    // An error inside an included file is named in that file.
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: bad.yaml"))
        .isEqualTo("etc/bad.yaml:3:19: port out of range 0-65535 (99999)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: default.yaml"))
        .isEqualTo(
            "etc/default.yaml:2:1: default is set only in the top policy file, not in an"
                + " included one (default)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: noversion.yaml"))
        .isEqualTo(
            "etc/noversion.yaml:1:1: missing \"version: 1\" (the policy format this file"
                + " is written in)");
  }

  @Test
  void includeCyclesAreNamed() {
    assertThat(failureAt("etc/self.yaml", "version: 1\ninclude: [self.yaml]\n"))
        .isEqualTo(
            "etc/self.yaml:2:11: include cycle: etc/self.yaml -> etc/self.yaml" + " (self.yaml)");
    assertThat(failureAt("etc/policy.yaml", "version: 1\ninclude: a.yaml\n"))
        .isEqualTo(
            "etc/sub/b.yaml:3:11: include cycle: etc/a.yaml -> etc/sub/b.yaml ->"
                + " etc/a.yaml (../a.yaml)");
  }

  @Test
  void includesAreBoundedInDepthAndNumber() {
    // A chain a0 -> a1 -> ... deeper than the limit, each file distinct.
    Map<String, String> chain = new java.util.HashMap<>();
    for (int i = 0; i < 20; i++) {
      chain.put("d/a" + i + ".yaml", "version: 1\ninclude: a" + (i + 1) + ".yaml\n");
    }
    PolicyException deep =
        catchThrowableOfType(
            PolicyException.class,
            () ->
                PolicyParser.parse(
                    "d/top.yaml", "version: 1\ninclude: a0.yaml\n", IncludeResolver.of(chain)));
    assertThat(deep.getMessage())
        .isEqualTo("d/a7.yaml:2:10: includes nested more than 8 deep (a8.yaml)");

    // Diamonds within the depth limit: each file includes the next three times, 3^7 inclusions
    // if nothing stopped them.
    Map<String, String> diamonds = new java.util.HashMap<>();
    for (int i = 0; i < 7; i++) {
      String next = "b" + (i + 1) + ".yaml";
      diamonds.put(
          "d/b" + i + ".yaml", "version: 1\ninclude: [" + next + ", " + next + ", " + next + "]\n");
    }
    diamonds.put("d/b7.yaml", "version: 1\n");
    PolicyException many =
        catchThrowableOfType(
            PolicyException.class,
            () ->
                PolicyParser.parse(
                    "d/top.yaml", "version: 1\ninclude: b0.yaml\n", IncludeResolver.of(diamonds)));
    assertThat(many.getMessage()).contains("more than 64 files included");
  }

  @Test
  void includesFromFilesResolveRelativelyAndRefuseCycles() {
    PolicyException escape =
        catchThrowableOfType(
            PolicyException.class, () -> PolicyParser.parse(resource("escape.yaml")));
    assertThat(escape.getMessage())
        .isEqualTo(
            resource("escape.yaml")
                + ":2:10: include leads out of the policy's directory (../outside.yaml)");

    Path a = resource("cycle-a.yaml");
    PolicyException cycle =
        catchThrowableOfType(PolicyException.class, () -> PolicyParser.parse(a));
    String b = a.resolveSibling("common/cycle-b.yaml").toString();
    assertThat(cycle.getMessage())
        .isEqualTo(
            b + ":3:5: include cycle: " + a + " -> " + b + " -> " + a + " (../cycle-a.yaml)");
  }

  @Test
  void aLinkDoesNotLeadAnIncludeOutOfThePolicyDirectory(@TempDir Path dir) throws Exception {
    Path etc = Files.createDirectory(dir.resolve("etc"));
    Files.writeString(dir.resolve("secret.yaml"), "version: 1\n");
    Files.createSymbolicLink(etc.resolve("link.yaml"), dir.resolve("secret.yaml"));
    Path policy = etc.resolve("policy.yaml");
    Files.writeString(policy, "version: 1\ninclude: link.yaml\n");
    assertThatThrownBy(() -> PolicyParser.parse(policy))
        .hasMessage(
            policy
                + ":2:10: cannot include "
                + etc.resolve("link.yaml")
                + ": it leads out of "
                + etc.toRealPath()
                + " (to "
                + dir.resolve("secret.yaml").toRealPath()
                + ") (link.yaml)");

    // A cycle through a link is still a cycle (files are told apart by their real path).
    Files.writeString(etc.resolve("a.yaml"), "version: 1\ninclude: b.yaml\n");
    Files.createSymbolicLink(etc.resolve("b.yaml"), etc.resolve("a.yaml"));
    Path a = etc.resolve("a.yaml");
    assertThatThrownBy(() -> PolicyParser.parse(a))
        .hasMessage(
            a + ":2:10: include cycle: " + a + " -> " + etc.resolve("b.yaml") + " (b.yaml)");
  }

  @Test
  void relativeTopFileNamesKeepRelativeIncludeNames() {
    Policy p =
        PolicyParser.parse(
            "policy.yaml",
            "version: 1\ninclude: [./common/../x.yaml]\n",
            IncludeResolver.of(Map.of("x.yaml", "version: 1\nrules: [{allow: {port: 9}}]\n")));
    assertThat(p.rules()).extracting(Rule::location).containsExactly("x.yaml:2");
  }

  @Test
  void neverHalfApplied() {
    // The bad rule comes last, after an include and good rules: nothing is returned.
    assertThatThrownBy(
            () ->
                parseAt(
                    "etc/policy.yaml",
                    """
                    version: 1
                    include: common/ssh.yaml
                    rules:
                      - allow: {port: 80}
                      - allow: {port: http}
                    """))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("etc/policy.yaml:5:19:");
  }

  @Test
  void suggestionsAreForCloseWordsOnly() {
    assertThat(PolicyParser.suggestion("prog", List.of("program", "port")))
        .isEqualTo(", did you mean program?");
    assertThat(PolicyParser.suggestion("addr", List.of("address")))
        .isEqualTo(", did you mean address?");
    assertThat(PolicyParser.suggestion("protocl", List.of("protocol")))
        .isEqualTo(", did you mean protocol?");
    assertThat(PolicyParser.suggestion("xyzzy", List.of("port", "scope"))).isEmpty();
    assertThat(PolicyParser.suggestion("a", List.of("any"))).isEmpty();
  }
}
