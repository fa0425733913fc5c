package dev.ajar.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonToken;

/** The reader itself; PolicyParserTest and KnowledgeLoaderTest hold its messages in context. */
class YamlCursorTest {

  private static List<String> tokens(String yaml) {
    List<String> tokens = new ArrayList<>();
    try (YamlCursor in = new YamlCursor("t.yaml", yaml, "a test")) {
      for (JsonToken t = in.next(); t != null; t = in.next()) {
        tokens.add(
            in.line()
                + ":"
                + in.column()
                + " "
                + t
                + (t.isScalarValue() || t == JsonToken.PROPERTY_NAME ? " " + in.text() : ""));
      }
    }
    return tokens;
  }

  @Test
  void theCoreSchemaDecidesWhatIsTextNumberBooleanOrNull() {
    assertThat(tokens("[yes, off, 0777, 0o17, 21/tcp, True, Null, ~, '', 1e3]"))
        .containsExactly(
            "1:1 START_ARRAY",
            "1:2 VALUE_STRING yes",
            "1:7 VALUE_STRING off",
            "1:12 VALUE_NUMBER_INT 0777",
            "1:18 VALUE_NUMBER_INT 0o17",
            "1:24 VALUE_STRING 21/tcp",
            "1:32 VALUE_TRUE True",
            "1:38 VALUE_NULL Null",
            "1:44 VALUE_NULL ~",
            "1:47 VALUE_STRING ",
            "1:51 VALUE_NUMBER_FLOAT 1e3",
            "1:54 END_ARRAY");
    assertThat(tokens("a:\n")).contains("1:3 VALUE_STRING ");
  }

  @Test
  void aKeyMayRepeatInAnotherMappingButNotInItsOwn() {
    assertThat(tokens("- {kind: a, sub: {kind: b}}\n- {kind: c}\n")).hasSize(15);
    assertThatThrownBy(() -> tokens("- {kind: a, sub: {kind: b}, kind: c}\n"))
        .isInstanceOf(YamlException.class)
        .hasMessage("t.yaml:1:29: duplicate key: kind is already given at line 1, column 4 (kind)");
  }

  @Test
  void aByteOrderMarkIsDropped() {
    assertThat(tokens("\uFEFFa: 1")).first().isEqualTo("1:1 START_OBJECT");
  }

  @Test
  void nestingIsLimited() {
    String deep = "[".repeat(YamlCursor.MAX_DEPTH + 1) + "]".repeat(YamlCursor.MAX_DEPTH + 1);
    assertThat(tokens("[".repeat(YamlCursor.MAX_DEPTH) + "]".repeat(YamlCursor.MAX_DEPTH)))
        .hasSize(2 * YamlCursor.MAX_DEPTH);
    assertThatThrownBy(() -> tokens(deep))
        .isInstanceOf(YamlException.class)
        .hasMessageStartingWith("t.yaml:1:")
        .hasMessageContaining("not valid YAML")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void strictUtf8NamesTheFirstBadByte() {
    assertThat(
            YamlCursor.decode("t.yaml", "a: é".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("a: é");
    assertThatThrownBy(() -> YamlCursor.decode("t.yaml", new byte[] {'a', '\n', 'b', (byte) 0xc3}))
        .isInstanceOf(YamlException.class)
        .hasMessage("t.yaml:2:2: not UTF-8 text (byte 0xc3)")
        .satisfies(
            e -> assertThat(((YamlException) e).problem()).isEqualTo("not UTF-8 text (byte 0xc3)"));
  }
}
