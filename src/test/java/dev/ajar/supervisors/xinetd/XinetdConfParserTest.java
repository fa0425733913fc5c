package dev.ajar.supervisors.xinetd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ajar.model.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class XinetdConfParserTest {
  static XinetdConfParser.Parsed parse(String root, String file) throws Exception {
    String text =
        new String(
            Files.readAllBytes(Path.of("src/test/resources/supervisors/xinetd", root, file)),
            StandardCharsets.UTF_8);
    return XinetdConfParser.parse("/" + file, text);
  }

  static List<XinetdService> services(XinetdConfParser.Parsed parsed) {
    return parsed.items().stream()
        .filter(i -> i instanceof XinetdConfParser.Service)
        .map(i -> ((XinetdConfParser.Service) i).service())
        .toList();
  }

  @Test
  void debianPackageFileWithTwoServicesOfOneName() throws Exception {
    var parsed = parse("debian12", "etc/xinetd.d/daytime");

    assertThat(parsed.problems()).isEmpty();
    assertThat(services(parsed))
        .extracting(
            XinetdService::line,
            XinetdService::name,
            XinetdService::id,
            XinetdService::disable,
            XinetdService::effectiveProtocol,
            XinetdService::isInternal)
        .containsExactly(
            tuple(5, "daytime", "daytime-stream", true, "tcp", true),
            tuple(17, "daytime", "daytime-dgram", true, "udp", true));
  }

  @Test
  void xinetdConfWithDefaultsAndIncludedir() throws Exception {
    var parsed = parse("debian12", "etc/xinetd.conf");

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.items())
        .containsExactly(
            new XinetdConfParser.Defaults(5, null, Set.of(), null),
            new XinetdConfParser.IncludeDir(14, "/etc/xinetd.d"));
  }

  @Test
  void fileNamedOtherThanItsService() throws Exception {
    XinetdService finger = services(parse("debian12", "etc/xinetd.d/fingerd-local")).getFirst();

    assertThat(finger.name()).isEqualTo("finger");
    assertThat(finger.file()).isEqualTo("/etc/xinetd.d/fingerd-local");
    assertThat(finger.line()).isEqualTo(3);
    assertThat(finger.disable()).isFalse();
    assertThat(finger.flags()).containsExactlyInAnyOrder("IPv4", "NAMEINARGS");
    assertThat(finger.serverArgs()).containsExactly("/usr/sbin/in.fingerd", "-w");
    assertThat(finger.program()).isEqualTo("/usr/sbin/in.fingerd");
    assertThat(finger.transport()).isEqualTo(Protocol.TCP);
  }

  @Test
  void defaultsListsAccumulate() throws Exception {
    var parsed = parse("defaults", "etc/xinetd.conf");

    assertThat(parsed.items().getFirst())
        .isEqualTo(
            new XinetdConfParser.Defaults(
                4, null, Set.of("echo-stream", "daytime-stream"), "127.0.0.1"));
    assertThat(parsed.items()).contains(new XinetdConfParser.Include(13, "/etc/xinetd.local"));
  }

  @Test
  void anEmptyEnabledListEnablesNothing() {
    var parsed = XinetdConfParser.parse("f", "defaults\n{\n\tenabled =\n}\n");

    assertThat(parsed.items())
        .containsExactly(new XinetdConfParser.Defaults(1, Set.of(), Set.of(), null));
  }

  @Test
  void crLfValuesAreNotYesOrNo() throws Exception {
    var parsed = parse("hostile", "etc/xinetd.d/crlf");
    XinetdService telnet = services(parsed).getFirst();

    assertThat(telnet.name()).isEqualTo("telnet\r");
    assertThat(telnet.failures()).isNotEmpty();
    assertThat(parsed.problems())
        .extracting(XinetdConfParser.Problem::line)
        .containsExactly(3, 4, 7);
    assertThat(parsed.problems().getFirst().message()).contains("carriage return");
  }

  @Test
  void braceOnTheServiceLineSwallowsTheBlock() throws Exception {
    var parsed = parse("hostile", "etc/xinetd.d/onebrace");

    assertThat(services(parsed)).extracting(XinetdService::name).containsExactly("discard");
    assertThat(parsed.problems())
        .singleElement()
        .extracting(XinetdConfParser.Problem::message)
        .asString()
        .contains("missing '{'");
  }

  @Test
  void attributeWithoutABlankBeforeItsOperatorDropsTheService() throws Exception {
    XinetdService chargen = services(parse("hostile", "etc/xinetd.d/nospace")).getFirst();

    assertThat(chargen.failures())
        .containsExactly("attribute disable needs a space before operator");
  }

  @Test
  void firstValueWinsAndTrailingCommentsAreValues() throws Exception {
    var parsed = parse("hostile", "etc/xinetd.d/dupattr");
    XinetdService ntalk = services(parsed).getFirst();

    assertThat(ntalk.socketType()).isEqualTo("dgram");
    assertThat(ntalk.disable()).isFalse();
    assertThat(ntalk.failures()).isEmpty();
    assertThat(parsed.problems())
        .extracting(XinetdConfParser.Problem::message)
        .containsExactly(
            "service ntalk: attribute already set: socket_type (the first value counts)",
            "service ntalk: attribute disable expects 1 value and 7 were specified (ignored)");
  }

  @Test
  void listAttributesNeedValuesXinetdKnows() {
    var parsed =
        XinetdConfParser.parse(
            "/etc/xinetd.d/lists",
            """
            service echo
            {
                type        =
                flags       =
                server_args =
            }
            service chargen
            {
                type        = INTERNAL BOGUS
                flags       = IPv4 NOSUCH
            }
            """);

    assertThat(services(parsed))
        .extracting(XinetdService::name, XinetdService::failures)
        .containsExactly(
            tuple(
                "echo",
                List.of(
                    "type expects at least 1 value",
                    "flags expects at least 1 value",
                    "server_args expects at least 1 value")),
            tuple(
                "chargen", List.of("bad service type: \"BOGUS\"", "bad service flag: \"NOSUCH\"")));
  }

  @Test
  void unclosedBlockAndGarbage() throws Exception {
    assertThat(services(parse("hostile", "etc/xinetd.d/unclosed")).getFirst().failures())
        .containsExactly("incomplete entry");
    var garbage = parse("hostile", "etc/xinetd.d/garbage");
    assertThat(services(garbage)).isEmpty();
    assertThat(garbage.problems()).isNotEmpty();
  }

  @Test
  void includedirSkipsDotsAndTildes() {
    assertThat(XinetdSupervisor.isIncluded("telnet")).isTrue();
    assertThat(XinetdSupervisor.isIncluded("fingerd-local")).isTrue();
    assertThat(XinetdSupervisor.isIncluded("time.dpkg-old")).isFalse();
    assertThat(XinetdSupervisor.isIncluded("echo~")).isFalse();
    assertThat(XinetdSupervisor.isIncluded(".hidden")).isFalse();
    assertThat(XinetdSupervisor.isIncluded("rpmsave.")).isFalse();
  }

  @Property
  void neverThrows(@ForAll String text) {
    XinetdConfParser.parse("f", text);
  }

  @Property
  void neverThrowsOnBlockShapedText(@ForAll("blocks") List<String> lines) {
    XinetdConfParser.parse("f", String.join("\n", lines));
  }

  @Provide
  Arbitrary<List<String>> blocks() {
    return Arbitraries.of(
            "service x",
            "defaults",
            "{",
            "}",
            "include /x",
            "includedir",
            "disable = yes",
            "disable=no",
            "port = 99999",
            "type = INTERNAL UNLISTED",
            "flags += IPv6",
            "enabled =",
            "disabled -= a b",
            "server_args =",
            "socket_type = dgram\r",
            "# c",
            "bind = ::1",
            "",
            " = ",
            "+=",
            "service")
        .list()
        .ofMaxSize(30);
  }
}
