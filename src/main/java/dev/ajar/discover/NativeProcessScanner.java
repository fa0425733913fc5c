package dev.ajar.discover;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The /proc/*&#47;fd pass of the live host with the fewest system calls there are: one
 * getdents64 per directory and one readlinkat per fd, relative to the open directory (no path
 * walk from /), names used where getdents64 left them, no String per fd. The kernel does the
 * work, so it runs on one thread per core, each taking the next pid.
 *
 * <p>Same answers as {@link ProcessScanner#scanThroughHost}: a process that exits mid-scan is
 * skipped, one whose fds we may not read is counted as unreadable.
 */
final class NativeProcessScanner {
  private static final int DENTS_SIZE = 64 * 1024;
  private static final int LINK_SIZE = 64;
  private static final int PIDS_PER_CLAIM = 8;
  private static final byte[] SOCKET = "socket:[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] NET = "net:[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private NativeProcessScanner() {}

  /** The table, or null when /proc cannot be opened this way (the caller uses the Host). */
  static ProcessTable scan(Syscalls sys, boolean withSockets) {
    int[] pids;
    int proc;
    try (Syscalls.Calls calls = sys.open()) {
      proc = calls.openat(Syscalls.AT_FDCWD, cString(calls, "/proc"), Syscalls.O_RDONLY_DIRECTORY_CLOEXEC);
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
    boolean interrupted = false;
    for (Thread t : started) {
      while (true) {
        try {
          t.join(); // the workers finish by themselves; an interrupt is passed on afterwards
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try (Syscalls.Calls calls = sys.open()) {
      calls.close(proc);
    }
    for (Worker w : workers) {
      if (w.failed) {
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

  /** The numeric entries of /proc, sorted; null when it cannot be read. */
  private static int[] listPids(Syscalls.Calls calls, int proc) {
    MemorySegment dents = calls.arena().allocate(DENTS_SIZE);
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
      for (int off = 0; off < n; ) {
        int reclen = Short.toUnsignedInt(dents.get(ValueLayout.JAVA_SHORT_UNALIGNED, off + 16));
        int pid = parsePid(dents, off + 19);
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

  /** A NUL-terminated decimal name of at most 9 digits; -1 for anything else. */
  private static int parsePid(MemorySegment s, long at) {
    int pid = 0;
    int digits = 0;
    for (long i = at; ; i++) {
      byte b = s.get(ValueLayout.JAVA_BYTE, i);
      if (b == 0) {
        return digits == 0 ? -1 : pid;
      }
      if (b < '0' || b > '9' || ++digits > 9) {
        return -1;
      }
      pid = pid * 10 + (b - '0');
    }
  }

  /** "prefix" DIGITS "]" in the first len bytes of s → the number; -1 otherwise. */
  static long bracketed(MemorySegment s, int len, byte[] prefix) {
    if (len <= prefix.length + 1 || len > 30 || s.get(ValueLayout.JAVA_BYTE, len - 1) != ']') {
      return -1;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, i) != prefix[i]) {
        return -1;
      }
    }
    long v = 0;
    for (int i = prefix.length; i < len - 1; i++) {
      byte b = s.get(ValueLayout.JAVA_BYTE, i);
      if (b < '0' || b > '9' || v > Long.MAX_VALUE / 10 - 9) {
        return -1;
      }
      v = v * 10 + (b - '0');
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
    volatile boolean failed;

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
        failed = true; // the caller falls back to the Host path
      }
    }

    private void scanClaimed() {
      try (Syscalls.Calls calls = sys.open()) {
        MemorySegment dents = calls.arena().allocate(DENTS_SIZE);
        MemorySegment link = calls.arena().allocate(LINK_SIZE);
        MemorySegment path = calls.arena().allocate(32);
        while (true) {
          int from = next.getAndAdd(PIDS_PER_CLAIM);
          if (from >= pids.length) {
            return;
          }
          for (int i = from; i < Math.min(from + PIDS_PER_CLAIM, pids.length); i++) {
            scan(calls, i, dents, link, path);
          }
        }
      }
    }

    private void scan(
        Syscalls.Calls calls, int index, MemorySegment dents, MemorySegment link, MemorySegment path) {
      int pid = pids[index];
      int len = calls.readlinkat(proc, pathOf(path, pid, "/ns/net"), link);
      long ns = len > 0 ? bracketed(link, len, NET) : -1;
      if (scanned == indexes.length) {
        indexes = Arrays.copyOf(indexes, scanned * 2);
        netns = Arrays.copyOf(netns, scanned * 2);
      }
      indexes[scanned] = index;
      netns[scanned++] = ns;
      if (!withSockets) {
        return;
      }
      int dir = calls.openat(proc, pathOf(path, pid, "/fd"), Syscalls.O_RDONLY_DIRECTORY_CLOEXEC);
      if (dir < 0) {
        if (dir == -Syscalls.EACCES || dir == -Syscalls.EPERM) {
          markUnreadable(pid);
        }
        return; // otherwise the process is gone
      }
      boolean denied = false;
      try {
        while (true) {
          int n = calls.getdents64(dir, dents);
          if (n <= 0) {
            denied |= n == -Syscalls.EACCES || n == -Syscalls.EPERM;
            break;
          }
          for (int off = 0; off < n; ) {
            int reclen = Short.toUnsignedInt(dents.get(ValueLayout.JAVA_SHORT_UNALIGNED, off + 16));
            if (dents.get(ValueLayout.JAVA_BYTE, off + 19) != '.') {
              int r = calls.readlinkat(dir, dents.asSlice(off + 19), link);
              if (r > 0) {
                holders.add(bracketed(link, r, SOCKET), pid);
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

    /** "PID" + suffix, NUL-terminated, relative to /proc. */
    private static MemorySegment pathOf(MemorySegment path, int pid, String suffix) {
      int digits = Integer.toString(pid).length();
      int at = digits;
      for (int v = pid; at > 0; v /= 10) {
        path.set(ValueLayout.JAVA_BYTE, --at, (byte) ('0' + v % 10));
      }
      at = digits;
      for (int i = 0; i < suffix.length(); i++) {
        path.set(ValueLayout.JAVA_BYTE, at++, (byte) suffix.charAt(i));
      }
      path.set(ValueLayout.JAVA_BYTE, at, (byte) 0);
      return path;
    }
  }
}
