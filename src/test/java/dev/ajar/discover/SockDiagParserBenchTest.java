package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's synthetic dump parses whole, so the benchmark measures what it says. */
class SockDiagParserBenchTest {
  @Test
  void theSyntheticDumpParsesCompletely() {
    SockDiagParserBench bench = new SockDiagParserBench();
    bench.sockets = 5000;
    bench.setup();
    var sockets = bench.parse();
    assertThat(sockets).hasSize(5000);
    assertThat(sockets.getFirst().local().port()).isEqualTo(1024);
    assertThat(sockets.get(4999).inode()).isEqualTo(104_999);
  }
}
