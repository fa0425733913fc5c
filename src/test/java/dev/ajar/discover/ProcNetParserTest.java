package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On tables captured from a real kernel (src/test/resources/procnet/README.md): every socket the
 * capture script made is parsed to exactly what the script recorded, in every state.
 */
class ProcNetParserTest {
  static byte[] fixture(String path) throws IOException {
    try (InputStream in = ProcNetParserTest.class.getResourceAsStream("/procnet/" + path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    }
  }

  static Protocol protocolOf(String file) {
    return switch (file.replaceAll("^.*\\.", "").replace("6", "")) {
      case "tcp" -> Protocol.TCP;
      case "udp" -> Protocol.UDP;
      case "udplite" -> Protocol.UDPLITE;
      case "raw" -> Protocol.RAW;
      default -> throw new IllegalArgumentException(file);
    };
  }

  static Family familyOf(String file) {
    return file.endsWith("6") ? Family.INET6 : Family.INET;
  }

  /** "file st local:port remote:port inode uid=N": the line format of expected.txt. */
  static String describe(String file, KernelSocket s) {
    return file
        + " "
        + String.format("%02X", s.state().code())
        + " "
        + s.local().addressText()
        + ":"
        + s.local().port()
        + " "
        + s.remote().addressText()
        + ":"
        + s.remote().port()
        + " "
        + s.inode()
        + " uid="
        + Integer.toUnsignedLong(s.uid());
  }

  static List<String> expected(String dir, String kind) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line :
        new String(fixture(dir + "/expected.txt"), StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ");
      if (kind == null) {
        lines.add(String.join(" ", f[0], f[1], f[2], f[3], f[4], f[5]));
      } else if (f[1].equals(kind)) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void everyCapturedSocketParsesAsRecorded() throws IOException {
    List<String> parsed = new ArrayList<>();
    for (String file :
        List.of("tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6")) {
      var r = ProcNetParser.parse(fixture("states/" + file), protocolOf(file), familyOf(file));
      assertThat(r.problems()).as(file).isEmpty();
      r.sockets().forEach(s -> parsed.add(describe(file, s)));
    }
    assertThat(parsed).containsExactlyInAnyOrderElementsOf(expected("states", null));
  }

  @Test
  void theCaptureHoldsEveryTcpStateAUserCanSee() throws IOException {
    Set<SocketState> seen = EnumSet.noneOf(SocketState.class);
    for (String file : List.of("tcp", "tcp6")) {
      ProcNetParser.parse(fixture("states/" + file), Protocol.TCP, familyOf(file))
          .sockets()
          .forEach(s -> seen.add(s.state()));
    }
    assertThat(seen)
        .contains(
            SocketState.ESTABLISHED,
            SocketState.SYN_SENT,
            SocketState.SYN_RECV,
            SocketState.FIN_WAIT1,
            SocketState.FIN_WAIT2,
            SocketState.TIME_WAIT,
            SocketState.CLOSE_WAIT,
            SocketState.LAST_ACK,
            SocketState.LISTEN,
            SocketState.CLOSING);
  }

  @Test
  void datagramStatesAreUnconnectedOrEstablished() throws IOException {
    var udp = ProcNetParser.parse(fixture("states/udp"), Protocol.UDP, Family.INET).sockets();
    assertThat(udp.stream().map(KernelSocket::state).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(SocketState.UNCONN, SocketState.ESTABLISHED);
  }

  @Test
  void hostileFilesKeepTheGoodLinesAndNameTheBadOnes() throws IOException {
    List<String> keep = expected("hostile", "keep");
    List<String> skip = expected("hostile", "skip");
    Set<String> files =
        keep.stream()
            .map(l -> l.split(" ")[0])
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    skip.forEach(l -> files.add(l.split(" ")[0]));
    files.add("empty.tcp");
    files.add("header-only.tcp6");
    for (String file : files) {
      var r = ProcNetParser.parse(fixture("hostile/" + file), protocolOf(file), familyOf(file));
      List<String> wantKept =
          keep.stream()
              .filter(l -> l.startsWith(file + " "))
              .map(l -> l.replace(" keep ", " "))
              .toList();
      assertThat(r.sockets().stream().map(s -> describe(file, s)).toList())
          .as(file)
          .containsExactlyInAnyOrderElementsOf(wantKept);
      List<String> wantSkipped =
          skip.stream()
              .filter(l -> l.startsWith(file + " "))
              .map(l -> "line " + l.split(" ")[2] + ":")
              .toList();
      assertThat(r.problems().stream().map(p -> p.substring(0, p.indexOf(':') + 1)).toList())
          .as(file)
          .containsExactlyInAnyOrderElementsOf(wantSkipped);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "tcp6", "udp", "udp6"})
  void thisHostsOwnTablesParseCleanly(String file) throws IOException {
    var r = ProcNetParser.parse(fixture("host/" + file), protocolOf(file), familyOf(file));
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void bigEndianMachinesPrintAddressesInOrder() {
    byte[] line =
        ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid "
             + " timeout inode\n"
             + "   0: 7F000001:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0  "
             + "      0 123 1\n")
            .getBytes(StandardCharsets.US_ASCII);
    var s = ProcNetParser.parse(line, Protocol.TCP, Family.INET, ByteOrder.BIG_ENDIAN).sockets();
    assertThat(s.getFirst().local().addressText()).isEqualTo("127.0.0.1");
    assertThat(s.getFirst().local().port()).isEqualTo(22);
  }

  @Test
  void manyMalformedLinesAreSummarised() {
    byte[] junk = "x\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
    var r = ProcNetParser.parse(junk, Protocol.TCP, Family.INET);
    assertThat(r.sockets()).isEmpty();
    assertThat(r.problems()).hasSize(21).last().asString().isEqualTo("80 more malformed lines");
  }

  @Property(tries = 300)
  void arbitraryBytesNeverThrow(@ForAll byte[] junk) throws IOException {
    ProcNetParser.parse(junk, Protocol.TCP, Family.INET6);
    byte[] real = fixture("states/tcp6");
    byte[] mixed = new byte[real.length + junk.length];
    System.arraycopy(real, 0, mixed, 0, real.length / 2);
    System.arraycopy(junk, 0, mixed, real.length / 2, junk.length);
    System.arraycopy(
        real, real.length / 2, mixed, real.length / 2 + junk.length, real.length - real.length / 2);
    var r = ProcNetParser.parse(mixed, Protocol.TCP, Family.INET6);
    assertThat(r.sockets().size()).isGreaterThanOrEqualTo(1);
  }
}
