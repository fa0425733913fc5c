package dev.ajar.menu;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the menu shows and where it is, without a terminal: the rows, the cursor and the first row
 * on screen, which rows are marked to close, the message line, and the text view (the plan, help,
 * what a change did) with its question when it asks one. Every move keeps the cursor on a row and
 * on screen; {@link #resize} gives the size the pages and the view's wrapping follow.
 *
 * <p>The marks are indices into the rows: new rows (after a change, read again) clear them.
 */
final class MenuModel {
  /** Lines of the list screen that are not rows: title, header, two detail lines, message, keys. */
  static final int LIST_CHROME = 6;

  /** Lines of the text view that are not text: its title and its key line or question. */
  static final int VIEW_CHROME = 2;

  enum Mode {
    LIST,
    /** A text to read: the plan, the help, what a change did. */
    VIEW,
    /** A text and a y/N question about it. */
    CONFIRM
  }

  /** What a yes to the question does. */
  enum Pending {
    APPLY,
    UNDO
  }

  private final String title;
  private List<MenuRow> rows = List.of();
  private final TreeSet<Integer> closing = new TreeSet<>();
  private int cursor;
  private int top;
  private int screenRows = 24;
  private int screenColumns = 80;
  private String message = "";
  private Mode mode = Mode.LIST;
  private String viewTitle = "";
  private List<String> viewText = List.of();
  private List<String> viewLines = List.of();
  private int viewTop;
  private String question;
  private Pending pending;
  private boolean done;

  /**
   * @param title what is shown: "this host (/): listening now", "/srv/image: its next boot"
   */
  MenuModel(String title, List<MenuRow> rows) {
    this.title = title;
    setRows(rows);
  }

  /** New rows (read again after a change): marks cleared, the cursor kept where it can be. */
  void setRows(List<MenuRow> rows) {
    this.rows = List.copyOf(rows);
    closing.clear();
    cursor = Math.max(0, Math.min(cursor, this.rows.size() - 1));
    scrollToCursor();
  }

  /** The terminal's size: pages are the lines the list (or the view) has on it. */
  void resize(int rows, int columns) {
    screenRows = Math.max(1, rows);
    screenColumns = Math.max(1, columns);
    viewLines = wrap(viewText, screenColumns);
    viewTop = Math.max(0, Math.min(viewTop, maxViewTop()));
    scrollToCursor();
  }

  // ---- navigation: the cursor in the list, the first line in a view

  void up() {
    move(-1);
  }

  void down() {
    move(1);
  }

  void pageUp() {
    move(-page());
  }

  void pageDown() {
    move(page());
  }

  void first() {
    move(Integer.MIN_VALUE / 2);
  }

  void last() {
    move(Integer.MAX_VALUE / 2);
  }

  private void move(int by) {
    if (mode == Mode.LIST) {
      if (rows.isEmpty()) {
        return;
      }
      cursor = clamp((long) cursor + by, rows.size() - 1);
      scrollToCursor();
    } else {
      viewTop = clamp((long) viewTop + by, maxViewTop());
    }
  }

  private static int clamp(long value, int max) {
    return (int) Math.max(0, Math.min(value, Math.max(0, max)));
  }

  private int page() {
    return Math.max(1, mode == Mode.LIST ? listHeight() : viewHeight());
  }

  private void scrollToCursor() {
    int height = Math.max(1, listHeight());
    if (cursor < top) {
      top = cursor;
    } else if (cursor >= top + height) {
      top = cursor - height + 1;
    }
    top = Math.max(0, Math.min(top, Math.max(0, rows.size() - height)));
  }

  private int maxViewTop() {
    return Math.max(0, viewLines.size() - viewHeight());
  }

  // ---- marks

  /**
   * Space: marks the row under the cursor to close, or to keep again; says why not when it can't.
   */
  void toggle() {
    if (rows.isEmpty()) {
      message = "Nothing is open.";
      return;
    }
    MenuRow row = rows.get(cursor);
    if (!row.closable()) {
      message = row.name() + " cannot be closed here: " + row.refusal();
    } else if (closing.remove(cursor)) {
      message = row.name() + ": kept open.";
    } else {
      closing.add(cursor);
      message = row.name() + ": to be closed (p shows the plan, a applies it).";
    }
  }

  boolean isClosing(int row) {
    return closing.contains(row);
  }

  /** The rows marked to close, in list order. */
  List<MenuRow> closing() {
    List<MenuRow> marked = new ArrayList<>();
    closing.forEach(i -> marked.add(rows.get(i)));
    return marked;
  }

  // ---- the text view and its question

  void show(String title, List<String> text) {
    open(Mode.VIEW, title, text, null, null);
  }

  void ask(String title, List<String> text, String question, Pending pending) {
    open(Mode.CONFIRM, title, text, question, pending);
  }

  private void open(Mode mode, String title, List<String> text, String question, Pending pending) {
    this.mode = mode;
    this.viewTitle = title;
    this.viewText = List.copyOf(text);
    this.viewLines = wrap(viewText, screenColumns);
    this.viewTop = 0;
    this.question = question;
    this.pending = pending;
  }

  /** Back to the list (q in a view; an answer to the question). */
  void back() {
    mode = Mode.LIST;
    question = null;
    pending = null;
  }

  /** The answer yes: what it was to, and back to the list. */
  Pending confirm() {
    Pending p = pending;
    back();
    return p;
  }

  void quit() {
    done = true;
  }

  void message(String text) {
    message = text == null ? "" : text;
  }

  /** Lines longer than the screen go on on the next, indented two more than the first. */
  static List<String> wrap(List<String> text, int columns) {
    List<String> lines = new ArrayList<>();
    for (String line : text) {
      String prefix = line.substring(0, line.length() - line.stripLeading().length()) + "  ";
      if (prefix.length() >= columns / 2) {
        prefix = "";
      }
      String rest = line;
      int keep = 0; // the continuation's prefix is not a place to cut
      while (rest != null && rest.length() > columns) {
        int cut = rest.lastIndexOf(' ', columns);
        if (cut <= keep) {
          cut = columns;
        }
        lines.add(rest.substring(0, cut));
        String tail = rest.substring(cut).stripLeading();
        rest = tail.isEmpty() ? null : prefix + tail;
        keep = prefix.length();
      }
      if (rest != null) {
        lines.add(rest);
      }
    }
    return lines;
  }

  // ---- what the screen draws

  String title() {
    return title;
  }

  List<MenuRow> rows() {
    return rows;
  }

  int cursor() {
    return cursor;
  }

  /** The cursor's row, or null when nothing is open. */
  MenuRow current() {
    return rows.isEmpty() ? null : rows.get(cursor);
  }

  int top() {
    return top;
  }

  int screenRows() {
    return screenRows;
  }

  int screenColumns() {
    return screenColumns;
  }

  int listHeight() {
    return screenRows - LIST_CHROME;
  }

  int viewHeight() {
    return screenRows - VIEW_CHROME;
  }

  String message() {
    return message;
  }

  Mode mode() {
    return mode;
  }

  String viewTitle() {
    return viewTitle;
  }

  /** The view's text as wrapped for the screen. */
  List<String> viewLines() {
    return viewLines;
  }

  int viewTop() {
    return viewTop;
  }

  String question() {
    return question;
  }

  Pending pending() {
    return pending;
  }

  boolean done() {
    return done;
  }
}
