package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Apache httpd configuration lines, a pure function on text: directives with their arguments,
 * section openings ("&lt;IfModule ssl_module&gt;") and closings. "#" at the start of a line is a
 * comment; a trailing backslash continues a line; arguments are words or "quoted strings".
 *
 * <pre>
 * &lt;IfModule ssl_module&gt;
 *     Listen 443
 * &lt;/IfModule&gt;
 * </pre>
 */
final class ApacheParser {
  /** A directive ("Listen 80"), a section opening ("&lt;IfModule x&gt;") or closing. */
  record Line(Kind kind, String name, List<String> args, int line) {}

  enum Kind {
    DIRECTIVE,
    OPEN,
    CLOSE,
    MALFORMED
  }

  static List<Line> parse(String text) {
    List<Line> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = lines[i];
      while (line.endsWith("\\") && i + 1 < lines.length) {
        line = line.substring(0, line.length() - 1) + lines[++i];
      }
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.startsWith("</")) {
        if (!s.endsWith(">")) {
          out.add(new Line(Kind.MALFORMED, s, List.of(), number));
        } else {
          out.add(new Line(Kind.CLOSE, s.substring(2, s.length() - 1).strip(), List.of(), number));
        }
      } else if (s.startsWith("<")) {
        if (!s.endsWith(">")) {
          out.add(new Line(Kind.MALFORMED, s, List.of(), number));
        } else {
          List<String> words = words(s.substring(1, s.length() - 1));
          if (words.isEmpty()) {
            out.add(new Line(Kind.MALFORMED, s, List.of(), number));
          } else {
            out.add(new Line(Kind.OPEN, words.getFirst(), words.subList(1, words.size()), number));
          }
        }
      } else {
        List<String> words = words(s);
        out.add(new Line(Kind.DIRECTIVE, words.getFirst(), words.subList(1, words.size()), number));
      }
    }
    return out;
  }

  private static List<String> words(String s) {
    return LineWords.split(s, "\"'", ApacheParser::quoted).orElseThrow();
  }

  /** "..." or '...' as written; a quote not closed runs to the end of the line. */
  private static int quoted(String line, int open, StringBuilder word) {
    int close = line.indexOf(line.charAt(open), open + 1);
    int end = close < 0 ? line.length() : close;
    word.append(line, open + 1, end);
    return end + 1;
  }

  private ApacheParser() {}
}
