package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On dumps captured from a real kernel by scripts/capture-sockdiag-fixtures.py (one namespace,
 * known sockets): each dump parses to exactly the sockets /proc/net showed at the same moment, plus
 * the IPV6_V6ONLY flags the script set. Hostile buffers end the parse, never throw.
 */
class SockDiagParserTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SockDiagParserTest.class.getResourceAsStream("/sockdiag/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** The recv() buffers of a capture, in order. */
  private static List<byte[]> chunks(String table) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(resource(table + ".bin"));
    List<byte[]> chunks = new ArrayList<>();
    while (b.hasRemaining()) {
      byte[] chunk = new byte[b.getInt()];
      b.get(chunk);
      chunks.add(chunk);
    }
    return chunks;
  }

  private static List<KernelSocket> dump(String table, Protocol protocol, Family family)
      throws IOException {
    List<KernelSocket> out = new ArrayList<>();
    var cache = new SockDiagParser.AddressCache();
    List<byte[]> chunks = chunks(table);
    for (int i = 0; i < chunks.size(); i++) {
      byte[] c = chunks.get(i);
      SockDiagParser.Chunk r = SockDiagParser.parse(c, c.length, 1, protocol, family, cache, out);
      assertThat(r.interrupted()).isFalse();
      assertThat(r.end())
          .isEqualTo(i == chunks.size() - 1 ? SockDiagParser.End.DONE : SockDiagParser.End.MORE);
    }
    return out;
  }

  /** The fields both sources give, as text. */
  private static Set<String> comparable(List<KernelSocket> sockets) {
    Set<String> set = new TreeSet<>();
    for (KernelSocket s : sockets) {
      set.add(
          s.protocol()
              + " "
              + s.family()
              + " "
              + s.state()
              + " "
              + s.local()
              + " "
              + s.remote()
              + " uid "
              + s.uid()
              + " inode "
              + s.inode());
    }
    return set;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "tcp6", "udp", "udp6", "udplite", "udplite6"})
  void aDumpHoldsExactlyTheSocketsOfProcNet(String table) throws IOException {
    Protocol protocol =
        table.startsWith("tcp")
            ? Protocol.TCP
            : table.startsWith("udplite") ? Protocol.UDPLITE : Protocol.UDP;
    Family family = table.endsWith("6") ? Family.INET6 : Family.INET;
    List<KernelSocket> fromNetlink = dump(table, protocol, family);
    ProcNetParser.Result fromProc =
        ProcNetParser.parse(resource(table + ".proc"), protocol, family);
    assertThat(fromProc.problems()).isEmpty();
    assertThat(comparable(fromNetlink)).isEqualTo(comparable(fromProc.sockets()));
    if (!table.equals("udplite6")) {
      assertThat(fromNetlink).isNotEmpty();
    }
  }

  @Test
  void ipv6OnlyIsKnownForListeningAndBoundIpv6Sockets() throws IOException {
    List<KernelSocket> tcp6 = dump("tcp6", Protocol.TCP, Family.INET6);
    assertThat(v6Only(tcp6, 5002)).isTrue();
    assertThat(v6Only(tcp6, 5003)).isFalse();
    assertThat(v6Only(dump("udp6", Protocol.UDP, Family.INET6), 5007)).isTrue();
    assertThat(dump("tcp", Protocol.TCP, Family.INET)).allMatch(s -> s.v6Only() == null);
    assertThat(tcp6).filteredOn(s -> !s.state().isOpenPort()).allMatch(s -> s.v6Only() == null);
  }

  private static Boolean v6Only(List<KernelSocket> sockets, int port) {
    return sockets.stream()
        .filter(s -> s.local().port() == port && s.state().isOpenPort())
        .findFirst()
        .orElseThrow()
        .v6Only();
  }

  @Test
  void theRequestIsWhatTheKernelExpects() {
    byte[] r = SockDiagParser.request(Protocol.RAW, Family.INET6, SockDiagParser.STATES_LISTEN, 7);
    ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.nativeOrder());
    assertThat(r).hasSize(72);
    assertThat(b.getInt(0)).isEqualTo(72);
    assertThat(b.getShort(4)).isEqualTo((short) 20); // SOCK_DIAG_BY_FAMILY
    assertThat(b.getShort(6)).isEqualTo((short) 0x301); // REQUEST | DUMP
    assertThat(b.getInt(8)).isEqualTo(7);
    assertThat(r[16]).isEqualTo((byte) 10); // AF_INET6
    assertThat(r[17]).isEqualTo((byte) 255); // IPPROTO_RAW
    assertThat(r[19]).isEqualTo((byte) 255); // sdiag_raw_protocol: all
    assertThat(b.getInt(20)).isEqualTo(1 << 10);
    assertThat(Arrays.copyOfRange(r, 24, 72)).containsOnly(0);
  }

  @Test
  void anErrorAnswerIsTheKernelsErrno() {
    // What a kernel without raw_diag answers: NLMSG_DONE carrying -ENOENT.
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(1).putInt(0).putInt(-2);
    var r =
        SockDiagParser.parse(
            b.array(),
            20,
            1,
            Protocol.RAW,
            Family.INET,
            new SockDiagParser.AddressCache(),
            new ArrayList<>());
    assertThat(r.end()).isEqualTo(SockDiagParser.End.ERROR);
    assertThat(r.error()).isEqualTo(2);
  }

  @Test
  void messagesOfAnotherRequestAreSkipped() throws IOException {
    byte[] c = chunks("tcp").getFirst();
    List<KernelSocket> out = new ArrayList<>();
    var r =
        SockDiagParser.parse(
            c, c.length, 99, Protocol.TCP, Family.INET, new SockDiagParser.AddressCache(), out);
    assertThat(out).isEmpty();
    assertThat(r.end()).isEqualTo(SockDiagParser.End.MORE);
  }

  @Test
  void aTruncatedOrLyingLengthIsMalformed() throws IOException {
    byte[] c = chunks("tcp").getFirst();
    List<KernelSocket> out = new ArrayList<>();
    var cache = new SockDiagParser.AddressCache();
    assertThat(SockDiagParser.parse(c, 50, 1, Protocol.TCP, Family.INET, cache, out).end())
        .isEqualTo(SockDiagParser.End.MALFORMED);
    byte[] lying = c.clone();
    ByteBuffer.wrap(lying).order(ByteOrder.nativeOrder()).putInt(0, 1 << 20);
    assertThat(
            SockDiagParser.parse(lying, lying.length, 1, Protocol.TCP, Family.INET, cache, out)
                .end())
        .isEqualTo(SockDiagParser.End.MALFORMED);
    byte[] tiny = c.clone();
    ByteBuffer.wrap(tiny).order(ByteOrder.nativeOrder()).putInt(0, 20);
    assertThat(
            SockDiagParser.parse(tiny, tiny.length, 1, Protocol.TCP, Family.INET, cache, out).end())
        .isEqualTo(SockDiagParser.End.MALFORMED);
  }

  @Property(tries = 500)
  void randomBuffersNeverThrow(@ForAll byte[] junk) {
    SockDiagParser.parse(
        junk,
        junk.length,
        1,
        Protocol.TCP,
        Family.INET6,
        new SockDiagParser.AddressCache(),
        new ArrayList<>());
  }

  @Property(tries = 300)
  void aCapturedDumpWithAnyByteChangedNeverThrows(@ForAll int position, @ForAll byte value)
      throws IOException {
    byte[] c = chunks("tcp6").getFirst().clone();
    c[Math.floorMod(position, c.length)] = value;
    SockDiagParser.parse(
        c,
        c.length,
        1,
        Protocol.TCP,
        Family.INET6,
        new SockDiagParser.AddressCache(),
        new ArrayList<>());
  }
}
