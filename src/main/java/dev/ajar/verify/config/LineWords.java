package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of a directive line, for the formats that split at white space (apache, proftpd,
 * redis): a bare word runs to the next white space; a word that opens with a quote is read by the
 * format's own rule for quoted words, which is where those formats differ.
 */
final class LineWords {
  /** A format's rule for one quoted word. */
  @FunctionalInterface
  interface QuotedWord {
    /**
     * Appends the text of the word whose quote is at {@code open} to {@code word}; returns where
     * the line goes on after it, or -1 when the quote is not closed and the line is unreadable.
     */
    int read(String line, int open, StringBuilder word);
  }

  private LineWords() {}

  /** The words, or empty when {@code quoted} found a quote not closed. */
  static Optional<List<String>> split(String line, String quotes, QuotedWord quoted) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (quotes.indexOf(c) >= 0) {
        StringBuilder word = new StringBuilder();
        i = quoted.read(line, i, word);
        if (i < 0) {
          return Optional.empty();
        }
        out.add(word.toString());
      } else {
        int end = i;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
          end++;
        }
        out.add(line.substring(i, end));
        i = end;
      }
    }
    return Optional.of(List.copyOf(out));
  }
}
