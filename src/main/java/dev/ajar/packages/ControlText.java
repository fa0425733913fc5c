package dev.ajar.packages;

import dev.ajar.model.Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splitting a database's bytes into lines, the one way every reader here does it. */
final class ControlText {
  private ControlText() {}

  /**
   * The lines of {@code data}, decoded losslessly ({@link Text#decode}), without their "\n" and
   * without a "\r" before it. A last line without "\n" counts; the empty string after a final "\n"
   * does not.
   */
  static List<String> lines(byte[] data) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = data.length;
    while (start < n) {
      int end = start;
      while (end < n && data[end] != '\n') {
        end++;
      }
      int stop = end;
      if (stop > start && data[stop - 1] == '\r') {
        stop--;
      }
      lines.add(decode(data, start, stop));
      start = end + 1;
    }
    return lines;
  }

  /**
   * As {@link Text#decode}, without its decoder for a line of ASCII bytes (nearly every line of a
   * package database), which decodes to the same string one byte a character.
   */
  static String decode(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] < 0) {
        return Text.decode(data, from, to);
      }
    }
    return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Whether a decoded line holds a NUL or an undecodable byte: binary junk, not text. */
  static boolean isBinary(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == 0 || (c >= 0xDC80 && c <= 0xDCFF)) {
        return true;
      }
    }
    return false;
  }
}
