package dev.ajar.verify.config;

import java.util.ArrayList;
import java.util.List;

/**
 * nginx configuration text as a tree of directives, a pure function on text. Tokens are words or
 * quoted strings ("..." and '...', backslash escapes); "#" starts a comment where a token could
 * start; ";" ends a simple directive, "{" ... "}" holds a block's directives.
 *
 * <pre>
 * server {
 *     listen 80 default_server;   # a comment
 *     listen [::]:80 default_server;
 * }
 * </pre>
 */
final class NginxParser {
  /** A directive; {@code block} is null for a simple one ("listen 80;"). */
  record Directive(String name, List<String> args, int line, List<Directive> block) {}

  /** A syntax error at a 1-based line. */
  record Error(int line, String message) {}

  /** The directives and the errors (after an error the rest of the block is still used). */
  record Result(List<Directive> directives, List<Error> errors) {}

  private record Token(String text, int line, boolean quoted) {}

  private final List<Token> tokens;
  private final List<Error> errors = new ArrayList<>();
  private int next;

  private NginxParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Result parse(String text) {
    List<Error> lexErrors = new ArrayList<>();
    NginxParser parser = new NginxParser(tokenize(text, lexErrors));
    parser.errors.addAll(lexErrors);
    List<Directive> top = parser.block(false);
    return new Result(top, List.copyOf(parser.errors));
  }

  private List<Directive> block(boolean nested) {
    List<Directive> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int start = 0;
    while (next < tokens.size()) {
      Token t = tokens.get(next++);
      if (!t.quoted() && t.text().equals(";")) {
        if (words.isEmpty()) {
          errors.add(new Error(t.line(), "unexpected \";\""));
        } else {
          out.add(
              new Directive(
                  words.getFirst(), List.copyOf(words.subList(1, words.size())), start, null));
        }
        words.clear();
      } else if (!t.quoted() && t.text().equals("{")) {
        if (words.isEmpty()) {
          errors.add(new Error(t.line(), "unexpected \"{\""));
        }
        List<Directive> inner = block(true);
        if (!words.isEmpty()) {
          out.add(
              new Directive(
                  words.getFirst(), List.copyOf(words.subList(1, words.size())), start, inner));
        }
        words.clear();
      } else if (!t.quoted() && t.text().equals("}")) {
        if (!words.isEmpty()) {
          errors.add(new Error(start, "\"" + words.getFirst() + "\" not terminated by \";\""));
        }
        if (nested) {
          return out;
        }
        errors.add(new Error(t.line(), "unexpected \"}\""));
        words.clear();
      } else {
        if (words.isEmpty()) {
          start = t.line();
        }
        words.add(t.text());
      }
    }
    if (!words.isEmpty()) {
      errors.add(new Error(start, "\"" + words.getFirst() + "\" not terminated by \";\""));
    }
    if (nested) {
      int last = tokens.isEmpty() ? 1 : tokens.getLast().line();
      errors.add(new Error(last, "unexpected end of file, expecting \"}\""));
    }
    return out;
  }

  private static List<Token> tokenize(String text, List<Error> errors) {
    List<Token> out = new ArrayList<>();
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
      } else if (c == '#') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == ';' || c == '{' || c == '}') {
        out.add(new Token(String.valueOf(c), line, false));
        i++;
      } else if (c == '"' || c == '\'') {
        int startLine = line;
        StringBuilder word = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char d = text.charAt(i);
          if (d == '\\' && i + 1 < n) {
            word.append(text.charAt(i + 1));
            i += 2;
            continue;
          }
          if (d == c) {
            closed = true;
            i++;
            break;
          }
          if (d == '\n') {
            line++;
          }
          word.append(d);
          i++;
        }
        if (!closed) {
          errors.add(new Error(startLine, "unterminated quoted string"));
          return out;
        }
        out.add(new Token(word.toString(), startLine, true));
      } else {
        int start = i;
        while (i < n) {
          char d = text.charAt(i);
          if (Character.isWhitespace(d) || d == ';' || d == '{' || d == '}') {
            break;
          }
          if (d == '\\' && i + 1 < n) {
            i++;
          }
          i++;
        }
        out.add(new Token(text.substring(start, i), line, false));
      }
    }
    return out;
  }
}
