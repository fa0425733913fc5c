package dev.ajar.bench;

import dev.ajar.discover.ProcessScanner;
import dev.ajar.discover.ProcessTable;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link ProcessScanner#scan}, the pass over /proc/PID/ns/net and /proc/PID/fd that maps socket
 * inodes to their holders, on the live host, optionally loaded with {@code sockets} listeners on
 * 127.0.0.1 opened by this JVM ({@link LoopbackSockets}).
 *
 * <p>What it measures depends on the machine: every process on the host is scanned, the benchmark's
 * own JVM and whatever else runs there (an outside load such as ../shared/bench/sockload.py adds to
 * it). Run as root to read every process's fds, as ajar does; otherwise the other users' processes
 * are skipped. Compare figures from one machine in one state only. 16,000 sockets is the default
 * load because the limit of open files on the machine this was written on is 20,000 (soft and
 * hard); {@code -p sockets=N} changes it.
 *
 * <p>The pattern for a live-host benchmark: load opened in {@code @Setup(Level.Trial)} and closed
 * in {@code @TearDown(Level.Trial)}, a fresh {@link Diagnostics} per call, the result returned.
 * Run: {@code bench/jmh.sh FdIndex}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FdIndexBench {
  /** Listening loopback sockets this JVM holds while the benchmark runs. */
  @Param({"0", "16000"})
  public int sockets;

  /** native: getdents64 + readlinkat through FFM on one thread per core; nio: the Host pass. */
  @Param({"native", "nio"})
  public String path = "native";

  private Host host;
  private LoopbackSockets load;

  @Setup(Level.Trial)
  public void open() {
    host = Host.live();
    load = LoopbackSockets.open(sockets);
  }

  @TearDown(Level.Trial)
  public void close() {
    if (load != null) {
      load.close();
    }
  }

  @Benchmark
  public ProcessTable scan() {
    return path.equals("nio")
        ? ProcessScanner.scanThroughHost(host, true, new Diagnostics())
        : ProcessScanner.scan(host, true, new Diagnostics());
  }
}
