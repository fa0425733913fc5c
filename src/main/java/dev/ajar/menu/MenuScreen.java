package dev.ajar.menu;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws a {@link MenuModel} as the lines of one screen of its size, exactly as many as it has rows,
 * none wider than its columns; nothing else. The list: a title, the column header, the rows that
 * fit (the cursor's in reverse video and marked with '>'), two lines about the cursor's row, the
 * message line, and the keys, as ntsysv shows them. A view: its title, its text, and its keys or
 * question. No colour, only reverse video and bold, so NO_COLOR and monochrome terminals need
 * nothing.
 *
 * <p>Every text is drawn through {@link #fit}, which replaces any control character left: the rows'
 * text is escaped already ({@link dev.ajar.model.Text#forTerminal}), this is the last guard.
 */
final class MenuScreen {
  private MenuScreen() {}

  static final int MIN_COLUMNS = 40;
  static final int MIN_ROWS = MenuModel.LIST_CHROME + 2;

  static final String KEYS =
      "Up/Dn j/k move  Space keep/close  p plan  a apply  u undo  ? help  q quit";
  static final String VIEW_KEYS = "Up/Dn PgUp/PgDn scroll  q back";

  private static final AttributedStyle REVERSE = AttributedStyle.INVERSE;
  private static final AttributedStyle BOLD = AttributedStyle.BOLD;

  /** One screen: its lines, and where the terminal's cursor goes. */
  record Frame(List<AttributedString> lines, int cursorRow, int cursorColumn) {
    /** The lines as plain text, for tests. */
    List<String> text() {
      return lines.stream().map(AttributedString::toString).toList();
    }
  }

  static Frame render(MenuModel m) {
    int rows = m.screenRows();
    int cols = m.screenColumns();
    if (rows < MIN_ROWS || cols < MIN_COLUMNS) {
      List<AttributedString> lines = new ArrayList<>();
      lines.add(line(fit("Terminal too small: ajar menu needs 40x8.", cols), null));
      while (lines.size() < rows) {
        lines.add(AttributedString.EMPTY);
      }
      return new Frame(lines, 0, 0);
    }
    return m.mode() == MenuModel.Mode.LIST ? list(m, rows, cols) : view(m, rows, cols);
  }

  private static Frame list(MenuModel m, int rows, int cols) {
    List<AttributedString> lines = new ArrayList<>();
    int height = m.listHeight();
    int n = m.rows().size();
    int end = Math.min(n, m.top() + height);
    String right =
        (n > height
                ? "rows " + (m.top() + 1) + "-" + end + " of " + n
                : n + (n == 1 ? " row" : " rows"))
            + ", "
            + m.closing().size()
            + " to close";
    lines.add(line(spread("ajar menu  " + m.title(), right, cols), BOLD));
    Columns c = Columns.of(cols);
    lines.add(
        line(
            pad(c.row("", "KEEP", "OWNER", "PORTS", "PACKAGE", "EXPOSURE", "RISK"), cols),
            REVERSE));
    for (int i = m.top(); i < end; i++) {
      MenuRow r = m.rows().get(i);
      String mark = !r.closable() ? " - " : m.isClosing(i) ? "[ ]" : "[*]";
      String text =
          c.row(
              i == m.cursor() ? ">" : " ",
              mark,
              r.name(),
              String.join(",", r.ports()),
              r.pkg() == null ? "-" : r.pkg(),
              r.exposure(),
              r.risk() == null ? "-" : r.risk().label());
      AttributedStyle style = i == m.cursor() ? REVERSE : m.isClosing(i) ? BOLD : null;
      lines.add(line(pad(text, cols), style));
    }
    if (n == 0) {
      lines.add(line(fit("  Nothing is open.", cols), null));
    }
    while (lines.size() < 2 + height) {
      lines.add(AttributedString.EMPTY);
    }
    MenuRow r = m.current();
    if (r == null) {
      lines.add(AttributedString.EMPTY);
      lines.add(AttributedString.EMPTY);
    } else {
      String where = r.where().isEmpty() ? "" : r.where() + "; ";
      lines.add(line(fit(r.name() + ": " + where + String.join(", ", r.ports()), cols), null));
      String about =
          !r.closable()
              ? "cannot be closed here: " + r.refusal()
              : r.risk() == null
                  ? "no finding: the audit does not object to it"
                  : r.risk().label() + ": " + r.why();
      lines.add(line(fit(about, cols), null));
    }
    lines.add(line(fit(m.message(), cols), BOLD));
    lines.add(line(pad(KEYS, cols - 1), REVERSE));
    int cursorRow = n == 0 ? 2 : 2 + m.cursor() - m.top();
    return new Frame(lines, cursorRow, 0);
  }

  private static Frame view(MenuModel m, int rows, int cols) {
    List<AttributedString> lines = new ArrayList<>();
    List<String> text = m.viewLines();
    int height = m.viewHeight();
    int end = Math.min(text.size(), m.viewTop() + height);
    String position =
        text.size() > height ? "lines " + (m.viewTop() + 1) + "-" + end + " of " + text.size() : "";
    lines.add(line(pad(spread(m.viewTitle(), position, cols), cols), REVERSE));
    for (int i = m.viewTop(); i < end; i++) {
      lines.add(line(fit(text.get(i), cols), null));
    }
    while (lines.size() < 1 + height) {
      lines.add(AttributedString.EMPTY);
    }
    if (m.mode() == MenuModel.Mode.CONFIRM) {
      String q = m.question() + (text.size() > height ? "  (Up/Dn PgUp/PgDn scroll)" : "");
      lines.add(line(fit(q, cols - 1), BOLD));
      return new Frame(lines, rows - 1, Math.min(cols - 1, m.question().length() + 1));
    }
    lines.add(line(pad(VIEW_KEYS, cols - 1), REVERSE));
    return new Frame(lines, rows - 1, 0);
  }

  /** The list's columns at a width: the owner's takes what the others leave. */
  private record Columns(int owner, int ports, int pkg, int exposure, int risk) {
    static Columns of(int cols) {
      int ports = 15;
      int pkg = 15;
      int exposure = 8;
      int risk = 8;
      int fixed = 5 + ports + 1 + pkg + 1 + exposure + 1 + risk + 1;
      int owner = cols - fixed;
      if (owner < 12) {
        int short_ = 12 - owner;
        pkg = Math.max(5, pkg - short_);
        ports = Math.max(7, ports - Math.max(0, short_ - 10));
        owner = Math.max(6, cols - (5 + ports + 1 + pkg + 1 + exposure + 1 + risk + 1));
      }
      return new Columns(owner, ports, pkg, exposure, risk);
    }

    String row(
        String cursor,
        String mark,
        String owner,
        String ports,
        String pkg,
        String exposure,
        String risk) {
      return cursor
          + (mark.length() > 3 ? mark : fit(mark, 3))
          + " "
          + pad(owner, this.owner)
          + " "
          + pad(ports, this.ports)
          + " "
          + pad(pkg, this.pkg)
          + " "
          + pad(exposure, this.exposure)
          + " "
          + fit(risk, this.risk);
    }
  }

  private static String pad(String s, int width) {
    String f = fit(s, width);
    return f + " ".repeat(Math.max(0, width - new AttributedString(f).columnLength()));
  }

  /** Left and right on one line of {@code cols}, the left cut first. */
  private static String spread(String left, String right, int cols) {
    String r = fit(right, cols);
    int room = cols - new AttributedString(r).columnLength() - 1;
    if (room < 10) {
      return fit(left, cols);
    }
    String l = fit(left, room);
    return pad(l, room) + " " + r;
  }

  /**
   * The text with every control character left replaced by '?', cut to {@code width} columns (the
   * last one an ellipsis when cut).
   */
  static String fit(String s, int width) {
    if (s == null || width <= 0) {
      return "";
    }
    StringBuilder safe = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean control =
          ch < 0x20
              || ch == 0x7f
              || (ch >= 0x80 && ch < 0xa0)
              || (Character.isSurrogate(ch)
                  && !(Character.isHighSurrogate(ch)
                      && i + 1 < s.length()
                      && Character.isLowSurrogate(s.charAt(i + 1))))
              || ch == '\u2028'
              || ch == '\u2029'
              || ch == '\u202e';
      if (control) {
        safe.append('?');
      } else {
        safe.append(ch);
        if (Character.isHighSurrogate(ch)) {
          safe.append(s.charAt(++i));
        }
      }
    }
    AttributedString a = new AttributedString(safe);
    if (a.columnLength() <= width) {
      return safe.toString();
    }
    return a.columnSubSequence(0, width - 1).toString() + "…";
  }

  private static AttributedString line(String text, AttributedStyle style) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    if (style == null) {
      b.append(text);
    } else {
      b.styled(style, text);
    }
    return b.toAttributedString();
  }
}
