package dev.ajar.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {
  @Test
  void outputStatusAndLocale() throws Exception {
    var r =
        CommandRunner.system()
            .run(
                List.of("sh", "-c", "echo out; echo err >&2; echo $LC_ALL; exit 3"),
                Duration.ofSeconds(10));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\nC\n");
    assertThat(r.stderr()).isEqualTo("err\n");
  }

  @Test
  void aSilentCommandThatNeverEndsTimesOut() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> CommandRunner.system().run(List.of("sleep", "30"), Duration.ofMillis(300)))
        .hasMessageContaining("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
