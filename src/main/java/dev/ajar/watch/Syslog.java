package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.PortState;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Each change to the local syslog daemon (journald, rsyslog) as an RFC 3164 line, {@code <PRI>Mmm
 * dd hh:mm:ss ajar[PID]: MESSAGE}, facility daemon, sent as one datagram to /dev/log: no {@code
 * logger} process per change. The JDK has no Unix datagram sockets, so socket(2) and sendto(2) are
 * libc's, through FFM, linked only when syslog is used. The socket is non-blocking: a syslog daemon
 * that does not keep up loses lines (said once on stderr) rather than stopping the watcher.
 * Failures are said once each on stderr; the watcher goes on.
 */
final class Syslog implements WatchListener {
  private static final int AF_UNIX = 1;
  private static final int SOCK_DGRAM_NONBLOCK_CLOEXEC = 2 | 0x800 | 0x80000;
  private static final int FACILITY_DAEMON = 3;
  private static final int MAX_BYTES = 2048;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

  private final String path;
  private final long pid;
  private final PrintStream err;
  private final ZoneId zone;
  private final Native calls;
  private int fd = -1;
  private final java.util.Set<String> said = new java.util.HashSet<>();

  /**
   * @param path the syslog socket, /dev/log
   */
  Syslog(String path, long pid, ZoneId zone, PrintStream err) {
    this.path = path;
    this.pid = pid;
    this.zone = zone;
    this.err = err;
    Native n = null;
    try {
      n = new Native();
    } catch (RuntimeException | LinkageError e) {
      sayOnce("native calls unavailable (" + e + "): no syslog");
    }
    this.calls = n;
  }

  @Override
  public void snapshot(SnapshotStats stats, List<Change> changes, Collection<PortState> open) {
    for (Change c : changes) {
      send(ChangeText.syslogSeverity(c), ChangeText.line(c));
    }
  }

  /** The datagram of one message. */
  static byte[] datagram(int severity, ZonedDateTime time, long pid, String message) {
    String line =
        "<"
            + (FACILITY_DAEMON * 8 + severity)
            + ">"
            + STAMP.format(time)
            + " ajar["
            + pid
            + "]: "
            + message;
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return b.length <= MAX_BYTES ? b : java.util.Arrays.copyOf(b, MAX_BYTES);
  }

  void send(int severity, String message) {
    if (calls == null) {
      return;
    }
    byte[] bytes = datagram(severity, ZonedDateTime.now(zone), pid, message);
    if (fd < 0) {
      fd = calls.socket();
      if (fd < 0) {
        sayOnce("socket: errno " + -fd);
        return;
      }
    }
    int r = calls.sendto(fd, bytes, path);
    if (r < 0) {
      sayOnce(
          switch (-r) {
            case 2 -> path + ": no such socket (no syslog daemon?): changes go to stdout only";
            case 111 -> path + ": connection refused (syslog daemon not running?)";
            case 11 -> path + ": syslog daemon does not keep up, lines dropped";
            default -> path + ": sendto failed, errno " + -r;
          });
    }
  }

  private void sayOnce(String what) {
    if (said.add(what)) {
      err.println("ajar watch: syslog: " + what);
      err.flush();
    }
  }

  @Override
  public void stopped() {
    if (fd >= 0 && calls != null) {
      calls.close(fd);
      fd = -1;
    }
  }

  /** socket, sendto and close of libc, with errno. */
  private static final class Native {
    private final MethodHandle socket;
    private final MethodHandle sendto;
    private final MethodHandle close;
    private final long errnoOffset;
    private final MemoryLayout state = Linker.Option.captureStateLayout();

    @SuppressWarnings("restricted") // socket(2), sendto(2), close(2) with checked arguments
    Native() {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      Linker.Option errno = Linker.Option.captureCallState("errno");
      ValueLayout.OfInt i = ValueLayout.JAVA_INT;
      ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
      socket =
          linker.downcallHandle(
              libc.find("socket").orElseThrow(), FunctionDescriptor.of(i, i, i, i), errno);
      sendto =
          linker.downcallHandle(
              libc.find("sendto").orElseThrow(),
              FunctionDescriptor.of(l, i, ValueLayout.ADDRESS, l, i, ValueLayout.ADDRESS, i),
              errno);
      close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(i, i));
      errnoOffset = state.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    }

    /** A descriptor, or -errno. */
    int socket() {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = arena.allocate(state);
        int fd = (int) socket.invokeExact(st, AF_UNIX, SOCK_DGRAM_NONBLOCK_CLOEXEC, 0);
        return fd < 0 ? -st.get(ValueLayout.JAVA_INT, errnoOffset) : fd;
      } catch (Throwable t) {
        throw new IllegalStateException("socket(2) failed to link", t);
      }
    }

    /** 0, or -errno. */
    int sendto(int fd, byte[] message, String path) {
      byte[] p = path.getBytes(StandardCharsets.UTF_8);
      if (p.length >= 108) {
        return -36; // ENAMETOOLONG
      }
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = arena.allocate(state);
        MemorySegment buf = arena.allocate(message.length);
        MemorySegment.copy(message, 0, buf, ValueLayout.JAVA_BYTE, 0, message.length);
        MemorySegment addr = arena.allocate(110); // struct sockaddr_un, zeroed
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(p, 0, addr, ValueLayout.JAVA_BYTE, 2, p.length);
        long r =
            (long)
                sendto.invokeExact(st, fd, buf, (long) message.length, 0, addr, 2 + p.length + 1);
        return r < 0 ? -st.get(ValueLayout.JAVA_INT, errnoOffset) : 0;
      } catch (Throwable t) {
        throw new IllegalStateException("sendto(2) failed to link", t);
      }
    }

    void close(int fd) {
      try {
        int ignored = (int) close.invokeExact(fd);
      } catch (Throwable t) {
        // nothing to do about it at exit
      }
    }
  }
}
