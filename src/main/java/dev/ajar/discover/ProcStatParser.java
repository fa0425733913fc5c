package dev.ajar.discover;

/**
 * Parses /proc/PID/stat. The name sits between the first "(" and the LAST ")", since a process may
 * call itself anything, ") S 1 (" included.
 *
 * <pre>
 * 812 (sshd) S 1 812 812 0 -1 4194560 1160 0 0 0 2 1 0 0 20 0 1 0 1043 15863808 ...
 * </pre>
 */
final class ProcStatParser {
  /** The fields ajar uses. {@code startTicks} counts clock ticks since boot (field 22). */
  public record Stat(int pid, String comm, int ppid, long startTicks) {}

  private ProcStatParser() {}

  /** Returns null when the text is not a stat line. */
  public static Stat parse(String text) {
    int open = text.indexOf('(');
    int close = text.lastIndexOf(')');
    if (open <= 0 || close < open) {
      return null;
    }
    String[] rest = text.substring(close + 1).trim().split(" ");
    // rest[0] is field 3 (state); field N is rest[N - 3].
    if (rest.length < 20) {
      return null;
    }
    try {
      int pid = Integer.parseInt(text.substring(0, open).trim());
      int ppid = Integer.parseInt(rest[1]);
      long start = Long.parseLong(rest[19]);
      return new Stat(pid, text.substring(open + 1, close), ppid, start);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
