package dev.ajar.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The growth simulation (bench/history-growth.sh) runs, on one day, and the history is small. */
class HistoryGrowthTest {
  @TempDir Path dir;

  @Test
  void aDayOfPollingWithAFewChangesStaysSmall() {
    HistoryGrowth.Result day = HistoryGrowth.simulate(dir.resolve("day.db"), 1, 6, 10);
    assertThat(day.events()).isEqualTo(15 + 6);
    assertThat(day.heartbeats()).isBetween(1400, 1440);
    assertThat(day.dbBytes()).isLessThan(64 * 1024);
    assertThat(day.walBytes()).isLessThanOrEqualTo(HistoryStore.WAL_LIMIT_BYTES + 64 * 1024);
    HistoryGrowth.Result again = HistoryGrowth.samePorts(dir.resolve("same.db"), 1000);
    assertThat(again.dbBytes()).as("bytes of 1,000 changes").isLessThan(1000 * 256L);
  }
}
