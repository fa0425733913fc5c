package dev.ajar.change;

/** Permission bits as people write them. */
public final class Modes {
  private Modes() {}

  /** 0644 -> "0644", 04755 -> "4755". */
  public static String octal(int mode) {
    String digits = Integer.toOctalString(mode & 07777);
    return "0".repeat(Math.max(0, 4 - digits.length())) + digits;
  }

  public static int parse(String octal) {
    int mode = Integer.parseInt(octal, 8);
    ChangeMode.checkMode(mode);
    return mode;
  }
}
