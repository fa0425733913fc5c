package dev.ajar.supervisors.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ajar.model.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UnitFileParserTest {
  static String read(String root, String path) throws Exception {
    return new String(
        Files.readAllBytes(Path.of("src/test/resources/supervisors/systemd", root, path)),
        StandardCharsets.UTF_8);
  }

  @Test
  void rpcbindSocketAsDebianShipsIt() throws Exception {
    var parsed = UnitFileParser.parse(read("debian12", "usr/lib/systemd/system/rpcbind.socket"));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.settings())
        .filteredOn(s -> s.section().equals("Socket"))
        .extracting(
            UnitFileParser.Setting::key,
            UnitFileParser.Setting::value,
            UnitFileParser.Setting::line)
        .containsExactly(
            tuple("ListenStream", "/run/rpcbind.sock", 6),
            tuple("BindIPv6Only", "ipv6-only", 9),
            tuple("ListenStream", "0.0.0.0:111", 10),
            tuple("ListenDatagram", "0.0.0.0:111", 11),
            tuple("ListenStream", "[::]:111", 12),
            tuple("ListenDatagram", "[::]:111", 13));
  }

  @Test
  void continuationsJoinAndSkipComments() throws Exception {
    var parsed = UnitFileParser.parse(read("hostile", "usr/lib/systemd/system/continued.service"));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.settings())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.line()).isEqualTo(3);
              assertThat(s.value())
                  .startsWith("/usr/bin/continued")
                  .contains("--port 7070")
                  .endsWith("--verbose");
            });
  }

  @Test
  void crLfLineEndsAreLineEnds() throws Exception {
    var parsed = UnitFileParser.parse(read("hostile", "etc/systemd/system/crlf.socket"));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.settings())
        .extracting(UnitFileParser.Setting::value)
        .containsExactly("CR LF line ends", "8080");
  }

  @Test
  void garbageIsReportedLineByLine() throws Exception {
    var parsed = UnitFileParser.parse(read("hostile", "usr/lib/systemd/system/garbage.service"));

    assertThat(parsed.problems())
        .extracting(UnitFileParser.Problem::line)
        .containsExactly(1, 2, 3, 5);
    assertThat(parsed.problems().get(0).message())
        .isEqualTo("assignment outside of a section: ExecStart");
    assertThat(parsed.settings())
        .extracting(UnitFileParser.Setting::value)
        .containsExactly("/usr/bin/garbage --ok");
  }

  @Test
  void execStartPrograms() {
    assertThat(UnitValues.execProgram("/usr/sbin/sshd -D $SSHD_OPTS")).isEqualTo("/usr/sbin/sshd");
    assertThat(UnitValues.execProgram("-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM"))
        .isEqualTo("/sbin/agetty");
    assertThat(UnitValues.execProgram("@/usr/sbin/foo foo-daemon")).isEqualTo("/usr/sbin/foo");
    assertThat(UnitValues.execProgram("!!/usr/bin/x")).isEqualTo("/usr/bin/x");
    assertThat(UnitValues.execProgram("+-:/usr/bin/y --z")).isEqualTo("/usr/bin/y");
    assertThat(UnitValues.execProgram("\"/opt/my app/run\" --x")).isEqualTo("/opt/my app/run");
    assertThat(UnitValues.execProgram("-")).isNull();
    assertThat(UnitValues.execProgram("")).isNull();
  }

  @Test
  void listenAddresses() {
    assertThat(UnitValues.parseListen("22"))
        .extracting(UnitValues.Listen::inet, UnitValues.Listen::port, UnitValues.Listen::address)
        .containsExactly(true, 22, null);
    assertThat(UnitValues.parseListen("0.0.0.0:111").address()).isEqualTo("0.0.0.0");
    assertThat(UnitValues.parseListen("[::]:111").address()).isEqualTo("::");
    assertThat(UnitValues.parseListen("[fe80::1%eth0]:80").address()).isEqualTo("fe80::1");
    assertThat(UnitValues.parseListen("/run/rpcbind.sock").inet()).isFalse();
    assertThat(UnitValues.parseListen("/run/rpcbind.sock").error()).isNull();
    assertThat(UnitValues.parseListen("@abstract").inet()).isFalse();
    assertThat(UnitValues.parseListen("vsock:2:1234").inet()).isFalse();
    assertThat(UnitValues.parseListen("%i").error()).isNull();
    assertThat(
            List.of(
                "0",
                "65536",
                "x",
                "localhost:80",
                "::1:80",
                "1.2.3:53",
                "[::1]:0",
                "[nope]:80",
                "[::1]80"))
        .allSatisfy(v -> assertThat(UnitValues.parseListen(v).error()).as(v).isNotNull());
  }

  @Test
  void listenTransports() {
    assertThat(UnitValues.transport("ListenStream", null)).isEqualTo(Protocol.TCP);
    assertThat(UnitValues.transport("ListenDatagram", null)).isEqualTo(Protocol.UDP);
    assertThat(UnitValues.transport("ListenDatagram", "udplite")).isEqualTo(Protocol.UDPLITE);
    assertThat(UnitValues.transport("ListenStream", "sctp")).isNull();
    assertThat(UnitValues.transport("ListenSequentialPacket", null)).isNull();
    assertThat(UnitValues.transport("ListenFIFO", null)).isNull();
  }

  @Property
  void parserNeverThrows(@ForAll String text) {
    UnitFileParser.parse(text);
  }

  @Property
  void valueReadersNeverThrow(@ForAll("values") String value) {
    UnitValues.parseListen(value);
    UnitValues.execProgram(value);
    UnitValues.isTrue(value);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("[]:%@/-!+\"' 0123456789.abcdef").ofMaxLength(30));
  }
}
