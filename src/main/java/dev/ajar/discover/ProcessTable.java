package dev.ajar.discover;

import java.util.List;
import java.util.Map;

/**
 * The result of one pass over /proc/PID: which processes hold which sockets, and which network
 * namespace each process is in.
 *
 * @param holders socket inode → pids holding it, in pid order (empty when the fds were not read)
 * @param netnsMembers namespace inode → pids in it, in pid order
 * @param unreadable pids whose fd table could not be read (permission): their sockets stay without
 *     owner
 */
public record ProcessTable(
    SocketHolders holders, Map<Long, List<Integer>> netnsMembers, List<Integer> unreadable) {

  public List<Integer> holdersOf(long socketInode) {
    return holders.holdersOf(socketInode);
  }
}
