package dev.ajar.bench;

import dev.ajar.model.Family;
import java.nio.charset.StandardCharsets;

/**
 * Synthetic /proc/net/tcp and tcp6 text in the kernel's own format (net/ipv4/tcp_ipv4.c,
 * net/ipv6/tcp_ipv6.c), shaped like bench/ports-vs-ss.sh's load (../shared/bench/sockload.py): 20
 * processes on 127.0.0.1..20, each with as many listeners as connected pairs, so a third of the
 * lines are LISTEN (0A) and two thirds ESTABLISHED (01), half of those the client end and half the
 * accepted end. tcp6 holds the same sockets as v4-mapped addresses (::ffff:127.0.0.K), as a
 * dual-stack server shows them. Deterministic: the same arguments give the same bytes.
 */
public final class ProcNetText {
  /** Addresses 127.0.0.1 to 127.0.0.ADDRESSES, one per sockload process. */
  public static final int ADDRESSES = 20;

  private static final int LISTEN = 0x0A;
  private static final int ESTABLISHED = 0x01;

  private ProcNetText() {}

  /** A whole table: the header line, then {@code lines} sockets. */
  public static byte[] tcp(Family family, int lines) {
    StringBuilder out = new StringBuilder(lines * 160);
    if (family == Family.INET) {
      // tcp (not tcp6) pads every line, the header too, to 149 characters.
      pad(
          out,
          "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
              + "  timeout inode");
    } else {
      out.append(
          "  sl  local_address                         remote_address                        st"
              + " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    }
    for (int i = 0; i < lines; i++) {
      int k = 1 + i % ADDRESSES; // 127.0.0.K
      int listenPort = 1024 + (i / ADDRESSES) % 30000;
      int ephemeral = 32768 + (i / ADDRESSES) % 28000;
      long inode = 1_000_000L + i;
      String line =
          switch (i % 3) {
            case 0 -> line(family, i, k, listenPort, 0, 0, LISTEN, inode);
            case 1 -> line(family, i, k, ephemeral, k, listenPort, ESTABLISHED, inode);
            default -> line(family, i, k, listenPort, k, ephemeral, ESTABLISHED, inode);
          };
      if (family == Family.INET) {
        pad(out, line);
      } else {
        out.append(line).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** One socket line; remote address 0 means 0.0.0.0 (or :: for tcp6), as for a listener. */
  private static String line(
      Family family,
      int sl,
      int local,
      int localPort,
      int remote,
      int remotePort,
      int state,
      long inode) {
    boolean listening = state == LISTEN;
    // sl: local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode, then refcount,
    // the socket's kernel address (%pK), rto, ato, quick/pingpong, snd_cwnd, ssthresh.
    return "%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016x %d %d %d %d %d"
        .formatted(
            sl,
            address(family, local),
            localPort,
            address(family, remote),
            remotePort,
            state,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            inode,
            listening ? 1 : 2,
            0xffff_8880_0000_0000L + inode * 0x40,
            listening ? 100 : 20,
            listening ? 0 : 4,
            0,
            10,
            listening ? 0 : -1);
  }

  /** 127.0.0.K as the kernel prints it on a little-endian machine (0 is the any address). */
  private static String address(Family family, int k) {
    String v4 = k == 0 ? "00000000" : "%02X00007F".formatted(k);
    if (family == Family.INET) {
      return v4;
    }
    return k == 0 ? "00000000000000000000000000000000" : "0000000000000000FFFF0000" + v4;
  }

  private static void pad(StringBuilder out, String line) {
    out.append(line);
    out.repeat(' ', Math.max(0, 149 - line.length()));
    out.append('\n');
  }
}
