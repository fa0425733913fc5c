package dev.ajar.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Protocol;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.InitSystem;
import dev.ajar.verify.BootPrediction;
import dev.ajar.verify.Drift;
import dev.ajar.verify.PredictedPort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The ajar.boot/1 and ajar.verify/1 documents, and escaping of what a root's files say. */
class BootAndVerifyWriterTest {
  static final Owner VSFTPD =
      new Owner(
          SupervisorKind.SYSTEMD,
          "vsftpd.service",
          "/lib/systemd/system/vsftpd.service",
          0,
          "/usr/sbin/vsftpd");
  static final PredictedPort FTP =
      new PredictedPort(
          Protocol.TCP,
          21,
          List.of("::"),
          VSFTPD,
          new PackageRef("dpkg", "vsftpd", "3.0.3-13+b2"),
          PredictedPort.Source.CONFIG,
          "/etc/vsftpd.conf",
          22,
          "multi-user.target pulls it in");
  static final PredictedPort STATD =
      new PredictedPort(
          Protocol.UDP,
          0,
          List.of("127.0.0.1"),
          new Owner(
              SupervisorKind.SYSTEMD, "rpc-statd\u001b[31m.service", null, 0, "/sbin/rpc.statd"),
          null,
          PredictedPort.Source.CONFIG,
          null,
          0,
          "nfs-server.service pulls it in");

  static JsonNode json(java.util.function.Consumer<ByteArrayOutputStream> write) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write.accept(out);
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void bootDocumentCarriesEveryField() {
    BootPrediction p =
        new BootPrediction(InitSystem.SYSTEMD, "graphical.target", List.of(FTP, STATD), List.of());
    JsonNode doc = json(out -> BootJsonWriter.write(p, new Diagnostics(), out));
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.boot/1");
    assertThat(doc.get("target").asString()).isEqualTo("graphical.target");
    JsonNode ftp = doc.get("ports").get(0);
    assertThat(ftp.get("source").asString()).isEqualTo("config");
    assertThat(ftp.get("file").asString()).isEqualTo("/etc/vsftpd.conf");
    assertThat(ftp.get("line").asInt()).isEqualTo(22);
    assertThat(ftp.get("package").get("version").asString()).isEqualTo("3.0.3-13+b2");
    JsonNode statd = doc.get("ports").get(1);
    assertThat(statd.get("dynamic").asBoolean()).isTrue();
    assertThat(statd.get("file").isNull()).isTrue();
  }

  @Test
  void bootTableEscapesControlCharactersAndShowsDynamicPorts() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BootTableWriter.write(
        new BootPrediction(InitSystem.SYSTEMD, null, List.of(FTP, STATD), List.of()),
        true,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("dynamic")
        .contains("/etc/vsftpd.conf:22")
        .contains("rpc-statd")
        .doesNotContain("\u001b");
  }

  @Test
  void verifyDocumentListsWhatBootWillOpenWithTheBootFields() {
    Drift drift = new Drift(List.of(), List.of(FTP), List.of(), List.of());
    JsonNode doc = json(out -> VerifyJsonWriter.write(drift, new Diagnostics(), out));
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.verify/1");
    assertThat(doc.get("clean").asBoolean()).isFalse();
    JsonNode closed = doc.get("closed_but_will_open").get(0);
    assertThat(closed.get("port").asInt()).isEqualTo(21);
    assertThat(closed.get("started_by").asString()).isEqualTo("multi-user.target pulls it in");
    assertThat(doc.get("open_not_at_boot")).isEmpty();
  }
}
