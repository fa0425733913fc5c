package dev.ajar.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that a process chose for itself (its name, its command line) is hostile: it may hold
 * terminal escape sequences, newlines or bytes that are not UTF-8. It is decoded without loss, each
 * invalid byte kept as a lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"), and escaped on
 * the way out by {@link #forTerminal} or {@link #forJson}.
 */
public final class Text {
  private Text() {}

  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  public static String decode(byte[] bytes, int from, int to) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.allocate(to - from);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isUnderflow()) {
        break;
      }
      for (int i = 0; i < r.length(); i++) {
        out.put((char) (0xDC00 | (in.get() & 0xff)));
      }
    }
    out.flip();
    return out.toString();
  }

  private static boolean hasSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Escapes control characters and undecodable bytes as \n, \t, \xNN; a backslash as \\. */
  public static String forTerminal(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && validPair(s, i)) {
        if (sb != null) {
          sb.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      String esc = escape(c);
      if (esc != null && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (esc != null) {
          sb.append(esc);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * For JSON, where the encoder escapes control characters itself: only undecodable bytes are
   * replaced, by the four characters \xNN.
   */
  public static String forJson(String s) {
    if (!hasSurrogate(s)) {
      return s; // nearly always: nothing to replace, nothing to copy
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && validPair(s, i)) {
        // A whole supplementary character: its low half may lie in U+DC80..U+DCFF too.
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append(String.format("\\x%02x", (int) c & 0xff));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static boolean isEscapedByte(char c) {
    return c >= 0xDC80 && c <= 0xDCFF;
  }

  private static String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      case '\r' -> "\\r";
      case '\\' -> "\\\\";
      default -> {
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
          yield String.format("\\x%02x", (int) c);
        }
        if (isEscapedByte(c)) {
          yield String.format("\\x%02x", (int) c & 0xff);
        }
        if (Character.isSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u202e') {
          // Stray surrogates and bidi/line separators can reorder or break the terminal line.
          yield String.format("\\u%04x", (int) c);
        }
        yield null;
      }
    };
  }
}
