package dev.ajar.watch;

import dev.ajar.model.OpenSocket;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which listening and bound sockets the kernel listed, by namespace and inode: what tells a
 * snapshot that nothing opened or closed since the last one. Both inodes are 32-bit in Linux
 * (proc's inode numbers and sockfs's get_next_ino), so each socket is one long, and the set a
 * sorted array: tens of thousands of sockets compared in a few milliseconds, with no object per
 * socket. Kernel sockets (inode 0) and anything wider are kept by name beside it.
 */
final class SocketSet {
  private final long[] ids;
  private final Set<String> others;

  private SocketSet(long[] ids, Set<String> others) {
    this.ids = ids;
    this.others = others;
  }

  static SocketSet of(List<OpenSocket> sockets) {
    long[] ids = new long[sockets.size()];
    int n = 0;
    Set<String> others = new HashSet<>();
    for (OpenSocket s : sockets) {
      if (!s.socket().state().isOpenPort()) {
        continue;
      }
      long netns = s.netns().inode();
      long inode = s.socket().inode();
      if (inode != 0 && (netns >>> 32) == 0 && (inode >>> 32) == 0) {
        ids[n++] = netns << 32 | inode;
      } else {
        others.add(
            netns + " " + inode + " " + s.socket().protocol().label() + " " + s.socket().local());
      }
    }
    ids = Arrays.copyOf(ids, n);
    Arrays.sort(ids);
    return new SocketSet(ids, others);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SocketSet s && Arrays.equals(ids, s.ids) && others.equals(s.others);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids) * 31 + others.hashCode();
  }
}
