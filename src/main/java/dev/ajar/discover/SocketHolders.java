package dev.ajar.discover;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Socket inode → the pids that hold it, in pid order, without a boxed map entry per socket: a
 * loaded host has tens of thousands of sockets, and this index is built on every scan. Pairs are
 * packed as {@code inode << 22 | pid} (pids are below 2^22, PID_MAX_LIMIT) and sorted once.
 */
final class SocketHolders {
  private static final int PID_BITS = 22;
  private static final long PID_MASK = (1L << PID_BITS) - 1;
  private static final long MAX_PACKED_INODE = (1L << (63 - PID_BITS)) - 1;

  private final long[] pairs;
  private final int size;

  private SocketHolders(long[] pairs, int size) {
    this.pairs = pairs;
    this.size = size;
  }

  /** The pids holding the socket, in pid order; empty when none. */
  List<Integer> holdersOf(long inode) {
    if (inode <= 0 || inode > MAX_PACKED_INODE) {
      return List.of();
    }
    int at = Arrays.binarySearch(pairs, 0, size, inode << PID_BITS);
    int first = at >= 0 ? at : -at - 1;
    List<Integer> pids = null;
    for (int i = first; i < size && pairs[i] >>> PID_BITS == inode; i++) {
      if (pids == null) {
        pids = new ArrayList<>(1);
      }
      pids.add((int) (pairs[i] & PID_MASK));
    }
    return pids == null ? List.of() : pids;
  }

  /** How many (socket, pid) pairs there are. */
  int pairCount() {
    return size;
  }

  /** Collects pairs from one thread; {@link #merge} joins several. */
  static final class Builder {
    private long[] pairs = new long[256];
    private int size;

    /** Records that pid holds the socket; ignored for values no kernel produces. */
    void add(long inode, int pid) {
      if (inode <= 0 || inode > MAX_PACKED_INODE || pid <= 0 || pid > PID_MASK) {
        return;
      }
      if (size == pairs.length) {
        pairs = Arrays.copyOf(pairs, size * 2);
      }
      pairs[size++] = inode << PID_BITS | pid;
    }

    SocketHolders build() {
      return merge(List.of(this));
    }

    /** All pairs of all builders, sorted, each (socket, pid) once. */
    static SocketHolders merge(List<Builder> builders) {
      int total = 0;
      for (Builder b : builders) {
        total += b.size;
      }
      long[] all = new long[total];
      int at = 0;
      for (Builder b : builders) {
        System.arraycopy(b.pairs, 0, all, at, b.size);
        at += b.size;
      }
      Arrays.sort(all);
      int unique = 0;
      for (int i = 0; i < total; i++) {
        if (unique == 0 || all[unique - 1] != all[i]) {
          all[unique++] = all[i];
        }
      }
      return new SocketHolders(all, unique);
    }
  }
}
