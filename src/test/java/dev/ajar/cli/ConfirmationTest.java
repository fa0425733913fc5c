package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.remedy.RootFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `close` asks before changing anything: only "y" or "yes" typed at a terminal goes ahead. */
class ConfirmationTest {
  @TempDir Path dir;

  @Test
  void onlyAYesAtTheTerminalChangesTheRoot() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    var before = RootFixture.snapshot(root);
    for (String answer : new String[] {"n\n", "\n", "", "yess\n", "no\n"}) {
      CliTest.Run no = CliTest.answering(answer, "--root", root.toString(), "close", "finger");
      assertThat(no.code()).as(answer + no.err()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(no.out()).contains("Disable inetd finger", "Make these changes? [y/N] ");
      assertThat(no.err()).contains("not confirmed; nothing was changed");
      assertThat(RootFixture.snapshot(root)).isEqualTo(before);
    }

    CliTest.Run none = CliTest.answering(null, "--root", root.toString(), "close", "finger");
    assertThat(none.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(none.err()).contains("no terminal to confirm on; use --yes");
    assertThat(RootFixture.snapshot(root)).isEqualTo(before);

    CliTest.Run yes = CliTest.answering("YES\n", "--root", root.toString(), "close", "finger");
    assertThat(yes.code()).as(yes.err()).isZero();
    assertThat(yes.out()).contains("undo with: ajar undo");
    assertThat(RootFixture.snapshot(root)).isNotEqualTo(before);
  }
}
