package dev.ajar.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.Finding;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Protocol;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.Severity;
import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.InitSystem;
import dev.ajar.verify.BootPrediction;
import dev.ajar.verify.Drift;
import dev.ajar.verify.PredictedPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every format of `ajar audit`, `ajar services`, `ajar boot` and `ajar verify`, byte for byte,
 * against the files of src/test/resources/report/ (captured from the writers as they were; see the
 * README there). Findings carry what is hard to write: control characters, a byte that was not
 * UTF-8, an owner without a file or without anything, a namespace of its own.
 *
 * <p>Run with {@code -Dajar.golden.update=true} to rewrite the files from what the writers do now
 * (then review the diff).
 */
class ReportGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/report");
  static final boolean UPDATE = Boolean.getBoolean("ajar.golden.update");

  static final Namespace HOST = new Namespace(4026531840L, "host", Namespace.Kind.HOST);
  static final Namespace EVIL = new Namespace(4026532999L, "ev\u001b[31mil", Namespace.Kind.NAMED);

  /** The one place an owner is made, so a change of Owner's fields is made once here. */
  static Owner owner(String supervisor, String entry, String file, int line, String program) {
    return new Owner(
        dev.ajar.model.SupervisorKind.fromLabel(supervisor).orElseThrow(),
        entry,
        file,
        line,
        program);
  }

  static final Owner FINGER =
      owner("inetd", "finger", "/etc/inetd.conf", 12, "/usr/sbin/in.fingerd");
  static final Owner TELNET = owner("xinetd", "telnet", "/etc/xinetd.d/telnet", 0, null);
  static final Owner SNMP =
      owner("systemd", "snmpd.service", "/lib/systemd/system/snmpd.service", 0, "/usr/sbin/snmpd");
  static final Owner RUNIT = owner("runit", "bad\u0007entry", null, 0, null);
  static final PackageRef FINGERD = new PackageRef("dpkg", "fingerd", "0.17-17");
  static final PackageRef SNMPD = new PackageRef("dpkg", "snmpd", "5.9.3+dfsg-2");

  static final ProcessInfo INETD =
      new ProcessInfo(
          611,
          1,
          "inetd",
          List.of("/usr/sbin/inetd"),
          "/usr/sbin/inetd",
          0,
          "root",
          null,
          "inetutils-inetd.service",
          null,
          "/");
  static final ProcessInfo ODD =
      new ProcessInfo(
          4242,
          1,
          "we\u0007ird",
          List.of("we\u0007ird"),
          "/tmp/we\u0007ird",
          1000,
          "me",
          null,
          null,
          null,
          "/");

  static OpenSocket socket(
      Namespace ns,
      Protocol proto,
      String address,
      int port,
      String service,
      ProcessInfo... holders) {
    return dev.ajar.policy.Sockets.socket(ns, proto, address, port, service, holders);
  }

  static final List<Finding> FINDINGS =
      List.of(
          new Finding(
              "telnet/tcp/23@ev\u001b[31mil",
              Severity.CRITICAL,
              List.of(
                  socket(EVIL, Protocol.TCP, "10.0.0.5", 23, "telnet")
                      .withAttribution(TELNET, null)),
              "telnet",
              "Passwords cross the network in clear text.",
              "Remove the telnetd package; use ssh.",
              "policy /etc/ajar/policy.yaml:7",
              List.of()),
          new Finding(
              "finger/tcp/79@host",
              Severity.HIGH,
              List.of(
                  socket(HOST, Protocol.TCP, "0.0.0.0", 79, "finger", INETD)
                      .withAttribution(FINGER, FINGERD),
                  socket(HOST, Protocol.TCP, "::", 79, "finger", INETD)
                      .withAttribution(FINGER, FINGERD)),
              "finger",
              "Anyone who connects learns which accounts exist & <who> is \"on\".",
              "Comment out the finger line of /etc/inetd.conf.",
              "knowledge base",
              List.of("runs as root", "wrapped by tcpd")),
          new Finding(
              "unknown/tcp/8080@host",
              Severity.MEDIUM,
              List.of(socket(HOST, Protocol.TCP, "127.0.0.1", 8080, null, ODD)),
              null,
              "Nothing is known of it;\nit says \u0007 and a byte that was not UTF-8: \udcff.",
              "Find what started it.",
              "policy default",
              List.of("program in /tmp")),
          new Finding(
              "snmp/udp/161@host",
              Severity.LOW,
              List.of(
                  socket(HOST, Protocol.UDP, "192.168.1.2", 161, "snmp")
                      .withAttribution(SNMP, SNMPD)),
              "snmp",
              "Community strings in clear text (café).",
              "systemctl disable --now snmpd",
              "knowledge base",
              List.of()),
          new Finding(
              "snmp/udp/162@host",
              Severity.INFO,
              List.of(
                  socket(HOST, Protocol.UDP, "::1", 162, "snmp-trap").withAttribution(RUNIT, null)),
              "snmp",
              "Traps, on loopback.",
              "sv down snmptrapd",
              "knowledge base",
              List.of()));

  static Diagnostics diagnostics() {
    Diagnostics d = new Diagnostics();
    d.add(Diagnostics.Kind.UNREADABLE, "/proc/1/fd", "Permission denied");
    d.add(Diagnostics.Kind.VANISHED, "/proc/4243", "exited while read");
    d.add(Diagnostics.Kind.VANISHED, "/proc/4243", "exited while read");
    return d;
  }

  static final List<ServiceCatalogue.Listing> LISTINGS =
      List.of(
          new ServiceCatalogue.Listing(
              new ServiceEntry(FINGER, true, List.of(new ListenSpec(Protocol.TCP, 79, null))),
              FINGERD),
          new ServiceCatalogue.Listing(
              new ServiceEntry(
                  SNMP,
                  false,
                  List.of(
                      new ListenSpec(Protocol.UDP, 161, null),
                      new ListenSpec(Protocol.UDP, 161, null),
                      new ListenSpec(Protocol.UDP, 161, "127.0.0.1"))),
              SNMPD),
          new ServiceCatalogue.Listing(new ServiceEntry(RUNIT, true, List.of()), null),
          new ServiceCatalogue.Listing(
              new ServiceEntry(
                  owner(
                      "systemd",
                      "a-unit-name-long-enough-to-need-more-than-its-share-of-eighty-columns.service",
                      "/etc/systemd/system/a-unit-name-long-enough-to-need-more-than-its-share.service",
                      3,
                      null),
                  true,
                  List.of(new ListenSpec(Protocol.TCP, 8443, "::"))),
              null));

  static final BootPrediction BOOT =
      new BootPrediction(
          InitSystem.SYSTEMD,
          "graphical.target",
          List.of(
              BootAndVerifyWriterTest.FTP,
              BootAndVerifyWriterTest.STATD,
              new PredictedPort(
                  Protocol.TCP,
                  79,
                  List.of("0.0.0.0", "::"),
                  FINGER,
                  FINGERD,
                  PredictedPort.Source.DEFAULT,
                  null,
                  0,
                  "inetd.service starts inetd")),
          List.of(
              new BootStart(
                  new ServiceEntry(RUNIT, true, List.of()), "runsvdir starts it", false)));

  static final Drift DRIFT =
      new Drift(
          List.of(
              socket(HOST, Protocol.TCP, "0.0.0.0", 4444, null, ODD),
              socket(HOST, Protocol.TCP, "::", 79, "finger", INETD)
                  .withAttribution(FINGER, FINGERD)),
          List.of(BootAndVerifyWriterTest.FTP, BootAndVerifyWriterTest.STATD),
          List.of(FINDINGS.get(1)),
          List.of(FINDINGS.get(0), FINDINGS.get(3)));

  static final Drift CLEAN = new Drift(List.of(), List.of(), List.of(), List.of());

  record Case(String file, Consumer<ByteArrayOutputStream> write) {}

  static PrintStream print(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  static final List<Case> CASES =
      List.of(
          new Case("audit.txt", out -> AuditTextWriter.write(FINDINGS, 9, print(out))),
          new Case("audit-none.txt", out -> AuditTextWriter.write(List.of(), 3, print(out))),
          new Case("audit.json", out -> AuditJsonWriter.write(FINDINGS, diagnostics(), out)),
          new Case(
              "audit-none.json", out -> AuditJsonWriter.write(List.of(), new Diagnostics(), out)),
          new Case("audit.sarif", out -> AuditSarifWriter.write(FINDINGS, "1.2.3-test", out)),
          new Case("audit-none.sarif", out -> AuditSarifWriter.write(List.of(), "1.2.3-test", out)),
          new Case("audit.xml", out -> AuditJunitWriter.write(FINDINGS, Severity.MEDIUM, out)),
          new Case("audit-none.xml", out -> AuditJunitWriter.write(List.of(), Severity.INFO, out)),
          new Case("services.txt", out -> ServicesTableWriter.write(LISTINGS, false, print(out))),
          new Case(
              "services-wide.txt", out -> ServicesTableWriter.write(LISTINGS, true, print(out))),
          new Case(
              "services-none.txt", out -> ServicesTableWriter.write(List.of(), false, print(out))),
          new Case("services.json", out -> ServicesJsonWriter.write(LISTINGS, diagnostics(), out)),
          new Case("boot.txt", out -> BootTableWriter.write(BOOT, false, print(out))),
          new Case("boot-wide.txt", out -> BootTableWriter.write(BOOT, true, print(out))),
          new Case(
              "boot-none.txt",
              out ->
                  BootTableWriter.write(
                      new BootPrediction(InitSystem.SYSV, null, List.of(), List.of()),
                      false,
                      print(out))),
          new Case("boot.json", out -> BootJsonWriter.write(BOOT, diagnostics(), out)),
          new Case("verify.txt", out -> VerifyTextWriter.write(DRIFT, print(out))),
          new Case("verify-clean.txt", out -> VerifyTextWriter.write(CLEAN, print(out))),
          new Case("verify.json", out -> VerifyJsonWriter.write(DRIFT, diagnostics(), out)),
          new Case(
              "verify-clean.json", out -> VerifyJsonWriter.write(CLEAN, new Diagnostics(), out)));

  @TestFactory
  Stream<DynamicTest> everyFormatIsByteForByteItsGoldenFile() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> check(c)));
  }

  private static void check(Case c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.write().accept(out);
    byte[] actual = out.toByteArray();
    Path golden = GOLDEN.resolve(c.file());
    if (UPDATE) {
      Files.createDirectories(GOLDEN);
      Files.write(golden, actual);
    }
    assertThat(golden).as("golden file (run with -Dajar.golden.update=true)").exists();
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    assertThat(actual).isEqualTo(Files.readAllBytes(golden));
  }
}
