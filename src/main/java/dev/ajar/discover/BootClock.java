package dev.ajar.discover;

import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * Turns a process's start time (clock ticks since boot, /proc/PID/stat field 22) into an instant:
 * boot time from /proc/stat "btime", ticks per second from our own auxiliary vector (AT_CLKTCK), so
 * no sysconf call is needed.
 */
final class BootClock {
  private static final long AT_CLKTCK = 17;
  private static final long DEFAULT_HZ = 100;

  private final long bootEpochSecond;
  private final long ticksPerSecond;

  BootClock(long bootEpochSecond, long ticksPerSecond) {
    this.bootEpochSecond = bootEpochSecond;
    this.ticksPerSecond = ticksPerSecond;
  }

  public static BootClock read(Host host) {
    long btime = -1;
    try {
      for (String line : host.readText("/proc/stat").split("\n")) {
        if (line.startsWith("btime ")) {
          btime = Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      btime = -1;
    }
    return new BootClock(btime, clockTicks(host));
  }

  static long clockTicks(Host host) {
    try {
      ByteBuffer auxv = ByteBuffer.wrap(host.read("/proc/self/auxv", 1 << 16));
      auxv.order(ByteOrder.nativeOrder());
      while (auxv.remaining() >= 16) {
        long type = auxv.getLong();
        long value = auxv.getLong();
        if (type == AT_CLKTCK && value > 0) {
          return value;
        }
        if (type == 0) {
          break;
        }
      }
    } catch (IOException e) {
      // fall through to the value every mainstream architecture uses
    }
    return DEFAULT_HZ;
  }

  /** The instant a process started, or null when boot time is unknown. */
  public Instant startOf(long ticksSinceBoot) {
    if (bootEpochSecond < 0) {
      return null;
    }
    long millis = ticksSinceBoot * 1000 / ticksPerSecond;
    return Instant.ofEpochSecond(bootEpochSecond).plusMillis(millis);
  }
}
