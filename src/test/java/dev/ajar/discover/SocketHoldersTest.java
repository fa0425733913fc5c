package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SocketHoldersTest {
  @Test
  void everyHolderInPidOrderEachOnceAcrossBuilders() {
    var a = new SocketHolders.Builder();
    var b = new SocketHolders.Builder();
    a.add(100, 7);
    a.add(100, 7); // two fds of one process
    b.add(100, 3);
    a.add(101, 9);
    b.add(4_294_967_295L, 4_194_303); // the largest inode and pid a kernel gives
    SocketHolders h = SocketHolders.Builder.merge(List.of(a, b));
    assertThat(h.holdersOf(100)).containsExactly(3, 7);
    assertThat(h.holdersOf(101)).containsExactly(9);
    assertThat(h.holdersOf(4_294_967_295L)).containsExactly(4_194_303);
    assertThat(h.holdersOf(99)).isEmpty();
    assertThat(h.holdersOf(0)).isEmpty();
    assertThat(h.pairCount()).isEqualTo(4);
  }

  @Test
  void valuesNoKernelGivesAreIgnored() {
    var a = new SocketHolders.Builder();
    a.add(-1, 5);
    a.add(5, 0);
    a.add(5, 1 << 22);
    a.add(Long.MAX_VALUE, 5);
    assertThat(a.build().pairCount()).isZero();
  }

  @Test
  void growsPastItsFirstArray() {
    var a = new SocketHolders.Builder();
    for (int i = 1; i <= 10_000; i++) {
      a.add(i, 10_001 - i);
    }
    SocketHolders h = a.build();
    assertThat(h.pairCount()).isEqualTo(10_000);
    assertThat(h.holdersOf(1)).containsExactly(10_000);
    assertThat(h.holdersOf(10_000)).containsExactly(1);
  }
}
