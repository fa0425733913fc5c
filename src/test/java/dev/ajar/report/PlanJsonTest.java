package dev.ajar.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.model.Owner;
import dev.ajar.model.SupervisorKind;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.supervisors.DisablePlan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ajar.plan/1: every kind of change survives the round trip exactly; anything off is refused by
 * field.
 */
class PlanJsonTest {
  static final String SHA = "a".repeat(64);

  static ClosePlan sample() {
    var finger =
        new ClosePlan.Entry(
            new Owner(
                SupervisorKind.INETD, "finger", "/etc/inetd.conf", 34, "/usr/sbin/in.fingerd"),
            List.of(79),
            "opens port 79",
            List.of(
                new DisablePlan.RuntimeStep(
                    "make inetd re-read its configuration",
                    List.of("pkill", "-HUP", "-x", "inetd"))),
            List.of("no active inetd entry remains: inetd itself can be disabled too"));
    var rpc =
        new ClosePlan.Entry(
            new Owner(SupervisorKind.SYSTEMD, "rpcbind.socket", null, 0, null),
            List.of(),
            "enabled at boot",
            List.of(),
            List.of());
    byte[] binary = {0, (byte) 0xff, (byte) 0xc3, '\n', 'x'};
    return new ClosePlan(
        "/srv/root copy",
        List.of(finger, rpc),
        List.of(
            new ClosePlan.Step(
                new WriteFile(
                    "/etc/inetd.conf",
                    "#finger\tstream\n\"quoted\" \\ é \u0001\n".getBytes(StandardCharsets.UTF_8)),
                Precondition.sha256(SHA),
                List.of(0)),
            new ClosePlan.Step(
                new WriteFile("/etc/binary", binary, 0640), Precondition.absent(), List.of(0)),
            new ClosePlan.Step(
                new WriteFile("/etc/empty", new byte[0], null),
                Precondition.symlinkTo("elsewhere"),
                List.of(0)),
            new ClosePlan.Step(
                new RenamePath(
                    "/etc/systemd/system/rpcbind.socket",
                    "/etc/systemd/system/rpcbind.socket.ajar-disabled"),
                Precondition.sha256(SHA),
                List.of(1)),
            new ClosePlan.Step(
                new CreateSymlink("/etc/systemd/system/rpcbind.socket", "/dev/null"),
                Precondition.absent(),
                List.of(1)),
            new ClosePlan.Step(
                new RemovePath("/etc/systemd/system/sockets.target.wants/rpcbind.socket"),
                Precondition.symlinkTo("/lib/systemd/system/rpcbind.socket"),
                List.of(1)),
            new ClosePlan.Step(
                new ChangeMode("/usr/sbin/in.fingerd", 04755 & ~06000),
                Precondition.sha256(SHA),
                List.of(0, 1))));
  }

  static String json(ClosePlan plan) {
    var out = new ByteArrayOutputStream();
    PlanJsonWriter.write(plan, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static ClosePlan read(String json) {
    return PlanJsonReader.read("plan.json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyKindOfChangeAndBinaryContentRoundTrip() {
    ClosePlan plan = sample();
    String json = json(plan);
    assertThat(read(json)).isEqualTo(plan);
    assertThat(json)
        .contains("\"schema\" : \"ajar.plan/1\"")
        .contains("\"text\" : \"#finger\\tstream\\n\\\"quoted\\\" \\\\ é \\u0001\\n\"")
        .contains("\"base64\" : \"AP/DCng=\"")
        .contains("\"mode\" : \"0640\"")
        .contains("\"mode\" : \"0755\"")
        .contains("\"kind\" : \"rename\"")
        .contains("\"state\" : \"symlink\"");
  }

  @Test
  void aPlanWrittenByThePreviousVersionReadsBackAndIsWrittenTheSame() throws Exception {
    // src/test/resources/change/README.md: sample() as ajar wrote it before the change codec.
    String previous =
        Files.readString(
            Path.of(PlanJsonTest.class.getResource("/change/plan-before-codec.json").toURI()));
    assertThat(read(previous)).isEqualTo(sample());
    assertThat(json(sample())).isEqualTo(previous);
  }

  @Test
  void anotherSchemaOrVersionIsRefused() {
    assertThatThrownBy(() -> read(json(sample()).replace("ajar.plan/1", "ajar.plan/2")))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "plan.json: not an ajar.plan/1 plan: field schema is 'ajar.plan/2', this ajar reads"
                + " ajar.plan/1");
    assertThatThrownBy(() -> read("{\"schema\": \"ajar.ports/1\", \"sockets\": []}"))
        .hasMessageContaining("field schema is 'ajar.ports/1'");
    assertThatThrownBy(() -> read("[1, 2]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> read("{\"schema\": ")).isInstanceOf(BadInputException.class);
  }

  @Test
  void hostilePathsAreRefusedNamingTheField() {
    String json = json(sample());
    for (String bad :
        new String[] {
          "etc/inetd.conf",
          "/etc/../etc/shadow",
          "/etc/./inetd.conf",
          "/etc//inetd.conf",
          "/etc/inetd.conf/",
          "/etc/..",
          ""
        }) {
      assertThatThrownBy(() -> read(json.replace("\"/etc/inetd.conf\"", "\"" + bad + "\"")))
          .as(bad)
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("field changes[0].path is not an absolute normal path");
    }
    assertThatThrownBy(
            () ->
                read(
                    json.replace(
                        "\"/etc/systemd/system/rpcbind.socket.ajar-disabled\"", "\"../x\"")))
        .hasMessageContaining("field changes[3].to is not an absolute normal path");
    assertThatThrownBy(() -> read(json.replace("\"/srv/root copy\"", "\"root\"")))
        .hasMessageContaining("field root is not an absolute normal path");
  }

  @Test
  void missingUnknownOrMalformedFieldsAreRefusedByName() {
    String json = json(sample());
    assertThatThrownBy(
            () -> read(json.replace("\"base64\" : \"AP/DCng=\"", "\"base64\" : \"AP/D*ng=\"")))
        .hasMessageContaining("field changes[1].base64 is not base64");
    assertThatThrownBy(() -> read(json.replace("\"base64\" : \"AP/DCng=\",", "")))
        .hasMessageContaining("changes[1].: exactly one of text and base64 is needed");
    assertThatThrownBy(() -> read(json.replace("\"mode\" : \"0640\"", "\"mode\" : \"0999\"")))
        .hasMessageContaining("field changes[1].mode is not an octal mode");
    assertThatThrownBy(() -> read(json.replaceFirst("\"sha256\" : \"a+\"", "\"sha256\" : \"abc\"")))
        .hasMessageContaining("field changes[0].expect.sha256 is not a lower-case SHA-256");
    assertThatThrownBy(() -> read(json.replace("\"kind\" : \"remove\"", "\"kind\" : \"shred\"")))
        .hasMessageContaining("field changes[5].kind is 'shred'");
    assertThatThrownBy(() -> read(json.replace("\"why\" : \"opens port 79\",", "")))
        .hasMessageContaining("missing field targets[0].why");
    assertThatThrownBy(
            () ->
                read(
                    json.replace(
                        "\"why\" : \"opens port 79\",", "\"why\" : \"x\", \"extra\" : 1,")))
        .hasMessageContaining("unknown field targets[0].extra");
    assertThatThrownBy(() -> read(json.replace("\"state\" : \"absent\"", "\"state\" : \"gone\"")))
        .hasMessageContaining("field changes[1].expect.state is 'gone'");
    assertThatThrownBy(() -> read(json.replace("\"ports\" : [ 79 ]", "\"ports\" : [ 70000 ]")))
        .hasMessageContaining("field targets[0].ports has 70000");
    assertThatThrownBy(() -> read(json.replace("\"targets\" : [ 0, 1 ]", "\"targets\" : [ 0, 2 ]")))
        .hasMessageContaining("field changes[6].targets has 2, not a target index");
    assertThatThrownBy(() -> read(json.replace("\"#finger", "\"\\uDC80#finger")))
        .hasMessageContaining("field changes[0].text has an unpaired surrogate");
    assertThatThrownBy(
            () -> read(json.replace("\"supervisor\" : \"inetd\"", "\"supervisor\" : \"INETD\"")))
        .hasMessageContaining(
            "field targets[0].owner.supervisor is 'INETD', not one of systemd, sysv,");
  }
}
