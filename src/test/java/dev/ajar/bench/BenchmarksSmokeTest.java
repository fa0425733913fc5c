package dev.ajar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.discover.ProcNetParser;
import dev.ajar.discover.ProcessTable;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.SocketState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark's set-up and body once, small, so a benchmark that no longer measures what it says
 * (an input the parser now rejects, a load the scan does not see) fails `./mvnw test`, not a
 * measurement weeks later. The benchmarks themselves run through bench/jmh.sh only.
 */
class BenchmarksSmokeTest {
  /** The inodes of this JVM's sockets, from /proc/self/fd. */
  private static List<Long> ownSocketInodes() throws java.io.IOException {
    List<Long> inodes = new java.util.ArrayList<>();
    try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
      for (var fd : fds.toList()) {
        try {
          String target = java.nio.file.Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (java.io.IOException e) {
          // the listing's own fd, closed by now
        }
      }
    }
    return inodes;
  }

  @Test
  void synthetic_tables_parse_completely_with_a_third_listening() {
    for (String table : List.of("tcp", "tcp6")) {
      ProcNetParserBench bench = new ProcNetParserBench();
      bench.table = table;
      bench.lines = 3000;
      bench.setup(); // throws when a line does not parse

      ProcNetParser.Result result = bench.parse();

      assertThat(result.sockets()).hasSize(3000);
      assertThat(result.sockets().stream().filter(s -> s.state() == SocketState.LISTEN))
          .hasSize(1000);
      KernelSocket first = result.sockets().getFirst();
      assertThat(first.local().address().getHostAddress())
          .isEqualTo(table.equals("tcp") ? "127.0.0.1" : "0:0:0:0:0:ffff:7f00:1");
    }
  }

  @Test
  void fd_scan_sees_the_sockets_the_benchmark_opens() throws java.io.IOException {
    for (String path : List.of("native", "nio")) {
      FdIndexBench bench = new FdIndexBench();
      bench.sockets = 200;
      bench.path = path;
      bench.open();
      try {
        ProcessTable table = bench.scan();

        int self = (int) ProcessHandle.current().pid();
        long ours =
            ownSocketInodes().stream().filter(i -> table.holdersOf(i).contains(self)).count();
        assertThat(ours).as(path).isGreaterThanOrEqualTo(200);
      } finally {
        bench.close();
      }
    }
  }
}
