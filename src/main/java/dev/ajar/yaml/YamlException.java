package dev.ajar.yaml;

import dev.ajar.host.BadInputException;
import dev.ajar.model.Text;

/**
 * A YAML document that cannot be used, named precisely on one line: {@code FILE:LINE:COLUMN: what
 * is wrong (offending value)}. When there is no position (the file itself cannot be read) the
 * message is {@code FILE: what is wrong}.
 */
public class YamlException extends BadInputException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_LENGTH = 60;

  private final String file;
  private final int line;
  private final int column;
  private final String what;
  private final String value;

  /**
   * @param line 1-based, or 0 when the problem has no position
   * @param column 1-based, or 0
   * @param value the offending value as written, or null
   */
  public YamlException(String file, int line, int column, String what, String value) {
    super(format(file, line, column, what, value));
    this.file = file;
    this.line = line;
    this.column = column;
    this.what = what;
    this.value = value;
  }

  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** What is wrong, without the place or the value. */
  public String what() {
    return what;
  }

  /** The offending value as written, or null. */
  public String value() {
    return value;
  }

  /** The message without its place: "what is wrong (offending value)". */
  public String problem() {
    return problem(what, value);
  }

  private static String format(String file, int line, int column, String what, String value) {
    StringBuilder sb = new StringBuilder(oneLine(file, 200));
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    return sb.append(": ").append(problem(what, value)).toString();
  }

  private static String problem(String what, String value) {
    StringBuilder sb = new StringBuilder(oneLine(what, 400));
    if (value != null) {
      sb.append(" (")
          .append(value.isEmpty() ? "empty" : oneLine(value, MAX_VALUE_LENGTH))
          .append(')');
    }
    return sb.toString();
  }

  /** Escaped for a terminal (no newline or control character survives) and shortened. */
  private static String oneLine(String s, int max) {
    String escaped = Text.forTerminal(s);
    if (escaped.codePointCount(0, escaped.length()) <= max) {
      return escaped;
    }
    return escaped.substring(0, escaped.offsetByCodePoints(0, max - 1)) + "…";
  }
}
