package dev.ajar.discover;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.host.Timing;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over /proc: for every process, its network namespace (/proc/PID/ns/net) and the sockets
 * among its open files (/proc/PID/fd/N → "socket:[INODE]"). Every holder of a socket is kept, not
 * just the first. Processes that vanish mid-scan are skipped quietly; ones whose files are not ours
 * to read are counted, so the caller can say what it could not see.
 */
public final class ProcessScanner {
  private ProcessScanner() {}

  /**
   * The process table of the host: through direct system calls on several threads when the host is
   * the live one and they can be made, through the Host otherwise.
   *
   * @param withSockets whether to read every fd (the costly part); without, only namespaces
   */
  public static ProcessTable scan(Host host, boolean withSockets, Diagnostics diagnostics) {
    if (host.isLive()) {
      long start = Timing.start();
      var sys = Syscalls.get();
      Timing.end("link syscall(2)", start);
      if (sys.isPresent()) {
        ProcessTable table = NativeProcessScanner.scan(sys.get(), withSockets, diagnostics);
        if (table != null) {
          return table;
        }
      }
    }
    return scanThroughHost(host, withSockets, diagnostics);
  }

  /** The pass through the Host (NIO): for roots other than the live one, and to compare. */
  public static ProcessTable scanThroughHost(
      Host host, boolean withSockets, Diagnostics diagnostics) {
    List<Integer> pids = listPids(host, diagnostics);
    SocketHolders.Builder holders = new SocketHolders.Builder();
    Map<Long, List<Integer>> members = new HashMap<>();
    List<Integer> unreadable = new ArrayList<>();
    for (int pid : pids) {
      String dir = "/proc/" + pid;
      long netns = namespaceInode(host, dir + "/ns/net");
      if (netns > 0) {
        members.computeIfAbsent(netns, k -> new ArrayList<>()).add(pid);
      }
      if (!withSockets) {
        continue;
      }
      List<String> fds;
      try {
        fds = host.list(dir + "/fd");
      } catch (AccessDeniedException e) {
        unreadable.add(pid);
        continue;
      } catch (IOException e) {
        continue; // vanished between listing /proc and reading it
      }
      boolean denied = false;
      for (String fd : fds) {
        long inode;
        try {
          inode = bracketed(host.readLink(dir + "/fd/" + fd), "socket:[");
        } catch (AccessDeniedException e) {
          denied = true;
          continue;
        } catch (IOException e) {
          continue; // the fd was closed since the directory was listed
        }
        holders.add(inode, pid);
      }
      if (denied) {
        unreadable.add(pid);
      }
    }
    return new ProcessTable(holders.build(), members, unreadable);
  }

  static List<Integer> listPids(Host host, Diagnostics diagnostics) {
    List<Integer> pids = new ArrayList<>();
    try {
      for (String name : host.list("/proc")) {
        int pid = parsePid(name);
        if (pid > 0) {
          pids.add(pid);
        }
      }
    } catch (NoSuchFileException e) {
      diagnostics.add(Diagnostics.Kind.SKIPPED, "/proc", "not mounted: no processes to read");
    } catch (IOException e) {
      diagnostics.add(Diagnostics.Kind.UNREADABLE, "/proc", Errors.describe(e));
    }
    pids.sort(null);
    return pids;
  }

  /** "net:[4026531840]" → 4026531840; -1 when unreadable. */
  static long namespaceInode(Host host, String link) {
    try {
      return bracketed(host.readLink(link), "net:[");
    } catch (IOException e) {
      return -1;
    }
  }

  static long bracketed(String target, String prefix) {
    if (!target.startsWith(prefix) || !target.endsWith("]")) {
      return -1;
    }
    try {
      return Long.parseLong(target, prefix.length(), target.length() - 1, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static int parsePid(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return -1;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(name);
  }
}
