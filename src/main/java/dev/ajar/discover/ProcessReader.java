package dev.ajar.discover;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.ProcessInfo;
import dev.ajar.model.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the details of the processes that hold sockets (only those: reading five files for each of
 * thousands of idle processes would be waste). Each process is read once and cached.
 */
final class ProcessReader {
  private static final long SMALL = 1 << 20;
  private static final ProcessInfo VANISHED =
      new ProcessInfo(-1, -1, "", List.of(), null, -1, null, null, null, null, null);

  private final Host host;
  private final BootClock clock;
  private final UserNames users;
  private final Map<Integer, ProcessInfo> cache = new HashMap<>();
  private final Map<Integer, CgroupParser.Cgroup> cgroups = new HashMap<>();

  public ProcessReader(Host host, Diagnostics diagnostics) {
    this.host = host;
    this.clock = BootClock.read(host);
    this.users = new UserNames(host, diagnostics);
  }

  /** The process, or null when it exited before it could be read. */
  public ProcessInfo read(int pid) {
    ProcessInfo info = cache.computeIfAbsent(pid, this::load);
    return info == VANISHED ? null : info;
  }

  /** The cgroup of a process (cached), e.g. to name the container of a namespace. */
  public CgroupParser.Cgroup cgroup(int pid) {
    return cgroups.computeIfAbsent(
        pid,
        p -> {
          try {
            return CgroupParser.parse(host.readText("/proc/" + p + "/cgroup"));
          } catch (IOException e) {
            return new CgroupParser.Cgroup(null, null, null, null);
          }
        });
  }

  private ProcessInfo load(int pid) {
    String dir = "/proc/" + pid;
    ProcStatParser.Stat stat;
    int uid;
    try {
      stat = ProcStatParser.parse(Text.decode(host.read(dir + "/stat", SMALL)));
      uid = effectiveUid(host.readText(dir + "/status"));
    } catch (IOException e) {
      return VANISHED;
    }
    if (stat == null) {
      return VANISHED;
    }
    List<String> cmdline = readCmdline(dir + "/cmdline");
    String root = readLinkOrNull(dir + "/root");
    String exe = insideRoot(readLinkOrNull(dir + "/exe"), root);
    CgroupParser.Cgroup cgroup = cgroup(pid);
    return new ProcessInfo(
        pid,
        stat.ppid(),
        stat.comm(),
        cmdline,
        exe,
        uid,
        uid < 0 ? null : users.nameOf(pid, uid),
        clock.startOf(stat.startTicks()),
        cgroup.unit(),
        cgroup.containerId(),
        root);
  }

  /**
   * The kernel prints a chrooted process's exe as the host sees it ("/srv/r/usr/sbin/inetd");
   * attribution wants it as the process sees it ("/usr/sbin/inetd").
   */
  static String insideRoot(String exe, String root) {
    if (exe == null || root == null || root.equals("/") || !exe.startsWith(root + "/")) {
      return exe;
    }
    return exe.substring(root.length());
  }

  private List<String> readCmdline(String path) {
    byte[] raw;
    try {
      raw = host.read(path, SMALL);
    } catch (IOException e) {
      return List.of();
    }
    List<String> args = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == 0) {
        args.add(Text.decode(raw, start, i));
        start = i + 1;
      }
    }
    if (start < raw.length) {
      args.add(Text.decode(raw, start, raw.length)); // a process may rewrite its argv unterminated
    }
    return List.copyOf(args);
  }

  private String readLinkOrNull(String path) {
    try {
      return Text.decode(host.readLink(path).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  /** "Uid:\t1000\t1000\t1000\t1000" → the effective uid (second), -1 when absent. */
  static int effectiveUid(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("Uid:")) {
        String[] f = line.substring(4).trim().split("\\s+");
        if (f.length >= 2) {
          try {
            return (int) Long.parseLong(f[1]);
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
    }
    return -1;
  }
}
