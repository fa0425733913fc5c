package dev.ajar.discover;

import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Protocol;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A NETLINK_SOCK_DIAG socket of one network namespace, and the inet_diag dumps made through it. The
 * kernel filters by state, so a listening-only dump never walks the established table.
 *
 * <p>A netlink socket answers for the namespace it was created in, and setns(2) moves only the
 * calling thread: a socket for another namespace is created on a short-lived thread that joins it,
 * which is also why the JVM's own threads never change namespace.
 */
final class NetlinkSockets implements AutoCloseable {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW_CLOEXEC = 3 | 0x80000;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int BUFFER = 64 * 1024;
  private static final int TRIES = 3;

  private final Syscalls.Calls calls;
  private final int fd;
  private final MemorySegment buffer;
  private final MemorySegment request;
  private final MemorySegment kernel;
  private final byte[] heap = new byte[BUFFER];
  private final SockDiagParser.AddressCache addresses = new SockDiagParser.AddressCache();
  private int sequence;
  private boolean broken;

  /** What went wrong that a kernel without the diag module would not explain; null if nothing. */
  private final List<String> problems = new ArrayList<>();

  private NetlinkSockets(Syscalls.Calls calls, int fd) {
    this.calls = calls;
    this.fd = fd;
    this.buffer = calls.arena().allocate(BUFFER);
    this.request = calls.arena().allocate(SockDiagParser.REQUEST_SIZE);
    this.kernel = calls.arena().allocate(12, 4); // sockaddr_nl of the kernel: pid 0, no groups
    kernel.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
  }

  /**
   * A socket in our own network namespace ({@code pid} 0) or in that of {@code pid}, checked to be
   * namespace {@code inode} (the pid may have been reused); null when it cannot be had (no
   * privilege to join, the process exited, no sock_diag in this kernel).
   */
  static NetlinkSockets open(Syscalls sys, int pid, long inode) {
    int fd = pid == 0 ? ownNamespace(sys) : joined(sys, pid, inode);
    if (fd < 0) {
      return null;
    }
    return new NetlinkSockets(sys.open(), fd);
  }

  private static int ownNamespace(Syscalls sys) {
    try (Syscalls.Calls c = sys.open()) {
      return c.socket(AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_SOCK_DIAG);
    }
  }

  private static int joined(Syscalls sys, int pid, long inode) {
    int[] fd = {-1};
    Thread t =
        Thread.ofPlatform()
            .name("ajar-netns-" + pid)
            .start(
                () -> {
                  try (Syscalls.Calls c = sys.open()) {
                    fd[0] = socketIn(c, pid, inode);
                  } catch (RuntimeException | LinkageError e) {
                    fd[0] = -1;
                  }
                });
    NativeProcessScanner.joinUninterruptibly(List.of(t));
    return fd[0];
  }

  /** On this (throw-away) thread: join the namespace, make the socket, go back. */
  private static int socketIn(Syscalls.Calls c, int pid, long inode) {
    int target =
        c.openat(
            Syscalls.AT_FDCWD,
            c.arena().allocateFrom("/proc/" + pid + "/ns/net"),
            Syscalls.O_RDONLY_CLOEXEC);
    if (target < 0) {
      return target;
    }
    int own =
        c.openat(
            Syscalls.AT_FDCWD,
            c.arena().allocateFrom("/proc/thread-self/ns/net"),
            Syscalls.O_RDONLY_CLOEXEC);
    try {
      if (own < 0
          || namespaceOf(c, target) != inode
          || c.setns(target, Syscalls.CLONE_NEWNET) < 0) {
        return -1;
      }
      int socket = c.socket(AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_SOCK_DIAG);
      c.setns(own, Syscalls.CLONE_NEWNET); // tidy only: the thread ends here either way
      return socket;
    } finally {
      c.close(target);
      if (own >= 0) {
        c.close(own);
      }
    }
  }

  /** The inode of the namespace an open ns fd refers to, from /proc/self/fd. */
  private static long namespaceOf(Syscalls.Calls c, int fd) {
    MemorySegment link = c.arena().allocate(64);
    int len = c.readlinkat(Syscalls.AT_FDCWD, c.arena().allocateFrom("/proc/self/fd/" + fd), link);
    if (len <= 0) {
      return -1;
    }
    byte[] target = new byte[len];
    MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, target, 0, len);
    return NativeProcessScanner.bracketed(target, len, NativeProcessScanner.NET);
  }

  /**
   * Every socket of one protocol and family in the given kernel states; null when netlink cannot
   * give this table (no such diag module, an error, a dump interrupted every time). Anything but a
   * missing diag module is said in {@link #problems}.
   */
  List<KernelSocket> dump(Protocol protocol, Family family, int states) {
    if (broken) {
      return null;
    }
    for (int attempt = 0; attempt < TRIES; attempt++) {
      List<KernelSocket> sockets = new ArrayList<>();
      Boolean complete = dumpOnce(protocol, family, states, sockets);
      if (complete == null) {
        return null;
      }
      if (complete) {
        return sockets;
      }
    }
    problems.add(table(protocol, family) + ": dump interrupted " + TRIES + " times");
    return null;
  }

  /** Why tables were not read through netlink, beyond a kernel that lacks their diag module. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  private static String table(Protocol protocol, Family family) {
    return protocol.label() + (family == Family.INET6 ? "6" : "");
  }

  /** True when the dump was whole, false when the kernel flagged it interrupted, null on error. */
  private Boolean dumpOnce(Protocol protocol, Family family, int states, List<KernelSocket> out) {
    int seq = ++sequence;
    byte[] req = SockDiagParser.request(protocol, family, states, seq);
    MemorySegment.copy(req, 0, request, ValueLayout.JAVA_BYTE, 0, req.length);
    long sent = calls.sendto(fd, request, req.length, kernel);
    if (sent != req.length) {
      return giveUp(protocol, family, "sendto " + (sent < 0 ? "errno " + -sent : sent + " bytes"));
    }
    boolean interrupted = false;
    while (true) {
      long n = calls.recv(fd, buffer);
      if (n == -Syscalls.EINTR) {
        continue;
      }
      if (n <= 0) {
        return giveUp(protocol, family, n == 0 ? "no answer" : "recv errno " + -n);
      }
      MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, heap, 0, (int) n);
      SockDiagParser.Chunk chunk =
          SockDiagParser.parse(heap, (int) n, seq, protocol, family, addresses, out);
      interrupted |= chunk.interrupted();
      switch (chunk.end()) {
        case MORE -> {}
        case DONE -> {
          return !interrupted;
        }
        case ERROR -> {
          // ENOENT, EOPNOTSUPP: this kernel has no diag module for the protocol (no raw_diag).
          if (chunk.error() != Syscalls.ENOENT && chunk.error() != Syscalls.EOPNOTSUPP) {
            problems.add(table(protocol, family) + ": the kernel answered errno " + chunk.error());
          }
          return null;
        }
        case MALFORMED -> {
          // What is left in the socket cannot be trusted.
          return giveUp(protocol, family, "an answer that does not parse");
        }
      }
    }
  }

  /** Stops using the socket: the remaining tables are read from /proc. */
  private Boolean giveUp(Protocol protocol, Family family, String why) {
    broken = true;
    problems.add(table(protocol, family) + ": " + why);
    return null;
  }

  @Override
  public void close() {
    calls.close(fd);
    calls.close();
  }
}
