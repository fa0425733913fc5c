package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parsing of named.conf(5) text into nested statements: words, quoted strings, blocks in
 * braces, statements ended by ";", comments in C, C++ and shell style. Includes are not followed
 * here (the reader splices them in).
 *
 * <pre>
 * options {
 *     listen-on port 53 { 127.0.0.1; !10.0.0.1; any; };   // comment
 * };
 * </pre>
 */
final class NamedConfParser {
  private NamedConfParser() {}

  /** A word or string with where it was written. */
  record Token(String text, boolean quoted, String file, int line) implements Element {}

  /** Statements between braces. */
  record Block(List<Statement> statements) implements Element {}

  /** A token or a block. */
  sealed interface Element permits Token, Block {}

  /** One statement: its elements up to the ";". */
  record Statement(List<Element> elements) {
    Token first() {
      return (Token) elements.get(0);
    }

    String keyword() {
      return elements.isEmpty() || !(elements.get(0) instanceof Token t) ? "" : t.text();
    }

    /** The first block of the statement, or null. */
    Block block() {
      for (Element e : elements) {
        if (e instanceof Block b) {
          return b;
        }
      }
      return null;
    }
  }

  /** The statements of a file and the syntax errors found, as "LINE: message". */
  record Parsed(List<Statement> statements, List<String> errors) {}

  static Parsed parse(String file, String text) {
    List<String> errors = new ArrayList<>();
    List<Object> tokens = tokenize(file, text, errors);
    int[] position = {0};
    List<Statement> statements = statements(tokens, position, false, errors);
    return new Parsed(statements, errors);
  }

  private static final Object OPEN = "{";
  private static final Object CLOSE = "}";
  private static final Object END = ";";

  /** Tokens, with the punctuation as the markers above (each followed by its line). */
  private static List<Object> tokenize(String file, String text, List<String> errors) {
    List<Object> tokens = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        int stop = close < 0 ? n : close + 2;
        if (close < 0) {
          errors.add(line + ": unterminated comment");
        }
        for (int k = i; k < stop; k++) {
          if (text.charAt(k) == '\n') {
            line++;
          }
        }
        i = stop;
      } else if (c == '{' || c == '}' || c == ';') {
        tokens.add(c == '{' ? OPEN : c == '}' ? CLOSE : END);
        tokens.add(line);
        i++;
      } else if (c == '"') {
        StringBuilder s = new StringBuilder();
        int start = line;
        i++;
        while (i < n && text.charAt(i) != '"') {
          char d = text.charAt(i);
          if (d == '\\' && i + 1 < n) {
            d = text.charAt(++i);
          }
          if (d == '\n') {
            line++;
          }
          s.append(d);
          i++;
        }
        if (i >= n) {
          errors.add(start + ": unterminated string");
        }
        i++;
        tokens.add(new Token(s.toString(), true, file, start));
      } else {
        int start = i;
        while (i < n
            && !Character.isWhitespace(text.charAt(i))
            && "{};\"".indexOf(text.charAt(i)) < 0
            && !text.startsWith("//", i)
            && !text.startsWith("/*", i)
            && text.charAt(i) != '#') {
          i++;
        }
        tokens.add(new Token(text.substring(start, i), false, file, line));
      }
    }
    return tokens;
  }

  private static List<Statement> statements(
      List<Object> tokens, int[] pos, boolean inBlock, List<String> errors) {
    List<Statement> statements = new ArrayList<>();
    List<Element> current = new ArrayList<>();
    int lastLine = 1;
    while (pos[0] < tokens.size()) {
      Object t = tokens.get(pos[0]++);
      if (t instanceof Token token) {
        current.add(token);
        lastLine = token.line();
        continue;
      }
      lastLine = (Integer) tokens.get(pos[0]++);
      if (t == END) {
        if (!current.isEmpty()) {
          statements.add(new Statement(List.copyOf(current)));
          current.clear();
        }
      } else if (t == OPEN) {
        current.add(new Block(statements(tokens, pos, true, errors)));
      } else {
        if (!inBlock) {
          errors.add(lastLine + ": unexpected '}'");
          continue;
        }
        if (!current.isEmpty()) {
          errors.add(lastLine + ": missing ';' before '}'");
          statements.add(new Statement(List.copyOf(current)));
        }
        return statements;
      }
    }
    if (inBlock) {
      errors.add(lastLine + ": missing '}' at end of file");
    }
    if (!current.isEmpty()) {
      errors.add(lastLine + ": missing ';' at end of file");
      statements.add(new Statement(List.copyOf(current)));
    }
    return statements;
  }
}
