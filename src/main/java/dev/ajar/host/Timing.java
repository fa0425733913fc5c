package dev.ajar.host;

/**
 * Where a run's time goes, for the benchmarks: with {@code -Dajar.timing=true} on the java command
 * line each stage prints "timing: STAGE N.N ms" on stderr. Off, it costs a branch.
 */
public final class Timing {
  private static final boolean ON = Boolean.getBoolean("ajar.timing");

  private Timing() {}

  /** A start time, or 0 when timing is off. */
  public static long start() {
    return ON ? System.nanoTime() : 0;
  }

  public static void end(String stage, long start) {
    if (ON) {
      System.err.printf("timing: %s %.1f ms%n", stage, (System.nanoTime() - start) / 1e6);
    }
  }
}
