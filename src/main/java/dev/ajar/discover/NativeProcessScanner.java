package dev.ajar.discover;

import dev.ajar.host.Diagnostics;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The /proc/*&#47;fd pass of the live host with the fewest system calls there are: one getdents64
 * per directory and one readlinkat per fd, relative to the open directory (no path walk from /),
 * names used where getdents64 left them, no String per fd. Each buffer is copied to the heap once
 * and parsed there: a native segment's accessors are slow in code that is not compiled yet, and in
 * a one-shot run most of it is not. Runs on one thread per core, each taking the next pid (the
 * kernel serialises part of the work, but the Java half scales).
 *
 * <p>Same answers as {@link ProcessScanner#scanThroughHost}: a process that exits mid-scan is
 * skipped, one whose fds we may not read is counted as unreadable.
 */
final class NativeProcessScanner {
  private static final int DENTS_SIZE = 64 * 1024;
  private static final int LINK_SIZE = 64;
  private static final int PIDS_PER_CLAIM = 8;
  private static final byte[] SOCKET =
      "socket:[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  static final byte[] NET = "net:[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private NativeProcessScanner() {}

  /**
   * The table, or null when /proc cannot be opened this way or a worker failed (the caller uses the
   * Host; a failure is said in {@code diagnostics}).
   */
  static ProcessTable scan(Syscalls sys, boolean withSockets, Diagnostics diagnostics) {
    int[] pids;
    int proc;
    try (Syscalls.Calls calls = sys.open()) {
      proc =
          calls.openat(
              Syscalls.AT_FDCWD, cString(calls, "/proc"), Syscalls.O_RDONLY_DIRECTORY_CLOEXEC);
      if (proc < 0) {
        return null;
      }
      pids = listPids(calls, proc);
    }
    if (pids == null) {
      try (Syscalls.Calls calls = sys.open()) {
        calls.close(proc);
      }
      return null;
    }
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    if (!withSockets || pids.length < 64) {
      threads = 1;
    }
    AtomicInteger next = new AtomicInteger();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers.add(new Worker(sys, proc, pids, next, withSockets));
    }
    List<Thread> started = new ArrayList<>();
    for (int i = 1; i < threads; i++) {
      started.add(Thread.ofPlatform().name("ajar-fd-scan-" + i).start(workers.get(i)));
    }
    workers.getFirst().run();
    joinUninterruptibly(started);
    try (Syscalls.Calls calls = sys.open()) {
      calls.close(proc);
    }
    for (Worker w : workers) {
      if (w.failure != null) {
        diagnostics.add(
            Diagnostics.Kind.UNREADABLE,
            "/proc/*/fd",
            "the native pass failed (" + w.failure + "); read through the file system instead");
        return null;
      }
    }
    return merge(workers, pids);
  }

  private static ProcessTable merge(List<Worker> workers, int[] pids) {
    long[] netnsOfPid = new long[pids.length];
    Arrays.fill(netnsOfPid, -1);
    List<Integer> unreadable = new ArrayList<>();
    List<SocketHolders.Builder> holders = new ArrayList<>();
    for (Worker w : workers) {
      for (int i = 0; i < w.scanned; i++) {
        netnsOfPid[w.indexes[i]] = w.netns[i];
      }
      for (int i = 0; i < w.unreadableCount; i++) {
        unreadable.add(w.unreadable[i]);
      }
      holders.add(w.holders);
    }
    Map<Long, List<Integer>> members = new HashMap<>();
    for (int i = 0; i < pids.length; i++) {
      if (netnsOfPid[i] > 0) {
        members.computeIfAbsent(netnsOfPid[i], k -> new ArrayList<>()).add(pids[i]);
      }
    }
    unreadable.sort(null);
    return new ProcessTable(SocketHolders.Builder.merge(holders), members, unreadable);
  }

  /**
   * Waits for threads that finish by themselves (they only read the kernel); an interrupt meanwhile
   * is passed on afterwards.
   */
  static void joinUninterruptibly(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The numeric entries of /proc, sorted; null when it cannot be read. */
  private static int[] listPids(Syscalls.Calls calls, int proc) {
    MemorySegment dents = calls.arena().allocate(DENTS_SIZE);
    byte[] heap = new byte[DENTS_SIZE];
    int[] pids = new int[512];
    int count = 0;
    while (true) {
      int n = calls.getdents64(proc, dents);
      if (n < 0) {
        return null;
      }
      if (n == 0) {
        break;
      }
      MemorySegment.copy(dents, ValueLayout.JAVA_BYTE, 0, heap, 0, n);
      for (int off = 0; off < n; ) {
        int reclen = recordLength(heap, off);
        if (reclen < 20 || off + reclen > n) {
          break; // not what the kernel writes
        }
        int pid = parsePid(heap, off + 19, off + reclen);
        if (pid > 0) {
          if (count == pids.length) {
            pids = Arrays.copyOf(pids, count * 2);
          }
          pids[count++] = pid;
        }
        off += reclen;
      }
    }
    int[] sorted = Arrays.copyOf(pids, count);
    Arrays.sort(sorted);
    return sorted;
  }

  /** d_reclen of the linux_dirent64 at {@code off}: a u16 in host order after two u64. */
  private static int recordLength(byte[] b, int off) {
    int lo = b[off + 16] & 0xff;
    int hi = b[off + 17] & 0xff;
    return LITTLE_ENDIAN ? lo | hi << 8 : hi | lo << 8;
  }

  private static final boolean LITTLE_ENDIAN =
      java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

  /** A NUL-terminated decimal name of at most 9 digits in b[at, end); -1 for anything else. */
  private static int parsePid(byte[] b, int at, int end) {
    int pid = 0;
    int digits = 0;
    for (int i = at; i < end; i++) {
      byte c = b[i];
      if (c == 0) {
        return digits == 0 ? -1 : pid;
      }
      if (c < '0' || c > '9' || ++digits > 9) {
        return -1;
      }
      pid = pid * 10 + (c - '0');
    }
    return -1;
  }

  /** "prefix" DIGITS "]" in the first len bytes of b → the number; -1 otherwise. */
  static long bracketed(byte[] b, int len, byte[] prefix) {
    if (len <= prefix.length + 1 || len > 30 || len > b.length || b[len - 1] != ']') {
      return -1;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return -1;
      }
    }
    long v = 0;
    for (int i = prefix.length; i < len - 1; i++) {
      byte c = b[i];
      if (c < '0' || c > '9' || v > Long.MAX_VALUE / 10 - 9) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static MemorySegment cString(Syscalls.Calls calls, String s) {
    return calls.arena().allocateFrom(s);
  }

  /** One thread's share: claims pids in small batches, keeps its results to itself. */
  private static final class Worker implements Runnable {
    private final Syscalls sys;
    private final int proc;
    private final int[] pids;
    private final AtomicInteger next;
    private final boolean withSockets;
    final SocketHolders.Builder holders = new SocketHolders.Builder();
    int[] indexes = new int[64];
    long[] netns = new long[64];
    int scanned;
    int[] unreadable = new int[8];
    int unreadableCount;
    volatile Throwable failure;

    Worker(Syscalls sys, int proc, int[] pids, AtomicInteger next, boolean withSockets) {
      this.sys = sys;
      this.proc = proc;
      this.pids = pids;
      this.next = next;
      this.withSockets = withSockets;
    }

    @Override
    public void run() {
      try {
        scanClaimed();
      } catch (RuntimeException | LinkageError e) {
        failure = e; // the caller falls back to the Host path
      }
    }

    private void scanClaimed() {
      try (Syscalls.Calls calls = sys.open()) {
        Buffers buffers = new Buffers(calls);
        while (true) {
          int from = next.getAndAdd(PIDS_PER_CLAIM);
          if (from >= pids.length) {
            return;
          }
          for (int i = from; i < Math.min(from + PIDS_PER_CLAIM, pids.length); i++) {
            scan(calls, i, buffers);
          }
        }
      }
    }

    private void scan(Syscalls.Calls calls, int index, Buffers buf) {
      int pid = pids[index];
      int len = calls.readlinkat(proc, buf.path(pid, NS_NET), buf.link);
      long ns = len > 0 ? bracketed(buf.linkBytes(len), len, NET) : -1;
      if (scanned == indexes.length) {
        indexes = Arrays.copyOf(indexes, scanned * 2);
        netns = Arrays.copyOf(netns, scanned * 2);
      }
      indexes[scanned] = index;
      netns[scanned++] = ns;
      if (!withSockets) {
        return;
      }
      int dir = calls.openat(proc, buf.path(pid, FD), Syscalls.O_RDONLY_DIRECTORY_CLOEXEC);
      if (dir < 0) {
        if (dir == -Syscalls.EACCES || dir == -Syscalls.EPERM) {
          markUnreadable(pid);
        }
        return; // otherwise the process is gone
      }
      boolean denied = false;
      try {
        long names = buf.dents.address() + 19;
        while (true) {
          int n = calls.getdents64(dir, buf.dents);
          if (n <= 0) {
            denied |= n == -Syscalls.EACCES || n == -Syscalls.EPERM;
            break;
          }
          MemorySegment.copy(buf.dents, ValueLayout.JAVA_BYTE, 0, buf.dentsBytes, 0, n);
          byte[] d = buf.dentsBytes;
          for (int off = 0; off < n; ) {
            int reclen = recordLength(d, off);
            if (reclen < 20 || off + reclen > n) {
              break; // not what the kernel writes
            }
            if (d[off + 19] != '.') {
              int r = calls.readlinkat(dir, names + off, buf.link);
              if (r > 0) {
                holders.add(bracketed(buf.linkBytes(r), r, SOCKET), pid);
              } else if (r == -Syscalls.EACCES || r == -Syscalls.EPERM) {
                denied = true;
              }
            }
            off += reclen;
          }
        }
      } finally {
        calls.close(dir);
      }
      if (denied) {
        markUnreadable(pid);
      }
    }

    private void markUnreadable(int pid) {
      if (unreadableCount == unreadable.length) {
        unreadable = Arrays.copyOf(unreadable, unreadableCount * 2);
      }
      unreadable[unreadableCount++] = pid;
    }
  }

  private static final byte[] NS_NET =
      "/ns/net\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] FD = "/fd\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** One thread's native buffers and their heap twins. */
  private static final class Buffers {
    final MemorySegment dents;
    final byte[] dentsBytes = new byte[DENTS_SIZE];
    final MemorySegment link;
    private final byte[] linkBytes = new byte[LINK_SIZE];
    private final MemorySegment path;
    private final byte[] pathBytes = new byte[32];

    Buffers(Syscalls.Calls calls) {
      dents = calls.arena().allocate(DENTS_SIZE);
      link = calls.arena().allocate(LINK_SIZE);
      path = calls.arena().allocate(32);
    }

    /** The first len bytes readlinkat wrote, on the heap. */
    byte[] linkBytes(int len) {
      MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, linkBytes, 0, Math.min(len, LINK_SIZE));
      return linkBytes;
    }

    /** "PID" + suffix (NUL-terminated), relative to /proc, in native memory. */
    MemorySegment path(int pid, byte[] suffix) {
      int digits = 1;
      for (int v = pid; v >= 10; v /= 10) {
        digits++;
      }
      int at = digits;
      for (int v = pid; at > 0; v /= 10) {
        pathBytes[--at] = (byte) ('0' + v % 10);
      }
      System.arraycopy(suffix, 0, pathBytes, digits, suffix.length);
      MemorySegment.copy(pathBytes, 0, path, ValueLayout.JAVA_BYTE, 0, digits + suffix.length);
      return path;
    }
  }
}
