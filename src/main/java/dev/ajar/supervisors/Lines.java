package dev.ajar.supervisors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file as lines, edited without disturbing anything else: line ends (LF or CRLF), a missing
 * final newline and bytes that are not UTF-8 all come back as they were. For the disablers that
 * edit a configuration file line by line (inetd, xinetd, Slackware).
 */
public final class Lines {
  private final List<String> lines;
  private final boolean finalNewline;

  private Lines(List<String> lines, boolean finalNewline) {
    this.lines = lines;
    this.finalNewline = finalNewline;
  }

  /** ISO-8859-1 maps every byte to one char and back, so no byte is ever lost. */
  public static Lines of(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    boolean finalNewline = text.endsWith("\n");
    String body = finalNewline ? text.substring(0, text.length() - 1) : text;
    List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
    if (text.isEmpty()) {
      lines.clear();
    }
    return new Lines(lines, finalNewline);
  }

  public int size() {
    return lines.size();
  }

  /** 1-based. */
  public String get(int line) {
    return lines.get(line - 1);
  }

  public void set(int line, String text) {
    lines.set(line - 1, text);
  }

  /** Inserts after the 1-based line, keeping that line's CR if it has one. */
  public void insertAfter(int line, String text) {
    boolean crlf = lines.get(line - 1).endsWith("\r");
    lines.add(line, crlf ? text + "\r" : text);
  }

  public byte[] bytes() {
    String text = String.join("\n", lines) + (finalNewline ? "\n" : "");
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
