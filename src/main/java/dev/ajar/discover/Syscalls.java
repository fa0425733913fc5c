package dev.ajar.discover;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The few Linux system calls the fast paths need (openat, getdents64, readlinkat, socket, sendto,
 * recvfrom, setns, close), made through one FFM downcall of libc's variadic {@code syscall(2)}. One
 * handle instead of eight: each downcall handle costs milliseconds to link, and start-up is part of
 * the budget. Numbers are per architecture; on any other the callers fall back to reading /proc
 * through NIO.
 *
 * <p>Every call returns the kernel's convention: a non-negative result, or minus the errno. The
 * static handle is thread-safe; a {@link Calls} holds one thread's errno slot.
 */
final class Syscalls {
  static final int AT_FDCWD = -100;
  static final int O_RDONLY_DIRECTORY_CLOEXEC = 0x10000 | 0x80000; // O_DIRECTORY | O_CLOEXEC
  static final int O_RDONLY_CLOEXEC = 0x80000;
  static final int CLONE_NEWNET = 0x40000000;

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EACCES = 13;
  static final int EOPNOTSUPP = 95;

  /** System call numbers of one architecture. */
  private record Numbers(
      long close,
      long openat,
      long getdents64,
      long readlinkat,
      long socket,
      long sendto,
      long recvfrom,
      long setns) {}

  /**
   * The downcall, in a static final field: only a constant method handle is compiled into a direct
   * call (through a field, each call ran the generic invoker: 1.3 µs more per fd).
   */
  private static final MethodHandle SYSCALL = link();

  private static final Optional<Syscalls> INSTANCE = load();

  private final Numbers nr;
  private final long errnoOffset;

  private Syscalls(Numbers nr, long errnoOffset) {
    this.nr = nr;
    this.errnoOffset = errnoOffset;
  }

  /** The system calls, or empty where they cannot be made (another architecture, no FFM). */
  static Optional<Syscalls> get() {
    return INSTANCE;
  }

  @SuppressWarnings("restricted") // the one native call: syscall(2), with checked arguments
  private static MethodHandle link() {
    if (Boolean.getBoolean("ajar.no-native")
        || !System.getProperty("os.name", "").equals("Linux")) {
      return null;
    }
    try {
      Linker linker = Linker.nativeLinker();
      MemorySegment symbol = linker.defaultLookup().find("syscall").orElse(null);
      if (symbol == null) {
        return null;
      }
      ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
      return linker.downcallHandle(
          symbol,
          FunctionDescriptor.of(l, l, l, l, l, l, l, l),
          Linker.Option.firstVariadicArg(1),
          Linker.Option.captureCallState("errno"));
    } catch (RuntimeException | LinkageError e) {
      // Native access refused (--enable-native-access=none) or no linker: use the slow path.
      return null;
    }
  }

  private static Optional<Syscalls> load() {
    Numbers nr =
        switch (System.getProperty("os.arch", "")) {
          case "amd64", "x86_64" -> new Numbers(3, 257, 217, 267, 41, 44, 45, 308);
          case "aarch64", "arm64" -> new Numbers(57, 56, 61, 78, 198, 206, 207, 268);
          default -> null;
        };
    if (nr == null || SYSCALL == null) {
      return Optional.empty();
    }
    try {
      StructLayout state = Linker.Option.captureStateLayout();
      long offset = state.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
      Syscalls sys = new Syscalls(nr, offset);
      // One call now, on whichever thread links (see PortDiscovery.linkNativeCallsInBackground):
      // the first invocation of a downcall handle costs milliseconds of its own.
      try (Calls calls = sys.open()) {
        calls.close(-1); // EBADF, and nothing else
      }
      return Optional.of(sys);
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** One thread's view: its errno slot and scratch memory. Not thread-safe; close when done. */
  Calls open() {
    return new Calls();
  }

  final class Calls implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());

    Arena arena() {
      return arena;
    }

    private long call(long number, long a, long b, long c, long d, long e, long f) {
      long r;
      try {
        r = (long) SYSCALL.invokeExact(state, number, a, b, c, d, e, f);
      } catch (Throwable t) {
        throw new IllegalStateException("syscall " + number + " failed to link", t);
      }
      return r == -1 ? -state.get(ValueLayout.JAVA_INT, errnoOffset) : r;
    }

    /** openat(dirfd, path, flags); path is a NUL-terminated string in native memory. */
    int openat(int dirfd, MemorySegment path, int flags) {
      return (int) call(nr.openat, dirfd, path.address(), flags, 0, 0, 0);
    }

    int close(int fd) {
      return (int) call(nr.close, fd, 0, 0, 0, 0, 0);
    }

    /** getdents64 into buf; the byte count read, 0 at the end, or -errno. */
    int getdents64(int fd, MemorySegment buf) {
      return (int) call(nr.getdents64, fd, buf.address(), buf.byteSize(), 0, 0, 0);
    }

    /** readlinkat(dirfd, name, buf); the length of the target (not NUL-terminated), or -errno. */
    int readlinkat(int dirfd, MemorySegment name, MemorySegment buf) {
      return readlinkat(dirfd, name.address(), buf);
    }

    /**
     * readlinkat with the name at a raw address inside a segment of this thread's arena (a name
     * where getdents64 left it): no slice object per call, which counts while code is cold.
     */
    int readlinkat(int dirfd, long nameAddress, MemorySegment buf) {
      return (int) call(nr.readlinkat, dirfd, nameAddress, buf.address(), buf.byteSize(), 0, 0);
    }

    int socket(int domain, int type, int protocol) {
      return (int) call(nr.socket, domain, type, protocol, 0, 0, 0);
    }

    long sendto(int fd, MemorySegment buf, long length, MemorySegment address) {
      return call(nr.sendto, fd, buf.address(), length, 0, address.address(), address.byteSize());
    }

    long recv(int fd, MemorySegment buf) {
      return call(nr.recvfrom, fd, buf.address(), buf.byteSize(), 0, 0, 0);
    }

    int setns(int fd, int type) {
      return (int) call(nr.setns, fd, type, 0, 0, 0, 0);
    }

    @Override
    public void close() {
      arena.close();
    }
  }
}
