package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pure parsing of ProFTPD's Apache-like configuration lines: a directive and its arguments, double
 * quotes grouping words, "#" lines as comments, a trailing backslash continuing a line. Section
 * tags keep their "&lt;" (or "&lt;/") and lose their "&gt;".
 *
 * <pre>
 * &lt;VirtualHost 192.0.2.1 "ftp.example.org"&gt;
 *   Port 2121
 * &lt;/VirtualHost&gt;
 * </pre>
 *
 * @param error why the line could not be read, or null
 */
record ApacheStyleLine(int number, String directive, List<String> args, String error) {
  static List<ApacheStyleLine> parse(String text) {
    List<ApacheStyleLine> out = new ArrayList<>();
    String[] physical = text.split("\n", -1);
    for (int i = 0; i < physical.length; i++) {
      int number = i + 1;
      StringBuilder joined = new StringBuilder(physical[i].strip());
      while (joined.length() > 0
          && joined.charAt(joined.length() - 1) == '\\'
          && i + 1 < physical.length) {
        joined.setLength(joined.length() - 1);
        joined.append(' ').append(physical[++i].strip());
      }
      String line = joined.toString().strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("<")) {
        if (!line.endsWith(">")) {
          out.add(new ApacheStyleLine(number, "", List.of(), "section tag without '>': " + line));
          continue;
        }
        line = line.substring(0, line.length() - 1);
      }
      Optional<List<String>> split = LineWords.split(line, "\"", ApacheStyleLine::quoted);
      if (split.isEmpty() || split.get().isEmpty()) {
        String error = split.isEmpty() ? "unterminated quote" : "empty";
        out.add(new ApacheStyleLine(number, "", List.of(), error));
        continue;
      }
      List<String> words = split.get();
      out.add(new ApacheStyleLine(number, words.get(0), words.subList(1, words.size()), null));
    }
    return out;
  }

  /** "..." as written. */
  private static int quoted(String line, int open, StringBuilder word) {
    int close = line.indexOf('"', open + 1);
    if (close < 0) {
      return -1;
    }
    word.append(line, open + 1, close);
    return close + 1;
  }
}
