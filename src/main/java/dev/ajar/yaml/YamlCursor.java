package dev.ajar.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
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
 * The one way ajar reads YAML (policies, the knowledge files): Jackson's YAML token stream with the
 * position of every token, turning every failure into a {@link YamlException} at the place it
 * concerns.
 *
 * <p>Configured once, here: YAML 1.2's core schema ({@code ~}, {@code null}, {@code Null} and
 * {@code NULL} are null, an empty value is the empty text; {@code true} and {@code false} in those
 * three spellings are booleans, so {@code yes}, {@code no}, {@code on} and {@code off} are text as
 * they were not in YAML 1.1; {@code 22}, {@code 0o17}, {@code 0x16} and {@code 1e3} are numbers,
 * {@code 21/tcp} and {@code 1_000} text), limits on nesting and on the length of a scalar or a key,
 * and refusals as the tokens come: an alias (never expanded, so a "billion laughs" document stops
 * at its first {@code *}), a tag, a merge key ({@code <<}) and a key given twice in one mapping.
 */
public final class YamlCursor implements AutoCloseable {
  /** Mappings and lists nest at most this deep. */
  public static final int MAX_DEPTH = 64;

  /** A scalar or a key holds at most this many characters. */
  public static final int MAX_SCALAR_CHARS = 1 << 20;

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          // "" and an empty value stay strings; only ~ and null (Null, NULL) are null.
          .disable(YAMLReadFeature.EMPTY_STRING_AS_NULL)
          // YAML 1.2's core schema: ~, null and Null are null; true/false are booleans.
          .yamlSchema(YAMLSchema.CORE)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(MAX_SCALAR_CHARS)
                  .maxNameLength(MAX_SCALAR_CHARS)
                  .build())
          .build();

  private final String file;
  private final String text;
  private final String noun;
  private final YAMLParser parser;

  /** The keys of each open mapping, innermost first, with where each was given. */
  private final Deque<Map<String, int[]>> keys = new ArrayDeque<>();

  private JsonToken token;
  private int line = 1;
  private int column = 1;

  /**
   * @param file how messages name the document, e.g. "policy.yaml"
   * @param text the document (a leading byte order mark is dropped)
   * @param noun what the document is, as messages say it: "a policy", "a knowledge file"
   */
  public YamlCursor(String file, String text, String noun) {
    this.file = file;
    this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    this.noun = noun;
    try {
      this.parser = (YAMLParser) FACTORY.createParser(ObjectReadContext.empty(), this.text);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** Strict UTF-8; the first bad byte is named with its line and column. */
  public static String decode(String file, byte[] data) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(data);
    CharBuffer out = CharBuffer.allocate(data.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      out.flip();
      String before = out.toString();
      int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
      String last = before.substring(before.lastIndexOf('\n') + 1);
      throw new YamlException(
          file,
          line,
          last.codePointCount(0, last.length()) + 1,
          "not UTF-8 text",
          String.format("byte 0x%02x", data[in.position()] & 0xff));
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  public String file() {
    return file;
  }

  /** Moves to the next token (null at the end of the stream). */
  public JsonToken next() {
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
      throw error(
          "YAML aliases are not allowed in " + noun + " (write the value out)",
          "*" + parser.getString());
    }
    String tag = parser.getRawTag();
    if (tag != null) {
      throw error("YAML tags are not allowed in " + noun, shortTag(tag));
    }
    switch (token) {
      case START_OBJECT -> keys.push(new HashMap<>());
      case END_OBJECT -> keys.pop();
      case PROPERTY_NAME -> key(parser.getString());
      default -> {}
    }
    return token;
  }

  private void key(String key) {
    int[] before = keys.element().putIfAbsent(key, new int[] {line, column});
    if (before != null) {
      throw error(
          "duplicate key: "
              + key
              + " is already given at line "
              + before[0]
              + ", column "
              + before[1],
          key);
    }
    if (key.equals("<<")) {
      throw error("YAML merge keys are not allowed in " + noun, key);
    }
  }

  public JsonToken token() {
    return token;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The text of a scalar or a key. */
  public String text() {
    return parser.getString();
  }

  public boolean isScalar() {
    return token != null && token.isScalarValue();
  }

  /** The current token as an error message shows it: its text, or what kind of thing it is. */
  public String shown() {
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

  /** A problem at the current token. */
  public YamlException error(String what, String value) {
    return new YamlException(file, line, column, what, value);
  }

  public YamlException errorAt(int atLine, int atColumn, String what, String value) {
    return new YamlException(file, atLine, atColumn, what, value);
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
  private YamlException translate(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
        Mark mark = m.getProblemMark().get();
        String problem =
            m.getProblem() == null
                ? ""
                : m.getProblem()
                    .replace("character '\\t(TAB)'", "a tab")
                    .replace("\\t(TAB)", "tabs");
        String context = m.getContext() == null ? "" : m.getContext() + ": ";
        if (problem.endsWith("but found ':'")) {
          problem += "; quote a value that starts with ':', such as '::1'";
        }
        return new YamlException(
            file,
            mark.getLine() + 1,
            mark.getColumn() + 1,
            "not valid YAML: " + flatten(context + problem),
            null);
      }
      if (t instanceof ReaderException r) {
        int[] lc = lineAndColumn(r.getPosition());
        return new YamlException(
            file,
            lc[0],
            lc[1],
            "not valid YAML: character not allowed",
            String.format("U+%04X", r.getCodePoint()));
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
    return new YamlException(
        file,
        atLine,
        atColumn,
        "not valid YAML: " + flatten(Optional.ofNullable(message).orElse(e.toString())),
        null);
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
