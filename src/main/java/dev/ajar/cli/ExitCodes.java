package dev.ajar.cli;

/** ajar's exit codes, the same for every command (README "Exit codes"). */
final class ExitCodes {
  /** Done; nothing to report. */
  public static final int OK = 0;

  /** Done, and there are findings or violations (audit, verify). */
  public static final int FINDINGS = 1;

  /** The command line is wrong: usage is printed. */
  public static final int USAGE = 2;

  /** The input or the system is not as required: one line names what. */
  public static final int BAD_INPUT = 3;

  /** A bug in ajar: the stack trace is printed with --debug. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
