package dev.ajar.supervisors.inetd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ajar.model.Family;
import dev.ajar.model.Protocol;
import dev.ajar.supervisors.inetd.InetdConfParser.Dialect;
import dev.ajar.supervisors.inetd.InetdEntry.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class InetdConfParserTest {
  static String fixture(String root) throws Exception {
    // As Host.readText decodes: invalid UTF-8 becomes U+FFFD instead of failing.
    return new String(
        Files.readAllBytes(Path.of("src/test/resources/supervisors/inetd", root, "etc/inetd.conf")),
        StandardCharsets.UTF_8);
  }

  @Test
  void debianFileAsUpdateInetdWroteIt() throws Exception {
    var parsed = InetdConfParser.parse("/etc/inetd.conf", fixture("debian12"), Dialect.OPENBSD);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.entries())
        .extracting(
            InetdEntry::line,
            InetdEntry::service,
            InetdEntry::status,
            InetdEntry::protocol,
            InetdEntry::program)
        .containsExactly(
            tuple(17, "echo", Status.COMMENTED, "tcp", "internal"),
            tuple(18, "discard", Status.ACTIVE, "tcp", "internal"),
            tuple(19, "discard", Status.ACTIVE, "udp", "internal"),
            tuple(20, "daytime", Status.ACTIVE, "tcp", "internal"),
            tuple(21, "time", Status.COMMENTED, "tcp", "internal"),
            tuple(22, "chargen", Status.COMMENTED, "tcp", "internal"),
            tuple(25, "telnet", Status.OFF, "tcp", "/usr/sbin/telnetd"),
            tuple(28, "shell", Status.ACTIVE, "tcp", "/usr/sbin/in.rshd"),
            tuple(29, "login", Status.COMMENTED, "tcp", "/usr/sbin/in.rlogind"),
            tuple(30, "talk", Status.ACTIVE, "udp", "/usr/sbin/in.talkd"),
            tuple(31, "ntalk", Status.OFF, "udp", "/usr/sbin/in.ntalkd"),
            tuple(36, "finger", Status.ACTIVE, "tcp", "/usr/sbin/in.fingerd"),
            tuple(42, "rstatd/1-5", Status.ACTIVE, "rpc/udp", "/usr/sbin/rpc.rstatd"),
            tuple(43, "rusersd/2-3", Status.ACTIVE, "rpc/udp", "/usr/sbin/rpc.rusersd"));
    InetdEntry talk = parsed.entries().get(9);
    assertThat(talk.user()).isEqualTo("nobody.tty");
    assertThat(talk.server()).isEqualTo("/usr/sbin/in.talkd");
    assertThat(talk.args()).containsExactly("in.talkd");
    assertThat(talk.transport()).isEqualTo(Protocol.UDP);
    InetdEntry rstatd = parsed.entries().get(12);
    assertThat(rstatd.isRpc()).isTrue();
    assertThat(rstatd.portName()).isNull();
    assertThat(parsed.entries()).allSatisfy(e -> assertThat(e.file()).isEqualTo("/etc/inetd.conf"));
  }

  @Test
  void handMadeFormsOfOpenbsdInetd() throws Exception {
    var parsed = InetdConfParser.parse("/etc/inetd.conf", fixture("handmade"), Dialect.OPENBSD);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.entries())
        .extracting(InetdEntry::line, InetdEntry::service, InetdEntry::hosts, InetdEntry::protocol)
        .containsExactly(
            tuple(4, "ident", List.of("127.0.0.1"), "tcp4"),
            tuple(6, "finger", List.of("::1"), "tcp6"),
            tuple(7, "time", List.of("192.0.2.10", "127.0.0.1"), "tcp"),
            tuple(8, "2323", List.of(), "tcp46"),
            tuple(9, "echo", List.of(), "udp6"),
            tuple(10, "/run/foo.sock", List.of(), "unix"),
            tuple(11, "tftp", List.of(), "udp"),
            tuple(14, "chargen", List.of(), "tcp"));
    var e = parsed.entries();
    assertThat(e.get(1).program()).isEqualTo("/usr/sbin/in.fingerd"); // relative argv[0] of tcpd
    assertThat(e.get(3).waitField()).isEqualTo("nowait.400");
    assertThat(e.get(3).user()).isEqualTo("root:root");
    assertThat(e.get(3).program()).isEqualTo("/usr/sbin/telnetd");
    assertThat(e.get(5).transport()).isNull();
    assertThat(e.get(6).args()).containsExactly("/usr/sbin/in.tftpd", "--secure", "/srv/tftp");
    assertThat(e.get(7).status()).isEqualTo(Status.COMMENTED);
  }

  @Test
  void continuationLinesAreOpenbsdOnly() {
    String text = "tftp\tdgram\tudp\twait\tnobody\t/usr/sbin/in.tftpd\tin.tftpd\n\t/srv/tftp\n";
    var openbsd = InetdConfParser.parse("f", text, Dialect.OPENBSD);
    var inetutils = InetdConfParser.parse("f", text, Dialect.INETUTILS);

    assertThat(openbsd.entries())
        .singleElement()
        .extracting(InetdEntry::args)
        .isEqualTo(List.of("in.tftpd", "/srv/tftp"));
    assertThat(inetutils.entries())
        .singleElement()
        .extracting(InetdEntry::args)
        .isEqualTo(List.of("in.tftpd"));
    assertThat(inetutils.problems()).extracting(InetdConfParser.Problem::line).containsExactly(2);
  }

  @Test
  void familiesDependOnTheDaemon() {
    var parsed =
        InetdConfParser.parse(
            "f",
            "echo stream tcp nowait root internal\n"
                + "discard stream tcp4 nowait root internal\n"
                + "daytime stream tcp6 nowait root internal\n"
                + "time stream tcp46 nowait root internal\n",
            Dialect.OPENBSD);
    var e = parsed.entries();

    assertThat(e.get(0).families(Dialect.OPENBSD)).isEqualTo(Set.of(Family.INET, Family.INET6));
    assertThat(e.get(0).families(Dialect.INETUTILS)).isEqualTo(Set.of(Family.INET));
    assertThat(e.get(1).families(Dialect.OPENBSD)).isEqualTo(Set.of(Family.INET));
    assertThat(e.get(2).families(Dialect.OPENBSD)).isEqualTo(Set.of(Family.INET6));
    assertThat(e.get(3).families(Dialect.OPENBSD)).isEqualTo(Set.of(Family.INET6));
  }

  @Test
  void hostileLinesBecomeProblemsNotExceptions() throws Exception {
    var parsed = InetdConfParser.parse("/etc/inetd.conf", fixture("hostile"), Dialect.OPENBSD);

    assertThat(parsed.entries())
        .extracting(InetdEntry::line, InetdEntry::service)
        .containsExactly(
            tuple(1, "finger"), tuple(3, "bogus"), tuple(8, "login"), tuple(12, "telnet"));
    assertThat(parsed.entries().get(0).program()).isEqualTo("/usr/sbin/in.fingerd");
    assertThat(parsed.problems())
        .extracting(InetdConfParser.Problem::line)
        .containsExactly(1, 2, 4, 5, 6, 7, 8, 9, 10);
    assertThat(parsed.problems().get(0).message()).contains("carriage return");
    assertThat(parsed.problems().get(2).message()).contains("socket type");
    assertThat(parsed.problems().get(3).message()).contains("protocol");
    assertThat(parsed.problems().get(4).message()).contains("no version");
    assertThat(parsed.problems().get(5).message()).contains("not an internal service");
    assertThat(parsed.problems().get(6).message()).contains("neither wait nor nowait");
  }

  @Test
  void tcpdRunsItsArgvZero() {
    assertThat(InetdEntry.realProgram("/usr/sbin/tcpd", "/usr/sbin/in.fingerd"))
        .isEqualTo("/usr/sbin/in.fingerd");
    assertThat(InetdEntry.realProgram("/usr/sbin/tcpd", "in.fingerd"))
        .isEqualTo("/usr/sbin/in.fingerd");
    assertThat(InetdEntry.realProgram("/usr/sbin/tcpd", null)).isEqualTo("/usr/sbin/tcpd");
    assertThat(InetdEntry.realProgram("/usr/sbin/in.talkd", "in.talkd"))
        .isEqualTo("/usr/sbin/in.talkd");
  }

  @Property
  void neverThrows(@ForAll String text) {
    for (Dialect d : Dialect.values()) {
      var parsed = InetdConfParser.parse("f", text, d);
      assertThat(parsed.entries()).allSatisfy(e -> assertThat(e.line()).isPositive());
    }
  }

  @Property
  void neverThrowsOnLinesThatLookLikeEntries(
      @ForAll("fields") List<String> fields, @ForAll boolean commented) {
    String line = (commented ? "#" : "") + String.join("\t", fields);
    InetdConfParser.parse("f", line + "\n" + line.replace('\t', ' '), Dialect.OPENBSD);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<String>> fields() {
    var token =
        net.jqwik.api.Arbitraries.of(
            "finger",
            "rpc/tcp",
            "tcp",
            "udp6",
            "stream",
            "dgram",
            "wait",
            "nowait.x",
            "internal",
            "/usr/sbin/tcpd",
            "127.0.0.1:",
            "[::1]:x",
            ":",
            ",",
            "tcp,rcvbuf=",
            "a/",
            "#<off>#",
            "");
    return token.list().ofMaxSize(10);
  }
}
