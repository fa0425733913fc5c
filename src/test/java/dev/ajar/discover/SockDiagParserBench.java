package dev.ajar.discover;

import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Protocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link SockDiagParser#parse} over a synthetic inet_diag dump of {@code sockets} TCP sockets (the
 * layout of the captured fixtures: 72-byte inet_diag_msg, no attributes for IPv4), cut into 32 KiB
 * buffers as the kernel hands them out. In the discover package: the parser is not public. Run:
 * {@code bench/jmh.sh SockDiag}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SockDiagParserBench {
  @Param({"70000"})
  public int sockets;

  private final List<byte[]> buffers = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();

  @Setup
  public void setup() {
    int perBuffer = 32 * 1024 / 88;
    for (int done = 0; done < sockets; ) {
      int n = Math.min(perBuffer, sockets - done);
      ByteBuffer b = ByteBuffer.allocate(n * 88 + 20).order(ByteOrder.nativeOrder());
      for (int i = 0; i < n; i++, done++) {
        b.putInt(88).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);
        b.put((byte) 2).put((byte) (done % 3 == 0 ? 10 : 1)).put((byte) 0).put((byte) 0);
        b.order(ByteOrder.BIG_ENDIAN)
            .putShort((short) (1024 + done % 60000))
            .putShort((short) (done % 3 == 0 ? 0 : 40000));
        b.put(new byte[] {127, 0, 0, (byte) (1 + done % 20)}).put(new byte[12]);
        b.put(new byte[] {127, 0, 0, (byte) (1 + done % 20)}).put(new byte[12]);
        b.order(ByteOrder.nativeOrder()).putInt(0).putLong(done);
        b.putInt(0).putInt(0).putInt(0).putInt(0).putInt(100_000 + done);
      }
      if (done == sockets) {
        b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(1).putInt(0).putInt(0);
      }
      buffers.add(b.array());
      lengths.add(b.position());
    }
  }

  @Benchmark
  public List<KernelSocket> parse() {
    List<KernelSocket> out = new ArrayList<>(sockets);
    var cache = new SockDiagParser.AddressCache();
    for (int i = 0; i < buffers.size(); i++) {
      SockDiagParser.parse(
          buffers.get(i), lengths.get(i), 1, Protocol.TCP, Family.INET, cache, out);
    }
    return out;
  }
}
