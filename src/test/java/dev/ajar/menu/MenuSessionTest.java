package dev.ajar.menu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ajar.remedy.RootFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on a terminal made of in-memory streams (JLine's external terminal, an xterm of
 * 80x24): keys in, the screen out, raw mode and the alternate screen entered and left, a resize.
 */
class MenuSessionTest {
  @TempDir Path dir;

  @Test
  void keysDriveTheMenuOnATerminalAndEverythingIsPutBackAtTheEnd() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    Path inetdConf = root.resolve("etc/inetd.conf");
    byte[] before = Files.readAllBytes(inetdConf);
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keyboard, 4096);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Terminal terminal =
        TerminalBuilder.builder()
            .system(false)
            .streams(in, screen)
            .type("xterm-256color")
            .size(Size.of(80, 24))
            .build();
    Attributes original = new Attributes(terminal.getAttributes());
    Menu menu = MenuTest.menu(root);
    int finger = menu.model().rows().stream().map(MenuRow::name).toList().indexOf("inetd finger");
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread loop =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    menu.run(terminal);
                  } catch (Throwable t) {
                    failed.set(t);
                  }
                });
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          waitFor(() -> text(screen).contains("ajar menu"));
          assertThat(text(screen)).startsWith("\033[?1049h"); // the alternate screen

          terminal.setSize(Size.of(100, 30));
          terminal.raise(Terminal.Signal.WINCH);
          assertThat(menu.model().screenColumns()).isEqualTo(100);
          assertThat(menu.model().screenRows()).isEqualTo(30);

          // Down to finger (arrows as xterm sends them in keypad mode), Space, a, y: closed
          type(keyboard, "\033OB".repeat(finger) + " ay");
          waitFor(() -> menu.model().mode() == MenuModel.Mode.VIEW);
          assertThat(Files.readString(inetdConf)).contains("#finger");
          assertThat(menu.model().viewTitle()).isEqualTo("Done: closed 1 entry");
          // back, u, y: undone; an unknown key sequence and a lone Esc in a view on the way
          type(keyboard, "q\033[15~u");
          waitFor(() -> menu.model().mode() == MenuModel.Mode.CONFIRM);
          type(keyboard, "y");
          waitFor(() -> menu.model().viewTitle().startsWith("Undone"));
          assertThat(Files.readAllBytes(inetdConf)).isEqualTo(before);
          type(keyboard, "\033");
          waitFor(() -> menu.model().mode() == MenuModel.Mode.LIST);
          type(keyboard, "q");
          loop.join();
        });
    assertThat(failed.get()).isNull();
    assertThat(menu.transcript()).first().asString().startsWith("Changed files: change set ");
    assertThat(menu.transcript()).anyMatch(l -> l.startsWith("Undid change set "));
    String out = text(screen);
    assertThat(out).contains("inetd finger");
    assertThat(out.substring(out.lastIndexOf("inetd"))).contains("\033[?12;25h", "\033[?1049l");
    assertThat(terminal.getAttributes().getLocalFlags()).isEqualTo(original.getLocalFlags());
    terminal.close();
  }

  @Test
  void theEndOfInputEndsTheMenu() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Terminal terminal =
        TerminalBuilder.builder()
            .system(false)
            .streams(new java.io.ByteArrayInputStream(new byte[0]), screen)
            .type("xterm-256color")
            .size(Size.of(80, 24))
            .build();
    Menu menu = MenuTest.menu(root);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> menu.run(terminal));
    assertThat(text(screen)).contains("ajar menu", "\033[?1049l");
    terminal.close();
  }

  static void type(OutputStream keyboard, String keys) throws IOException {
    keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  static String text(ByteArrayOutputStream screen) {
    return screen.toString(StandardCharsets.UTF_8);
  }

  static void waitFor(BooleanSupplier condition) throws InterruptedException {
    while (!condition.getAsBoolean()) {
      Thread.sleep(20);
    }
  }
}
