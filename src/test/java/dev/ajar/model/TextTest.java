package dev.ajar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void escapeSequencesAndNewlinesAreShownNotObeyed() {
    String name = Text.decode("evil\u001b[2J\nroot".getBytes(StandardCharsets.UTF_8));
    assertThat(Text.forTerminal(name)).isEqualTo("evil\\x1b[2J\\nroot");
  }

  @Test
  void invalidUtf8BytesBecomeHexEscapes() {
    byte[] raw = {'a', (byte) 0xff, (byte) 0xc3, 'b'};
    String s = Text.decode(raw);
    assertThat(Text.forTerminal(s)).isEqualTo("a\\xff\\xc3b");
    assertThat(Text.forJson(s)).isEqualTo("a\\xffb".replace("b", "\\xc3b"));
  }

  @Test
  void validUnicodeIsKept() {
    String s = Text.decode("café 日本 🚀".getBytes(StandardCharsets.UTF_8));
    assertThat(Text.forTerminal(s)).isEqualTo("café 日本 🚀");
    assertThat(Text.forJson(s)).isEqualTo("café 日本 🚀");
  }

  @Test
  void c1ControlsAndBidiOverridesAreEscaped() {
    assertThat(Text.forTerminal("a\u009bb\u202ec")).isEqualTo("a\\x9bb\\u202ec");
  }

  @Property
  void terminalTextNeverHoldsAControlCharacter(@ForAll byte[] raw) {
    String out = Text.forTerminal(Text.decode(raw));
    assertThat(out.chars()).noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0));
    assertThat(loneSurrogates(out)).isZero();
  }

  @Property
  void jsonTextIsAlwaysWellFormedUtf16(@ForAll byte[] raw) {
    assertThat(loneSurrogates(Text.forJson(Text.decode(raw)))).isZero();
  }

  @Test
  void aSupplementaryCharacterWhoseLowHalfLooksLikeAnEscapedByteIsKept() {
    // F3 BF B3 BF is U+FFCFF, whose UTF-16 low half is U+DCFF.
    String s =
        Text.decode(new byte[] {(byte) 0xf3, (byte) 0xbf, (byte) 0xb3, (byte) 0xbf, (byte) 0xff});
    assertThat(Text.forJson(s)).isEqualTo(new String(Character.toChars(0xFFCFF)) + "\\xff");
    assertThat(Text.forTerminal(s)).isEqualTo(new String(Character.toChars(0xFFCFF)) + "\\xff");
  }

  /** Surrogates that are not half of a valid pair. */
  static long loneSurrogates(String s) {
    long lone = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        lone++;
      }
    }
    return lone;
  }

  @Property
  void decodingValidUtf8IsLossless(@ForAll String s) {
    String clean =
        s.codePoints()
            .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    assertThat(Text.decode(clean.getBytes(StandardCharsets.UTF_8))).isEqualTo(clean);
  }
}
