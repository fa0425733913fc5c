package dev.ajar.discover;

import dev.ajar.model.Endpoint;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the socket tables of /proc/net: tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6.
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000   102        0 20271 1 ...
 *    0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A ...
 * </pre>
 *
 * Addresses are the kernel's in-memory words printed with %08X: on a little-endian machine each
 * 32-bit word shows its bytes reversed. Works on bytes, not strings: a table can hold a hundred
 * thousand lines. A line that does not parse is skipped and named in the problems, never thrown.
 */
public final class ProcNetParser {
  /** What a table yielded: the sockets, and one "line N: why" for each line skipped. */
  public record Result(List<KernelSocket> sockets, List<String> problems) {}

  private static final int MAX_PROBLEMS = 20;

  private ProcNetParser() {}

  public static Result parse(byte[] text, Protocol protocol, Family family) {
    return parse(text, protocol, family, ByteOrder.nativeOrder());
  }

  public static Result parse(byte[] text, Protocol protocol, Family family, ByteOrder order) {
    List<KernelSocket> sockets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int skipped = 0;
    int lineNo = 0;
    int pos = 0;
    while (pos < text.length) {
      int end = pos;
      while (end < text.length && text[end] != '\n') {
        end++;
      }
      lineNo++;
      if (!(lineNo == 1 && isHeader(text, pos, end)) && !isBlank(text, pos, end)) {
        try {
          sockets.add(parseLine(text, pos, end, protocol, family, order));
        } catch (BadLine e) {
          skipped++;
          if (problems.size() < MAX_PROBLEMS) {
            problems.add("line " + lineNo + ": " + e.getMessage());
          }
        }
      }
      pos = end + 1;
    }
    if (skipped > MAX_PROBLEMS) {
      problems.add((skipped - MAX_PROBLEMS) + " more malformed lines");
    }
    return new Result(sockets, problems);
  }

  private static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message, null, false, false);
    }
  }

  private static KernelSocket parseLine(
      byte[] t, int from, int to, Protocol protocol, Family family, ByteOrder order)
      throws BadLine {
    // Columns: 0 "sl:", 1 local, 2 remote, 3 st, 4 tx:rx, 5 tr:when, 6 retrnsmt, 7 uid,
    // 8 timeout, 9 inode.
    int[] starts = new int[10];
    int[] ends = new int[10];
    int n = 0;
    int i = from;
    while (n < 10) {
      while (i < to && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r')) {
        i++;
      }
      if (i >= to) {
        break;
      }
      starts[n] = i;
      while (i < to && t[i] != ' ' && t[i] != '\t' && t[i] != '\r') {
        i++;
      }
      ends[n++] = i;
    }
    if (n < 10) {
      throw new BadLine("expected at least 10 fields, found " + n);
    }
    Endpoint local = endpoint(t, starts[1], ends[1], family, order, "local address");
    Endpoint remote = endpoint(t, starts[2], ends[2], family, order, "remote address");
    if (ends[3] - starts[3] != 2) {
      throw new BadLine("state is not two hex digits");
    }
    int code = (int) hex(t, starts[3], ends[3], "state");
    SocketState state = SocketState.of(protocol, code);
    if (state == null) {
      throw new BadLine("unknown socket state " + Integer.toHexString(code));
    }
    long uid = decimal(t, starts[7], ends[7], "uid");
    if (uid > 0xFFFF_FFFFL) {
      throw new BadLine("uid out of range");
    }
    long inode = decimal(t, starts[9], ends[9], "inode");
    return new KernelSocket(protocol, family, state, local, remote, (int) uid, inode, null);
  }

  private static Endpoint endpoint(
      byte[] t, int from, int to, Family family, ByteOrder order, String what) throws BadLine {
    int hexLen = family == Family.INET ? 8 : 32;
    if (to - from != hexLen + 5 || t[from + hexLen] != ':') {
      throw new BadLine(what + " is not " + hexLen + " hex digits, a colon and a 4-digit port");
    }
    byte[] addr = new byte[hexLen / 2];
    for (int word = 0; word < hexLen / 8; word++) {
      long value = hex(t, from + word * 8, from + word * 8 + 8, what);
      for (int k = 0; k < 4; k++) {
        int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * k : 8 * (3 - k);
        addr[word * 4 + k] = (byte) (value >>> shift);
      }
    }
    int port = (int) hex(t, from + hexLen + 1, to, what + " port");
    try {
      // Inet6Address explicitly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
      InetAddress address =
          addr.length == 16
              ? Inet6Address.getByAddress(null, addr, -1)
              : InetAddress.getByAddress(addr);
      return new Endpoint(address, port);
    } catch (UnknownHostException e) {
      throw new BadLine(what + ": " + e.getMessage());
    }
  }

  private static long hex(byte[] t, int from, int to, String what) throws BadLine {
    if (to <= from || to - from > 8) {
      throw new BadLine(what + ": bad hex number");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(t[i], 16);
      if (d < 0) {
        throw new BadLine(what + ": bad hex number");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static long decimal(byte[] t, int from, int to, String what) throws BadLine {
    if (to <= from || to - from > 18) {
      throw new BadLine(what + ": bad number");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      if (t[i] < '0' || t[i] > '9') {
        throw new BadLine(what + ": bad number");
      }
      v = v * 10 + (t[i] - '0');
    }
    return v;
  }

  private static boolean isHeader(byte[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (t[i] == 's' && i + 1 < to && t[i + 1] == 'l') {
        return true;
      }
      if (t[i] != ' ') {
        return false;
      }
    }
    return false;
  }

  private static boolean isBlank(byte[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
