package dev.ajar.packages;

import dev.ajar.model.PackageRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Path → package for dpkg's info/*.list files, as {@link FileOwners} answers it (the first list to
 * name a path owns it; each package's paths in list order), without a string per line: a Debian
 * host lists 100,000 paths or more and ajar asks about a few dozen. The lists are kept as bytes and
 * each line is indexed by a hash of its bytes in an open-addressing table; a lookup hashes the
 * path's bytes, and a match is confirmed on the decoded line, so the answers are exactly those of
 * the decoded lines. The rare line that is not a normal path ("/a//b", "/a/") is normalized and
 * indexed by its string.
 */
final class DpkgFiles {
  private final List<byte[]> lists = new ArrayList<>();
  private final List<PackageRef> refs = new ArrayList<>();

  /** Each package's lists, in the order they were added (two lists can name one package). */
  private final Map<PackageRef, List<Integer>> byPackage = new LinkedHashMap<>();

  /** Normalized path of a line that was not normal → the first list naming it. */
  private final Map<String, Integer> odd = new HashMap<>();

  /** Paths whose every listing is reported (dpkg's diverted paths), and their hashes. */
  private final Set<String> watched;

  private final int[] watchedHashes;

  // The table: slot → line hash, list index + 1 (0: free), start and end of the line.
  private int[] hashes = new int[1 << 12];
  private int[] listOf = new int[1 << 12];
  private int[] starts = new int[1 << 12];
  private int[] ends = new int[1 << 12];
  private int used;

  /**
   * @param watched normalized paths for which {@link #add}'s callback hears of every line
   */
  DpkgFiles(Set<String> watched) {
    this.watched = Set.copyOf(watched);
    List<Integer> h = new ArrayList<>();
    for (String path : this.watched) {
      byte[] bytes = encode(path);
      if (bytes != null) {
        h.add(hash(bytes, 0, bytes.length));
      }
    }
    this.watchedHashes = h.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** A package that owns no file (a meta package) is still known to own none. */
  void addPackage(PackageRef ref) {
    byPackage.computeIfAbsent(ref, r -> new ArrayList<>());
  }

  /**
   * Indexes one .list file of {@code ref}: every line that is an absolute path (after a "\r" before
   * its "\n" is dropped); {@code diverted} hears of each line whose path is watched.
   *
   * @return the number of lines that are not absolute paths or hold a NUL (skipped)
   */
  int add(byte[] data, PackageRef ref, Consumer<String> diverted) {
    int list = lists.size();
    lists.add(data);
    refs.add(ref);
    byPackage.computeIfAbsent(ref, r -> new ArrayList<>()).add(list);
    int junk = 0;
    int n = data.length;
    int start = 0;
    while (start < n) {
      int end = start;
      int h = 0;
      boolean nul = false;
      boolean normal = true;
      byte before = 0;
      byte last = 0;
      while (end < n) {
        byte b = data[end];
        if (b == '\n') {
          break;
        }
        if (b == 0) {
          nul = true;
        } else if (b == '/' && (last == '/' || (last == '.' && before == '/'))) {
          normal = false;
        }
        h = 31 * h + b;
        before = last;
        last = b;
        end++;
      }
      int stop = end;
      if (stop > start && data[stop - 1] == '\r') {
        stop--;
        h = hash(data, start, stop);
        before = stop - start >= 2 ? data[stop - 2] : 0;
        last = stop - start >= 1 ? data[stop - 1] : 0;
      }
      int from = start;
      start = end + 1;
      if (stop == from) {
        continue;
      }
      if (data[from] != '/' || nul) {
        junk++;
        continue;
      }
      int length = stop - from;
      if (length > 1 && (last == '/' || (last == '.' && before == '/'))) {
        normal = false;
      }
      if (!normal) {
        String path = PackagePaths.normalize(ControlText.decode(data, from, stop));
        odd.putIfAbsent(path, list);
        if (watched.contains(path)) {
          diverted.accept(path);
        }
        continue;
      }
      insert(h, list, from, stop);
      if (watchedHashes.length > 0 && java.util.Arrays.binarySearch(watchedHashes, h) >= 0) {
        String path = ControlText.decode(data, from, stop);
        if (watched.contains(path)) {
          diverted.accept(path);
        }
      }
    }
    return junk;
  }

  /** The package of the first list that names the normalized path, if any does. */
  Optional<PackageRef> owner(String normalizedPath) {
    int best = Integer.MAX_VALUE;
    Integer oddList = odd.get(normalizedPath);
    if (oddList != null) {
      best = oddList;
    }
    byte[] key = encode(normalizedPath);
    if (key != null) {
      int h = hash(key, 0, key.length);
      int mask = hashes.length - 1;
      for (int slot = mix(h) & mask; listOf[slot] != 0; slot = (slot + 1) & mask) {
        if (hashes[slot] == h
            && sameBytes(
                lists.get(listOf[slot] - 1), starts[slot], ends[slot], key, 0, key.length)) {
          int list = listOf[slot] - 1;
          byte[] data = lists.get(list);
          if (ControlText.decode(data, starts[slot], ends[slot]).equals(normalizedPath)) {
            best = Math.min(best, list);
          }
          break; // one entry per distinct line
        }
      }
    }
    return best == Integer.MAX_VALUE ? Optional.empty() : Optional.of(refs.get(best));
  }

  /**
   * The normalized paths {@code pkg} lists, in list order; a version left empty matches the first
   * package of that name, as {@link FileOwners#files} does.
   */
  List<String> files(PackageRef pkg) {
    List<Integer> exact = byPackage.get(pkg);
    if (exact == null && pkg.version().isEmpty()) {
      for (Map.Entry<PackageRef, List<Integer>> e : byPackage.entrySet()) {
        if (e.getKey().name().equals(pkg.name())) {
          exact = e.getValue();
          break;
        }
      }
    }
    if (exact == null) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    for (int list : exact) {
      for (String line : ControlText.lines(lists.get(list))) {
        if (!line.isEmpty() && line.charAt(0) == '/' && line.indexOf('\0') < 0) {
          paths.add(PackagePaths.normalize(line));
        }
      }
    }
    return List.copyOf(paths);
  }

  private void insert(int h, int list, int from, int stop) {
    if ((used + 1) * 2 > hashes.length) {
      grow();
    }
    byte[] data = lists.get(list);
    int mask = hashes.length - 1;
    int slot = mix(h) & mask;
    while (listOf[slot] != 0) {
      if (hashes[slot] == h
          && sameBytes(lists.get(listOf[slot] - 1), starts[slot], ends[slot], data, from, stop)) {
        return; // an earlier list (or line) has it: the first keeps it
      }
      slot = (slot + 1) & mask;
    }
    hashes[slot] = h;
    listOf[slot] = list + 1;
    starts[slot] = from;
    ends[slot] = stop;
    used++;
  }

  private void grow() {
    int[] oldHashes = hashes;
    int[] oldLists = listOf;
    int[] oldStarts = starts;
    int[] oldEnds = ends;
    int size = oldHashes.length * 2;
    hashes = new int[size];
    listOf = new int[size];
    starts = new int[size];
    ends = new int[size];
    int mask = size - 1;
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldLists[i] != 0) {
        int slot = mix(oldHashes[i]) & mask;
        while (listOf[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        hashes[slot] = oldHashes[i];
        listOf[slot] = oldLists[i];
        starts[slot] = oldStarts[i];
        ends[slot] = oldEnds[i];
      }
    }
  }

  private static boolean sameBytes(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    return java.util.Arrays.equals(a, aFrom, aTo, b, bFrom, bTo);
  }

  static int hash(byte[] data, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + data[i];
    }
    return h;
  }

  /** Spreads a hash over the table's slots (MurmurHash3's finalizer). */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * The bytes a line must hold to decode ({@link ControlText#decode}) to {@code s}: UTF-8, with
   * each lone U+DC80..U+DCFF as the byte it stands for; null when no line decodes to it (another
   * lone surrogate).
   */
  static byte[] encode(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >> 6));
        out.write(0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return null;
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.write(0xF0 | (cp >> 18));
        out.write(0x80 | ((cp >> 12) & 0x3F));
        out.write(0x80 | ((cp >> 6) & 0x3F));
        out.write(0x80 | (cp & 0x3F));
      } else if (Character.isLowSurrogate(c)) {
        if (c < 0xDC80 || c > 0xDCFF) {
          return null;
        }
        out.write(c & 0xFF);
      } else {
        out.write(0xE0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
    return out.toByteArray();
  }
}
