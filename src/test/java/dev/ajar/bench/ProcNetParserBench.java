package dev.ajar.bench;

import dev.ajar.discover.ProcNetParser;
import dev.ajar.model.Family;
import dev.ajar.model.Protocol;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ProcNetParser#parse} on a synthetic /proc/net/tcp or tcp6 of 70,000 sockets (the size of
 * bench/ports-vs-ss.sh's default load), built once per trial by {@link ProcNetText}.
 *
 * <p>The pattern for a parser benchmark: the input is made in {@code @Setup}, checked there (a
 * benchmark of the error path would measure nothing useful), and the result is returned from the
 * {@code @Benchmark} method so JMH keeps it alive. Run: {@code bench/jmh.sh ProcNet}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProcNetParserBench {
  /** Which table: "tcp" or "tcp6". */
  @Param({"tcp", "tcp6"})
  public String table;

  /** Socket lines in the table (the header line comes on top). */
  @Param("70000")
  public int lines;

  private byte[] text;
  private Family family;

  @Setup
  public void setup() {
    family =
        switch (table) {
          case "tcp" -> Family.INET;
          case "tcp6" -> Family.INET6;
          default -> throw new IllegalArgumentException("table: tcp or tcp6, not " + table);
        };
    text = ProcNetText.tcp(family, lines);
    ProcNetParser.Result result = parse();
    if (result.sockets().size() != lines || !result.problems().isEmpty()) {
      throw new IllegalStateException(
          "synthetic "
              + table
              + " parsed to "
              + result.sockets().size()
              + " of "
              + lines
              + " sockets: "
              + result.problems());
    }
  }

  @Benchmark
  public ProcNetParser.Result parse() {
    return ProcNetParser.parse(text, Protocol.TCP, family);
  }
}
