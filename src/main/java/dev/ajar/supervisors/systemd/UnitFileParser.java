package dev.ajar.supervisors.systemd;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a systemd unit file or drop-in into its assignments, as systemd's config parser reads them
 * (systemd.syntax(7)).
 *
 * <pre>
 * [Unit]
 * Description=RPCbind Server Activation Socket
 * DefaultDependencies=no
 *
 * [Socket]
 * ListenStream=/run/rpcbind.sock
 *
 * # RPC netconfig can't handle ipv6/ipv4 dual sockets
 * BindIPv6Only=ipv6-only
 * ListenStream=0.0.0.0:111
 * ListenDatagram=[::]:111
 * </pre>
 *
 * <p>Lines are stripped of surrounding white space; "#" and ";" start comments; a line ending in a
 * backslash continues on the next (the backslash becomes a space, comment lines inside are
 * skipped); "[Name]" opens a section; "Key=Value" is an assignment whose key and value are
 * stripped. An empty value is kept: for list settings (ExecStart=, ListenStream=) it resets the
 * list. Assignments outside a section and lines without "=" are problems, as systemd warns and
 * ignores them.
 */
final class UnitFileParser {
  /** One assignment, with the 1-based line where it starts. */
  public record Setting(String section, String key, String value, int line) {}

  /** What systemd would warn about and ignore, on a 1-based line. */
  public record Problem(int line, String message) {}

  public record Parsed(List<Setting> settings, List<Problem> problems) {}

  private UnitFileParser() {}

  public static Parsed parse(String text) {
    List<Setting> settings = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    String section = null;
    StringBuilder continued = null;
    int startLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      String stripped = line.strip();
      if (continued != null) {
        if (stripped.startsWith("#") || stripped.startsWith(";")) {
          continue;
        }
      } else {
        if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
          continue;
        }
        startLine = i + 1;
      }
      if (stripped.endsWith("\\")) {
        String part = stripped.substring(0, stripped.length() - 1);
        if (continued == null) {
          continued = new StringBuilder(part);
        } else {
          continued.append(' ').append(part);
        }
        continued.append(' ');
        if (i + 1 < lines.length) {
          continue;
        }
        stripped = continued.toString().strip();
        continued = null;
      } else if (continued != null) {
        stripped = continued.append(stripped).toString().strip();
        continued = null;
      }
      if (stripped.isEmpty()) {
        continue;
      }
      if (stripped.startsWith("[")) {
        if (!stripped.endsWith("]") || stripped.length() < 3) {
          problems.add(new Problem(startLine, "invalid section header \"" + stripped + "\""));
          section = null;
        } else {
          section = stripped.substring(1, stripped.length() - 1);
        }
        continue;
      }
      int eq = stripped.indexOf('=');
      if (eq < 0) {
        problems.add(new Problem(startLine, "missing '=' in \"" + abbreviate(stripped) + "\""));
        continue;
      }
      String key = stripped.substring(0, eq).strip();
      String value = stripped.substring(eq + 1).strip();
      if (section == null) {
        problems.add(new Problem(startLine, "assignment outside of a section: " + key));
        continue;
      }
      if (key.isEmpty()) {
        problems.add(new Problem(startLine, "assignment without a key"));
        continue;
      }
      settings.add(new Setting(section, key, value, startLine));
    }
    return new Parsed(List.copyOf(settings), List.copyOf(problems));
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
