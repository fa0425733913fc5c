package dev.ajar.remedy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Line differences of byte contents: the edits that turn one version of a configuration file into
 * another, a three-way merge of two edits of one original (two inetd entries commented in one
 * inetd.conf), and the unified diff an administrator reviews. Bytes are kept exactly: lines are cut
 * after each '\n' and compared as ISO-8859-1 text, which maps every byte to one char.
 */
public final class LineDiff {
  /** Beyond this many cells of the comparison table (after common ends are trimmed), give up. */
  static final long MAX_CELLS = 4_000_000;

  private LineDiff() {}

  /**
   * Base lines [from, to) replaced by {@code lines} (an insertion when from == to).
   *
   * @param lines the replacement, each line with its own '\n' (the last may lack one)
   */
  public record Edit(int from, int to, List<String> lines) {
    public Edit {
      lines = List.copyOf(lines);
    }
  }

  /** The lines of a content, each with its '\n', the last without one when the content lacks it. */
  public static List<String> lines(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  static byte[] join(List<String> lines) {
    return String.join("", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The edits from {@code base} to {@code changed}, in order, none overlapping; empty when they are
   * too different to compare within {@link #MAX_CELLS} (callers then treat the whole file as
   * replaced).
   */
  public static Optional<List<Edit>> edits(List<String> base, List<String> changed) {
    int prefix = 0;
    while (prefix < base.size()
        && prefix < changed.size()
        && base.get(prefix).equals(changed.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < base.size() - prefix
        && suffix < changed.size() - prefix
        && base.get(base.size() - 1 - suffix).equals(changed.get(changed.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> a = base.subList(prefix, base.size() - suffix);
    List<String> b = changed.subList(prefix, changed.size() - suffix);
    if ((long) (a.size() + 1) * (b.size() + 1) > MAX_CELLS) {
      return Optional.empty();
    }
    // Longest common subsequence, table of suffix lengths, then one walk from the start.
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    int editFrom = -1;
    List<String> added = new ArrayList<>();
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        if (editFrom >= 0) {
          edits.add(new Edit(prefix + editFrom, prefix + i, added));
          editFrom = -1;
          added = new ArrayList<>();
        }
        i++;
        j++;
        continue;
      }
      if (editFrom < 0) {
        editFrom = i;
      }
      if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        added.add(b.get(j++));
      } else {
        i++;
      }
    }
    if (editFrom >= 0) {
      edits.add(new Edit(prefix + editFrom, prefix + i, added));
    }
    return Optional.of(edits);
  }

  /**
   * Both edits of one original in one content, as diff3 would merge them; empty when they touch the
   * same lines differently (or the files are too different to compare).
   */
  public static Optional<byte[]> merge(byte[] base, byte[] ours, byte[] theirs) {
    List<String> original = lines(base);
    Optional<List<Edit>> a = edits(original, lines(ours));
    Optional<List<Edit>> b = edits(original, lines(theirs));
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    List<Edit> all = new ArrayList<>(a.get());
    for (Edit e : b.get()) {
      if (all.contains(e)) {
        continue; // the same edit made by both
      }
      for (Edit mine : a.get()) {
        boolean overlap = mine.from() < e.to() && e.from() < mine.to();
        if (overlap || mine.from() == e.from()) {
          return Optional.empty();
        }
      }
      all.add(e);
    }
    all.sort(java.util.Comparator.comparingInt(Edit::from).thenComparingInt(Edit::to));
    List<String> merged = new ArrayList<>();
    int at = 0;
    for (Edit e : all) {
      merged.addAll(original.subList(at, e.from()));
      merged.addAll(e.lines());
      at = e.to();
    }
    merged.addAll(original.subList(at, original.size()));
    return Optional.of(join(merged));
  }

  /**
   * A unified diff (3 lines of context) from {@code before} to {@code after}, labelled with the
   * path; lines as ISO-8859-1 text, for the caller to escape. Empty when nothing differs.
   */
  public static List<String> unified(String path, byte[] before, byte[] after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Edit> edits =
        edits(a, b).orElse(a.equals(b) ? List.of() : List.of(new Edit(0, a.size(), b)));
    List<String> out = new ArrayList<>();
    if (edits.isEmpty()) {
      return out;
    }
    out.add("--- " + path);
    out.add("+++ " + path);
    int context = 3;
    int k = 0;
    while (k < edits.size()) {
      // Group edits whose context would touch into one hunk.
      int first = k;
      while (k + 1 < edits.size() && edits.get(k + 1).from() - edits.get(k).to() <= 2 * context) {
        k++;
      }
      int last = k++;
      int from = Math.max(0, edits.get(first).from() - context);
      int to = Math.min(a.size(), edits.get(last).to() + context);
      int shift = 0;
      for (int e = 0; e < first; e++) {
        shift += edits.get(e).lines().size() - (edits.get(e).to() - edits.get(e).from());
      }
      int newLength = to - from;
      for (int e = first; e <= last; e++) {
        newLength += edits.get(e).lines().size() - (edits.get(e).to() - edits.get(e).from());
      }
      out.add("@@ -" + range(from, to - from) + " +" + range(from + shift, newLength) + " @@");
      int at = from;
      for (int e = first; e <= last; e++) {
        Edit edit = edits.get(e);
        for (; at < edit.from(); at++) {
          out.add(" " + strip(a.get(at)));
        }
        for (; at < edit.to(); at++) {
          out.add("-" + strip(a.get(at)));
        }
        for (String line : edit.lines()) {
          out.add("+" + strip(line));
        }
      }
      for (; at < to; at++) {
        out.add(" " + strip(a.get(at)));
      }
    }
    return out;
  }

  private static String range(int start, int length) {
    return (length == 0 ? start : start + 1) + "," + length;
  }

  private static String strip(String line) {
    return line.endsWith("\n")
        ? line.substring(0, line.length() - 1)
        : line + "\n\\ No newline at end of file";
  }
}
