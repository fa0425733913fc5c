package dev.ajar.it;

import static dev.ajar.it.Integration.ajarJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real Debian 12 root with systemd as its init and openbsd-inetd serving finger, telnet and the
 * r-services, plus rpcbind, exim4, bind9, vsftpd, sshd, snmpd, cups and avahi: its daemons run
 * chrooted in a network namespace. For every port they open, `ajar ports` must name the program,
 * the supervisor entry of THAT root (its inetd.conf line, its unit files, its init scripts) and the
 * package and version from THAT root's dpkg database. The same supervisor and package code then
 * reads the root offline (`ajar services --root`).
 */
class DebianRootIT {
  /** What starts each daemon's ports in this root, and the package of its program. */
  record Expected(String supervisor, String entry, String pkg) {}

  static final Map<String, Expected> INETD_PORTS =
      Map.of(
          "tcp/79", new Expected("inetd", "finger", "fingerd"),
          "tcp/23", new Expected("inetd", "telnet", "inetutils-telnetd"),
          "tcp/514", new Expected("inetd", "shell", "rsh-redone-server"),
          "tcp/513", new Expected("inetd", "login", "rsh-redone-server"));

  static final Map<String, Expected> DAEMONS =
      Map.ofEntries(
          Map.entry("MOUNTD", new Expected("systemd", "nfs-mountd.service", "nfs-kernel-server")),
          Map.entry("STATD", new Expected("systemd", "rpc-statd.service", "nfs-common")),
          Map.entry("SSHD", new Expected("systemd", "ssh.service", "openssh-server")),
          Map.entry("RPCBIND", new Expected("systemd", "rpcbind.socket", "rpcbind")),
          Map.entry("NAMED", new Expected("systemd", "named.service", "bind9")),
          Map.entry("VSFTPD", new Expected("systemd", "vsftpd.service", "vsftpd")),
          Map.entry("SNMPD", new Expected("systemd", "snmpd.service", "snmpd")),
          Map.entry("CUPSD", new Expected("systemd", "cups.service", "cups-daemon")),
          Map.entry("AVAHI", new Expected("systemd", "avahi-daemon.service", "avahi-daemon")),
          Map.entry("EXIM4", new Expected("sysv", "exim4", "exim4-daemon-light")));

  static Path root;
  static RootLab lab;

  @BeforeAll
  static void up() throws Exception {
    root = RootLab.buildRoot("inetd");
    lab = RootLab.up("ajar-root", root);
  }

  @AfterAll
  static void down() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  static List<JsonNode> labSockets(JsonNode doc, String protoPort) {
    String[] pp = protoPort.split("/");
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode s : Integration.sockets(doc, pp[0], Integer.parseInt(pp[1]))) {
      if (s.get("netns").get("name").asString().equals(lab.name)) {
        found.add(s);
      }
    }
    assertThat(found).as("%s in %s", protoPort, lab.name).isNotEmpty();
    return found;
  }

  void assertOwned(JsonNode s, int pid, Expected e, String what) throws Exception {
    assertThat(Integration.pids(s)).as(what).contains(pid);
    JsonNode owner = s.get("owner");
    assertThat(owner.isNull()).as(what + " has an owner").isFalse();
    assertThat(owner.get("supervisor").asString()).as(what).isEqualTo(e.supervisor());
    assertThat(owner.get("entry").asString()).as(what).isEqualTo(e.entry());
    JsonNode pkg = s.get("package");
    assertThat(pkg.isNull()).as(what + " has a package").isFalse();
    assertThat(pkg.get("manager").asString()).isEqualTo("dpkg");
    assertThat(pkg.get("name").asString()).as(what).isEqualTo(e.pkg());
    assertThat(pkg.get("version").asString()).as(what).isEqualTo(lab.installedVersion(e.pkg()));
    // The process runs in the root (or chrooted further below it, as avahi does).
    assertThat(s.get("processes").get(0).get("root").asString()).startsWith(root.toString());
  }

  @Test
  void inetdEntriesOfTheRootOwnTheirPorts() throws Exception {
    assertThat(lab.daemons()).contains("INETD");
    JsonNode doc = ajarJson("--netns", lab.name);
    for (String port : lab.ports("INETD")) {
      Expected e = INETD_PORTS.get(port);
      if (e == null) {
        continue; // a built-in or an entry this test does not name: checked below for an owner
      }
      for (JsonNode s : labSockets(doc, port)) {
        assertOwned(s, lab.pid("INETD"), e, port);
        JsonNode owner = s.get("owner");
        assertThat(owner.get("file").asString()).isEqualTo("/etc/inetd.conf");
        assertThat(owner.get("line").asInt()).isPositive();
      }
    }
    JsonNode finger = labSockets(doc, "tcp/79").getFirst().get("owner");
    assertThat(finger.get("program").asString()).isEqualTo("/usr/sbin/in.fingerd");
    assertThat(lab.ports("INETD")).containsAll(INETD_PORTS.keySet());
  }

  @Test
  void everyDaemonIsAttributedInsideItsRoot() throws Exception {
    JsonNode doc = ajarJson("--netns", lab.name);
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, Expected> d : DAEMONS.entrySet()) {
      if (!lab.daemons().contains(d.getKey())) {
        continue; // root-lab.sh records why it could not run (FAILED_/SKIPPED_ in lab.env)
      }
      for (String port : lab.ports(d.getKey())) {
        for (JsonNode s : labSockets(doc, port)) {
          assertOwned(s, lab.pid(d.getKey()), d.getValue(), d.getKey() + " " + port);
        }
      }
      checked.add(d.getKey());
    }
    assertThat(checked).contains("SSHD", "RPCBIND");
    // Nothing the root's daemons opened is left without an owner or taken for manual.
    for (JsonNode s : doc.get("sockets")) {
      assertThat(s.get("owner").get("supervisor").asString())
          .as("%s/%d", s.get("protocol").asString(), s.get("local").get("port").asInt())
          .isNotEqualTo("manual");
    }
  }

  @Test
  void theSameCodeReadsTheRootOffline() throws Exception {
    var r = Integration.ajar("services", "--root", root.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = Integration.JSON.readTree(r.out());
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.services/1");
    JsonNode finger = find(doc, "inetd", "finger");
    assertThat(finger.get("enabled").asBoolean()).isTrue();
    assertThat(finger.get("listens").get(0).get("port").asInt()).isEqualTo(79);
    assertThat(finger.get("package").get("name").asString()).isEqualTo("fingerd");
    assertThat(finger.get("package").get("version").asString())
        .isEqualTo(lab.installedVersion("fingerd"));
    JsonNode ssh = find(doc, "systemd", "ssh.service");
    assertThat(ssh.get("enabled").asBoolean()).isTrue();
    assertThat(ssh.get("package").get("name").asString()).isEqualTo("openssh-server");
    JsonNode rpc = find(doc, "systemd", "rpcbind.socket");
    assertThat(rpc.get("listens").toString()).contains("111");
    // An init script names no program; its package is the script's own.
    assertThat(find(doc, "sysv", "exim4").get("package").get("name").asString())
        .isEqualTo("exim4-base");
  }

  static JsonNode find(JsonNode doc, String supervisor, String entry) {
    for (JsonNode s : doc.get("services")) {
      JsonNode o = s.get("owner");
      if (o.get("supervisor").asString().equals(supervisor)
          && entry.equals(o.get("entry").asString())) {
        return s;
      }
    }
    throw new AssertionError(
        "no " + supervisor + " entry " + entry + " in " + doc.get("services").size() + " services");
  }

  // ---- ajar audit on the same lab (the judging issue) ----

  static Map<String, JsonNode> findingsByPort(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("audit", "--netns", lab.name, "--format", "json"));
    args.addAll(List.of(extra));
    var r = Integration.ajar(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    JsonNode doc = Integration.JSON.readTree(r.out());
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.audit/1");
    Map<String, JsonNode> byPort = new java.util.TreeMap<>();
    for (JsonNode f : doc.get("findings")) {
      byPort.put(f.get("protocol").asString() + "/" + f.get("port").asInt(), f);
    }
    return byPort;
  }

  static String severityOf(String service) {
    return dev.ajar.knowledge.KnowledgeBase.bundled()
        .byId(service)
        .orElseThrow()
        .severity()
        .label();
  }

  @Test
  void auditReportsTheUsualSuspectsWithTheirSeverity() throws Exception {
    Map<String, JsonNode> findings = findingsByPort();
    for (String[] expected :
        new String[][] {
          {"tcp/79", "finger"},
          {"tcp/514", "rsh"},
          {"tcp/513", "rlogin"},
          {"tcp/23", "telnet"},
          {"tcp/21", "ftp"},
          {"tcp/111", "rpcbind"},
          {"udp/111", "rpcbind"}
        }) {
      JsonNode f = findings.get(expected[0]);
      assertThat(f).as(expected[0] + " is reported").isNotNull();
      assertThat(f.get("service").asString()).as(expected[0]).isEqualTo(expected[1]);
      assertThat(f.get("severity").asString()).as(expected[0]).isEqualTo(severityOf(expected[1]));
      assertThat(f.get("owner").get("supervisor").asString()).isNotEqualTo("manual");
      assertThat(f.get("fix").asString()).isNotBlank();
      assertThat(f.get("why").asString()).isNotBlank();
    }
    assertThat(findings.get("tcp/79").get("fix").asString()).contains("/etc/inetd.conf");
    // Bound to loopback, where the seed says they belong: not reported as exposed.
    assertThat(findings).doesNotContainKeys("tcp/25", "tcp/53", "udp/53", "tcp/953", "tcp/631");
  }

  @Test
  void aPolicyThatAllowsSshMakesItsFindingDisappear() throws Exception {
    assertThat(findingsByPort()).containsKey("tcp/22");
    Path policy = java.nio.file.Files.createTempFile("ajar-policy-", ".yaml");
    try {
      java.nio.file.Files.writeString(
          policy,
          "version: 1\n"
              + "default: deny\n"
              + "rules:\n"
              + "  - allow: {service: ssh}\n"
              + "    why: administration\n");
      Map<String, JsonNode> findings = findingsByPort("--policy", policy.toString());
      assertThat(findings).doesNotContainKey("tcp/22").containsKeys("tcp/79", "tcp/111");
      assertThat(findings.get("tcp/79").get("rule").asString()).contains("default deny");
    } finally {
      java.nio.file.Files.deleteIfExists(policy);
    }
  }

  @Test
  void policyInitThenAuditIsClean() throws Exception {
    Path policy = java.nio.file.Files.createTempFile("ajar-policy-", ".yaml");
    try {
      var init =
          Integration.ajar(
              "policy", "init", "--netns", lab.name, "--output", policy.toString(), "--force");
      assertThat(init.code()).as(init.err()).isZero();
      assertThat(java.nio.file.Files.readString(policy))
          .contains("in.fingerd")
          .contains("default: deny");
      var audit = Integration.ajar("audit", "--netns", lab.name, "--policy", policy.toString());
      assertThat(audit.code()).as(audit.out() + audit.err()).isZero();
      assertThat(audit.out()).startsWith("No findings");
    } finally {
      java.nio.file.Files.deleteIfExists(policy);
    }
  }

  @Test
  void auditExitsOneOnFindingsAndHonoursFailOn() {
    assertThat(Integration.ajar("audit", "--netns", lab.name).code()).isEqualTo(1);
    assertThat(Integration.ajar("audit", "--netns", lab.name, "--fail-on", "critical").code())
        .isEqualTo(findingsAtLeastCritical() ? 1 : 0);
  }

  private static boolean findingsAtLeastCritical() {
    try {
      return findingsByPort().values().stream()
          .anyMatch(f -> f.get("severity").asString().equals("critical"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void sarifOutputIsValidSarif210() throws Exception {
    Path schema =
        Path.of(
            System.getenv().getOrDefault("AJAR_TEST_CACHE", "/var/cache/ajar-test-deps"),
            "sarif-schema-2.1.0.json");
    Integration.require(
        java.nio.file.Files.isRegularFile(schema),
        schema + " is missing (src/test/lab/install-test-deps.sh fetches it)");
    var r = Integration.ajar("audit", "--netns", lab.name, "--format", "sarif");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    var registry =
        com.networknt.schema.SchemaRegistry.withDefaultDialect(
            com.networknt.schema.SpecificationVersion.DRAFT_4);
    var validator = registry.getSchema(java.nio.file.Files.readString(schema));
    JsonNode sarif = Integration.JSON.readTree(r.out());
    assertThat(validator.validate(sarif)).isEmpty();
    assertThat(sarif.get("runs").get(0).get("results").size()).isPositive();
    // And the validator is not blind: a result without its message is refused.
    ((tools.jackson.databind.node.ObjectNode) sarif.get("runs").get(0).get("results").get(0))
        .remove("message");
    assertThat(validator.validate(sarif)).isNotEmpty();
  }

  @Test
  void junitOutputIsWellFormedWithOneFailurePerSeriousFinding() throws Exception {
    var r = Integration.ajar("audit", "--netns", lab.name, "--format", "junit");
    var doc =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    var suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
    long serious =
        findingsByPort().values().stream()
            .filter(
                f -> List.of("medium", "high", "critical").contains(f.get("severity").asString()))
            .count();
    assertThat(Long.parseLong(suite.getAttribute("failures"))).isEqualTo(serious).isPositive();
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo((int) serious);
  }
}
