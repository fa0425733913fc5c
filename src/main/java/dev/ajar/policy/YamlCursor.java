package dev.ajar.policy;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.dataformat.yaml.YAMLReadFeature;
import tools.jackson.dataformat.yaml.YAMLSchema;

/**
 * Jackson's YAML token stream with the position of every token, turning every failure into a
 * {@link PolicyException} at the place it concerns. Aliases and tags are refused as they come:
 * an alias is never expanded, so a "billion laughs" document stops at its first {@code *}.
 */
final class YamlCursor implements AutoCloseable {
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          // "" and an empty value stay strings; only ~ and null are null.
          .disable(YAMLReadFeature.EMPTY_STRING_AS_NULL)
          // YAML 1.2's core schema: ~, null and Null are null; true/false are booleans.
          .yamlSchema(YAMLSchema.CORE)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(PolicyParser.MAX_FILE_BYTES)
                  .maxNameLength(PolicyParser.MAX_FILE_BYTES)
                  .build())
          .build();

  private final String file;
  private final String text;
  private final YAMLParser parser;
  private JsonToken token;
  private int line = 1;
  private int column = 1;

  YamlCursor(String file, String text) {
    this.file = file;
    this.text = text;
    try {
      this.parser = (YAMLParser) FACTORY.createParser(ObjectReadContext.empty(), text);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  String file() {
    return file;
  }

  /** Moves to the next token (null at the end of the stream). */
  JsonToken next() {
    try {
      token = parser.nextToken();
    } catch (RuntimeException e) {
      // JacksonException, or whatever else the YAML parser may throw on hostile text
      throw translate(e);
    }
    TokenStreamLocation at = parser.currentTokenLocation();
    if (at.getLineNr() > 0) {
      line = at.getLineNr();
      column = at.getColumnNr();
    }
    if (token == null) {
      return null;
    }
    if (parser.isCurrentAlias()) {
      throw error("YAML aliases are not allowed in a policy (write the value out)",
          "*" + parser.getString());
    }
    String tag = parser.getRawTag();
    if (tag != null) {
      throw error("YAML tags are not allowed in a policy", shortTag(tag));
    }
    return token;
  }

  JsonToken token() {
    return token;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  /** The text of a scalar or a key. */
  String text() {
    return parser.getString();
  }

  boolean isScalar() {
    return token != null && token.isScalarValue();
  }

  /** The current token as an error message shows it: its text, or what kind of thing it is. */
  String shown() {
    if (token == null) {
      return "end of file";
    }
    return switch (token) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_NULL -> "null";
      case END_OBJECT, END_ARRAY -> "nothing";
      default -> text();
    };
  }

  PolicyException error(String what, String value) {
    return new PolicyException(file, line, column, what, value);
  }

  PolicyException errorAt(int atLine, int atColumn, String what, String value) {
    return new PolicyException(file, atLine, atColumn, what, value);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (JacksonException e) {
      // Nothing is left to read; closing a string reader does not fail.
    }
  }

  private static String shortTag(String tag) {
    return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag;
  }

  /** The YAML parser's own message at the YAML parser's own position. */
  private PolicyException translate(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
        Mark mark = m.getProblemMark().get();
        String problem = m.getProblem() == null ? "" : m.getProblem()
            .replace("character '\\t(TAB)'", "a tab")
            .replace("\\t(TAB)", "tabs");
        String context = m.getContext() == null ? "" : m.getContext() + ": ";
        if (problem.endsWith("but found ':'")) {
          problem += "; quote a value that starts with ':', such as '::1'";
        }
        return new PolicyException(file, mark.getLine() + 1, mark.getColumn() + 1,
            "not valid YAML: " + flatten(context + problem), null);
      }
      if (t instanceof ReaderException r) {
        int[] lc = lineAndColumn(r.getPosition());
        return new PolicyException(file, lc[0], lc[1],
            "not valid YAML: character not allowed", String.format("U+%04X", r.getCodePoint()));
      }
    }
    int atLine = line;
    int atColumn = column;
    String message = e.getMessage();
    if (e instanceof JacksonException j) {
      message = j.getOriginalMessage();
      TokenStreamLocation at = j.getLocation();
      if (at != null && at.getLineNr() > 0) {
        atLine = at.getLineNr();
        atColumn = at.getColumnNr();
      }
    }
    if (message != null && message.startsWith("Expected a property name")) {
      message = "a key must be a plain name, not a list or a mapping";
    }
    return new PolicyException(file, atLine, atColumn,
        "not valid YAML: " + flatten(Optional.ofNullable(message).orElse(e.toString())), null);
  }

  private static String flatten(String message) {
    return message.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  /** 1-based line and column of a code point index of the text. */
  private int[] lineAndColumn(int codePointIndex) {
    int lineNr = 1;
    int col = 1;
    int cp = 0;
    for (int i = 0; i < text.length() && cp < codePointIndex; cp++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        lineNr++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {lineNr, col};
  }
}
