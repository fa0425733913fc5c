package dev.ajar.discover;

import dev.ajar.model.Endpoint;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds inet_diag dump requests and parses the kernel's answers (linux/inet_diag.h,
 * linux/netlink.h). Pure: bytes in, sockets out, so it is tested on captured dumps.
 *
 * <pre>
 *   nlmsghdr      u32 len, u16 type (20 SOCK_DIAG_BY_FAMILY, 2 ERROR, 3 DONE), u16 flags, u32 seq, u32 pid
 *   inet_diag_msg u8 family, state, timer, retrans;
 *                 sockid { be16 sport, dport; be32 src[4], dst[4]; u32 if; u32 cookie[2] };
 *                 u32 expires, rqueue, wqueue, uid, inode             (72 bytes)
 *   rtattr*       u16 len, u16 type, data, padded to 4 (11 = INET_DIAG_SKV6ONLY, u8)
 * </pre>
 *
 * Header fields are in host order, ports and addresses in network order. A message that does not
 * fit its buffer or its own length ends the parse as malformed; nothing is thrown.
 */
final class SockDiagParser {
  static final int NLMSG_HEADER = 16;
  static final int REQUEST_SIZE = NLMSG_HEADER + 56;
  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int NLM_F_REQUEST = 0x1;
  private static final int NLM_F_DUMP = 0x300;
  static final int NLM_F_DUMP_INTR = 0x10;
  private static final int DIAG_MSG = 72;
  private static final int INET_DIAG_SKV6ONLY = 11;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;

  /** Kernel state bits: LISTEN alone, CLOSE alone (bound UDP/RAW), every state of /proc/net. */
  static final int STATES_LISTEN = 1 << 10;

  static final int STATES_UNCONNECTED = 1 << 7;
  static final int STATES_ALL = 0x1FFE;

  /** How a buffer of the dump ended: more to come, done, or an error (negative errno). */
  enum End {
    MORE,
    DONE,
    ERROR,
    MALFORMED
  }

  /** What one buffer held. {@code error} is the kernel's errno for ERROR. */
  record Chunk(End end, int error, boolean interrupted) {}

  private SockDiagParser() {}

  /** The request for a dump of one protocol and family, in the given states. */
  static byte[] request(Protocol protocol, Family family, int states, int sequence) {
    ByteBuffer b = ByteBuffer.allocate(REQUEST_SIZE).order(ByteOrder.nativeOrder());
    b.putInt(REQUEST_SIZE)
        .putShort((short) SOCK_DIAG_BY_FAMILY)
        .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP));
    b.putInt(sequence).putInt(0);
    b.put((byte) (family == Family.INET ? AF_INET : AF_INET6));
    b.put((byte) ipProtocol(protocol));
    b.put((byte) 0); // no extensions: INET_DIAG_SKV6ONLY comes without asking
    b.put((byte) (protocol == Protocol.RAW ? 255 : 0)); // sdiag_raw_protocol: every protocol
    b.putInt(states);
    return b.array(); // the socket id stays zero: no filter
  }

  static int ipProtocol(Protocol protocol) {
    return switch (protocol) {
      case TCP -> 6;
      case UDP -> 17;
      case UDPLITE -> 136;
      case RAW -> 255;
    };
  }

  /**
   * Parses one buffer of a dump, adding each socket of the wanted family to {@code out}.
   *
   * @param length how many bytes of {@code buf} the kernel filled
   * @param sequence the request's number: messages of any other (a dump given up on) are skipped
   */
  static Chunk parse(
      byte[] buf,
      int length,
      int sequence,
      Protocol protocol,
      Family family,
      AddressCache addresses,
      List<KernelSocket> out) {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, length).order(ByteOrder.nativeOrder());
    boolean interrupted = false;
    int off = 0;
    while (off + NLMSG_HEADER <= length) {
      int len = b.getInt(off);
      int type = Short.toUnsignedInt(b.getShort(off + 4));
      int flags = Short.toUnsignedInt(b.getShort(off + 6));
      if (len < NLMSG_HEADER || len > length - off) {
        return new Chunk(End.MALFORMED, 0, interrupted);
      }
      if (b.getInt(off + 8) != sequence) {
        off += (len + 3) & ~3;
        continue;
      }
      interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
      switch (type) {
        case NLMSG_DONE -> {
          int error = len >= NLMSG_HEADER + 4 ? b.getInt(off + NLMSG_HEADER) : 0;
          return error < 0
              ? new Chunk(End.ERROR, -error, interrupted)
              : new Chunk(End.DONE, 0, interrupted);
        }
        case NLMSG_ERROR -> {
          int error = len >= NLMSG_HEADER + 4 ? b.getInt(off + NLMSG_HEADER) : 0;
          return new Chunk(End.ERROR, -error, interrupted);
        }
        case SOCK_DIAG_BY_FAMILY -> {
          if (len < NLMSG_HEADER + DIAG_MSG) {
            return new Chunk(End.MALFORMED, 0, interrupted);
          }
          KernelSocket s = socket(buf, b, off + NLMSG_HEADER, off + len, protocol, addresses);
          if (s == null) {
            return new Chunk(End.MALFORMED, 0, interrupted);
          }
          if (s.family() == family) {
            out.add(s);
          }
        }
        default -> {
          // NLMSG_NOOP and anything newer: skipped
        }
      }
      off += (len + 3) & ~3;
    }
    return new Chunk(off == length ? End.MORE : End.MALFORMED, 0, interrupted);
  }

  private static KernelSocket socket(
      byte[] buf, ByteBuffer b, int at, int end, Protocol protocol, AddressCache addresses) {
    int familyCode = Byte.toUnsignedInt(buf[at]);
    Family family;
    if (familyCode == AF_INET) {
      family = Family.INET;
    } else if (familyCode == AF_INET6) {
      family = Family.INET6;
    } else {
      return null;
    }
    SocketState state = SocketState.of(protocol, Byte.toUnsignedInt(buf[at + 1]));
    if (state == null) {
      return null;
    }
    int sport = (buf[at + 4] & 0xff) << 8 | (buf[at + 5] & 0xff);
    int dport = (buf[at + 6] & 0xff) << 8 | (buf[at + 7] & 0xff);
    Endpoint local = addresses.endpoint(addresses.of(buf, at + 8, family), sport);
    Endpoint remote = addresses.endpoint(addresses.of(buf, at + 24, family), dport);
    int uid = b.getInt(at + 64);
    long inode = Integer.toUnsignedLong(b.getInt(at + 68));
    Boolean v6Only = null;
    for (int a = at + DIAG_MSG; a + 4 <= end; ) {
      int alen = Short.toUnsignedInt(b.getShort(a));
      int atype = Short.toUnsignedInt(b.getShort(a + 2)) & 0x3FFF;
      if (alen < 4 || a + alen > end) {
        break;
      }
      if (atype == INET_DIAG_SKV6ONLY && alen >= 5 && family == Family.INET6) {
        v6Only = buf[a + 4] != 0;
      }
      a += (alen + 3) & ~3;
    }
    return new KernelSocket(protocol, family, state, local, remote, uid, inode, v6Only);
  }

  /**
   * One InetAddress per distinct address: a loaded host has tens of thousands of sockets on a
   * handful of addresses, and each InetAddress costs two objects.
   */
  static final class AddressCache {
    private final java.util.HashMap<Long, InetAddress> v4 = new java.util.HashMap<>();
    private final InetAddress[] recent = new InetAddress[2];
    private final int[] recentBits = new int[2];
    private int next;
    private final java.util.HashMap<String, InetAddress> v6 = new java.util.HashMap<>();
    private final java.util.IdentityHashMap<InetAddress, Endpoint> portless =
        new java.util.IdentityHashMap<>();

    /** An endpoint; the peer of every listening socket, "address:0", is made once. */
    Endpoint endpoint(InetAddress address, int port) {
      return port == 0
          ? portless.computeIfAbsent(address, a -> new Endpoint(a, 0))
          : new Endpoint(address, port);
    }

    InetAddress of(byte[] buf, int at, Family family) {
      try {
        if (family == Family.INET) {
          int bits =
              (buf[at] & 0xff) << 24
                  | (buf[at + 1] & 0xff) << 16
                  | (buf[at + 2] & 0xff) << 8
                  | (buf[at + 3] & 0xff);
          // Consecutive sockets mostly share their local and their peer address: two slots.
          if (recent[0] != null && bits == recentBits[0]) {
            return recent[0];
          }
          if (recent[1] != null && bits == recentBits[1]) {
            return recent[1];
          }
          long key = Integer.toUnsignedLong(bits);
          InetAddress a = v4.get(key);
          if (a == null) {
            a = InetAddress.getByAddress(java.util.Arrays.copyOfRange(buf, at, at + 4));
            v4.put(key, a);
          }
          recent[next] = a;
          recentBits[next] = bits;
          next ^= 1;
          return a;
        }
        String key = new String(buf, at, 16, java.nio.charset.StandardCharsets.ISO_8859_1);
        InetAddress a = v6.get(key);
        if (a == null) {
          // Inet6Address explicitly: getByAddress would turn ::ffff:a.b.c.d into IPv4.
          a = Inet6Address.getByAddress(null, java.util.Arrays.copyOfRange(buf, at, at + 16), -1);
          v6.put(key, a);
        }
        return a;
      } catch (UnknownHostException e) {
        throw new IllegalStateException("an address of fixed length was refused", e);
      }
    }
  }
}
