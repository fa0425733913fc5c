package dev.ajar.knowledge;

/**
 * A knowledge file that cannot be used. The message names the file, the line and column when known,
 * and the field: "services/finger.yaml:7:5: field 'ports[0]': port 70000 is out of range 1..65535".
 */
final class KnowledgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String field;

  /**
   * @param line 1-based, or 0 when the problem has no position
   * @param column 1-based, or 0
   */
  public KnowledgeException(String file, int line, int column, String field, String problem) {
    this(file, line, column, field, problem, null);
  }

  public KnowledgeException(
      String file, int line, int column, String field, String problem, Throwable cause) {
    super(format(file, line, column, field, problem), cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
  }

  /** The file, as "services/finger.yaml". */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  /** The 1-based column, or 0. */
  public int column() {
    return column;
  }

  /** The field, as "ports[0]" or "references[2].kind"; null when the problem is the whole file. */
  public String field() {
    return field;
  }

  private static String format(String file, int line, int column, String field, String problem) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    if (field != null) {
      sb.append(": field '").append(field).append('\'');
    }
    return sb.append(": ").append(problem).toString();
  }
}
