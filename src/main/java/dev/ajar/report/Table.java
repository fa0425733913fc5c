package dev.ajar.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table. When it does not fit the width, the flexible columns (given by index) are
 * shortened, the widest first, and cut values end in "…".
 */
final class Table {
  /** A row of cells, or a free line under the row before it. */
  private sealed interface Row permits Cells, Note {}

  /** The cells and their widths in code points, counted once. */
  private record Cells(String[] values, int[] widths) implements Row {}

  private record Note(String text) implements Row {}

  private final String[] header;
  private final List<Row> rows = new ArrayList<>();

  Table(String... header) {
    this.header = header;
  }

  void add(String[] row) {
    int[] widths = new int[row.length];
    for (int i = 0; i < row.length; i++) {
      widths[i] = width(row[i]);
    }
    rows.add(new Cells(row, widths));
  }

  /** Code points; most cells are ASCII, and counting those needs no decoding. */
  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  /** A free line under the last row, cut to the width; not part of the columns. */
  void addNote(String note) {
    rows.add(new Note(note));
  }

  void print(PrintStream out, int width, int... flexible) {
    int n = header.length;
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = header[i].length();
      for (Row row : rows) {
        if (row instanceof Cells c) {
          w[i] = Math.max(w[i], c.widths()[i]);
        }
      }
    }
    int total = n - 1;
    for (int x : w) {
      total += x;
    }
    // Shrink the widest flexible column one step at a time until the table fits.
    while (total > width) {
      int widest = -1;
      for (int f : flexible) {
        if (w[f] > Math.max(8, header[f].length()) && (widest < 0 || w[f] > w[widest])) {
          widest = f;
        }
      }
      if (widest < 0) {
        break;
      }
      w[widest]--;
      total--;
    }
    // The last column is never padded; it takes what is left.
    int lastFits = Math.max(header[n - 1].length(), width - (total - w[n - 1]));
    w[n - 1] = Math.min(w[n - 1], lastFits);
    StringBuilder sb = new StringBuilder(256);
    int[] headerWidths = new int[n];
    for (int i = 0; i < n; i++) {
      headerWidths[i] = width(header[i]);
    }
    // Rows are gathered into one buffer and handed over a chunk at a time: printing each line
    // costs a trip through the PrintStream's encoder, and a loaded host has 30,000 rows.
    StringBuilder text = new StringBuilder(1 << 16);
    printRow(text, sb, header, headerWidths, w);
    for (Row row : rows) {
      switch (row) {
        case Note(String note) -> text.append(fit(note, width(note), width)).append('\n');
        case Cells(String[] r, int[] widths) -> printRow(text, sb, r, widths, w);
      }
      if (text.length() > 1 << 15) {
        out.append(text);
        text.setLength(0);
      }
    }
    out.append(text);
  }

  private static void printRow(
      StringBuilder text, StringBuilder sb, String[] r, int[] widths, int[] w) {
    sb.setLength(0);
    for (int i = 0; i < r.length; i++) {
      String cell = fit(r[i], widths[i], w[i]);
      sb.append(cell);
      if (i < r.length - 1) {
        int pad = w[i] - Math.min(widths[i], w[i]) + 1;
        for (int k = 0; k < pad; k++) {
          sb.append(' ');
        }
      }
    }
    int end = sb.length();
    while (end > 0 && Character.isWhitespace(sb.charAt(end - 1))) {
      end--;
    }
    text.append(sb, 0, end).append('\n');
  }

  private static String fit(String s, int len, int width) {
    if (len <= width) {
      return s;
    }
    int end = s.offsetByCodePoints(0, Math.max(0, width - 1));
    return s.substring(0, end) + "…";
  }
}
