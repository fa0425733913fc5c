package dev.ajar.model;

import java.time.Instant;
import java.util.List;

/**
 * A process that holds at least one socket. Text fields are as the kernel gave them (decoded
 * leniently); writers escape them before printing, since a process chooses its own name.
 *
 * @param user the name of {@code uid} in the process's own root, or null when it has none
 * @param unit the systemd unit from /proc/PID/cgroup, or null
 * @param containerId the container engine's id from the cgroup path, or null
 * @param root the process's root directory as the host sees it ("/" unless chrooted); {@code exe}
 *     is a path inside that root
 */
public record ProcessInfo(
    int pid,
    int ppid,
    String name,
    List<String> cmdline,
    String exe,
    int uid,
    String user,
    Instant startTime,
    String unit,
    String containerId,
    String root) {

  public boolean isChrooted() {
    return root != null && !root.equals("/");
  }
}
