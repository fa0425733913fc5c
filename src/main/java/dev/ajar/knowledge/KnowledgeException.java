package dev.ajar.knowledge;

/**
 * A knowledge file that cannot be used. The message names the file, the line when known, and the
 * field: "services/finger.yaml: line 7: field 'ports[0]': port 70000 is out of range 1..65535".
 */
final class KnowledgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String field;

  public KnowledgeException(String file, int line, String field, String problem) {
    this(file, line, field, problem, null);
  }

  public KnowledgeException(String file, int line, String field, String problem, Throwable cause) {
    super(format(file, line, field, problem), cause);
    this.file = file;
    this.field = field;
  }

  /** The file, as "services/finger.yaml". */
  public String file() {
    return file;
  }

  /** The field, as "ports[0]" or "references[2].kind"; null when the problem is the whole file. */
  public String field() {
    return field;
  }

  private static String format(String file, int line, String field, String problem) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(": line ").append(line);
    }
    if (field != null) {
      sb.append(": field '").append(field).append('\'');
    }
    return sb.append(": ").append(problem).toString();
  }
}
