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

  private record Cells(String[] values) implements Row {}

  private record Note(String text) implements Row {}

  private final String[] header;
  private final List<Row> rows = new ArrayList<>();

  Table(String... header) {
    this.header = header;
  }

  void add(String[] row) {
    rows.add(new Cells(row));
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
        if (row instanceof Cells(String[] r)) {
          w[i] = Math.max(w[i], r[i].codePointCount(0, r[i].length()));
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
    printRow(out, header, w);
    for (Row row : rows) {
      switch (row) {
        case Note(String text) -> out.println(fit(text, width));
        case Cells(String[] r) -> printRow(out, r, w);
      }
    }
  }

  private static void printRow(PrintStream out, String[] r, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.length; i++) {
      String cell = fit(r[i], w[i]);
      sb.append(cell);
      if (i < r.length - 1) {
        sb.append(" ".repeat(w[i] - cell.codePointCount(0, cell.length()) + 1));
      }
    }
    out.println(sb.toString().stripTrailing());
  }

  private static String fit(String s, int width) {
    int len = s.codePointCount(0, s.length());
    if (len <= width) {
      return s;
    }
    int end = s.offsetByCodePoints(0, Math.max(0, width - 1));
    return s.substring(0, end) + "…";
  }
}
