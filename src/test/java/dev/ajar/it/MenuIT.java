package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * `ajar menu` as an administrator uses it, in a real terminal: tmux runs bin/ajar in an 80x24
 * window on a copy of the debootstrapped Debian 12 root (systemd, openbsd-inetd serving finger),
 * keys are typed with send-keys and the screen read with capture-pane. Finger is toggled off and
 * applied: its inetd.conf line is commented and the next boot opens no tcp/79; undo puts inetd.conf
 * back byte for byte. The tmux server is this test's own (-L), killed afterwards.
 */
class MenuIT {
  static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(60);

  final RootCopies copies = new RootCopies("ajar-menu-");
  final String server = Integration.uniqueName("ajar-menu");

  @AfterEach
  void clean() throws Exception {
    Integration.exec(Duration.ofSeconds(10), "tmux", "-L", server, "kill-server");
    copies.clean();
  }

  @Test
  void fingerToggledOffAppliedAndUndoneInAnEightyByTwentyFourTerminal() throws Exception {
    Integration.requireRoot();
    Integration.requireCommand("/usr/bin/tmux");
    Path root = copies.copy(RootLab.buildRoot("inetd"), "menu");
    Path inetdConf = root.resolve("etc/inetd.conf");
    byte[] before = Files.readAllBytes(inetdConf);
    assertThat(BootPredictionIT.ports(BootPredictionIT.boot(root))).contains("tcp/79");

    String ajar = Integration.projectDir().resolve("bin/ajar").toString();
    tmux(
        "new-session",
        "-d",
        "-s",
        "menu",
        "-x",
        "80",
        "-y",
        "24",
        // the pane stays after the menu ends, to read what it printed and its exit code
        ajar + " --root '" + root + "' menu; echo \"ajar-menu-exit=$?\"; sleep 600");
    // the first screen: bin/ajar may still build the jar
    List<String> screen =
        waitFor(
            s -> text(s).contains("KEEP OWNER") && text(s).contains("inetd finger"),
            Duration.ofMinutes(3));
    assertThat(screen).hasSize(24).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(screen.getFirst()).startsWith("ajar menu  " + root.getParent()); // cut if long
    String row = lineWith(screen, " inetd finger ");
    assertThat(row)
        .startsWith(" [*] inetd finger")
        .contains("tcp/79", " fingerd ", "any", "medium");

    // down to finger, as many rows as it is below the cursor
    int cursor = indexOf(screen, l -> l.startsWith(">"));
    int finger = indexOf(screen, l -> l.contains(" inetd finger "));
    for (int i = cursor; i < finger; i++) {
      tmux("send-keys", "-t", "menu", "Down");
    }
    waitFor(s -> lineWith(s, "inetd finger ").startsWith(">[*] inetd finger"), SCREEN_TIMEOUT);
    screen = waitFor(s -> line(s, 20).startsWith("inetd finger: /etc/inetd.conf:"), SCREEN_TIMEOUT);

    tmux("send-keys", "-t", "menu", "Space");
    screen =
        waitFor(s -> lineWith(s, "inetd finger ").startsWith(">[ ] inetd finger"), SCREEN_TIMEOUT);
    assertThat(screen.getFirst()).endsWith(", 1 to close");

    tmux("send-keys", "-t", "menu", "a");
    screen = waitFor(s -> s.getLast().startsWith("Make these changes? [y/N]"), SCREEN_TIMEOUT);
    assertThat(line(screen, 1)).startsWith("Disable inetd finger (/etc/inetd.conf:");
    assertThat(Files.readAllBytes(inetdConf)).isEqualTo(before);

    tmux("send-keys", "-t", "menu", "y");
    screen = waitFor(s -> s.getFirst().startsWith("Done: closed 1 entry"), SCREEN_TIMEOUT);
    assertThat(text(screen))
        .containsPattern("Changed files: change set \\S+ \\(undo with: ajar undo");
    assertThat(Files.readString(inetdConf)).containsPattern("(?m)^#finger\\s");
    assertThat(BootPredictionIT.ports(BootPredictionIT.boot(root)))
        .doesNotContain("tcp/79")
        .contains("tcp/514");

    tmux("send-keys", "-t", "menu", "q");
    screen = waitFor(s -> s.getLast().startsWith("Up/Dn j/k move"), SCREEN_TIMEOUT);
    assertThat(line(screen, 22)).matches("Changed files: change set \\S+ \\(undo with: u\\)");
    assertThat(text(screen)).doesNotContain("inetd finger ");

    tmux("send-keys", "-t", "menu", "u");
    screen =
        waitFor(s -> s.getLast().matches("Undo change set \\S+\\? \\[y/N\\].*"), SCREEN_TIMEOUT);
    assertThat(screen).contains("  menu: close inetd finger");
    tmux("send-keys", "-t", "menu", "y");
    waitFor(s -> s.getFirst().startsWith("Undone: change set "), SCREEN_TIMEOUT);
    assertThat(Files.readAllBytes(inetdConf)).isEqualTo(before);
    assertThat(BootPredictionIT.ports(BootPredictionIT.boot(root))).contains("tcp/79");

    tmux("send-keys", "-t", "menu", "q");
    screen = waitFor(s -> s.stream().anyMatch(l -> l.contains(" inetd finger ")), SCREEN_TIMEOUT);
    assertThat(lineWith(screen, " inetd finger ")).contains("[*] inetd finger");
    tmux("send-keys", "-t", "menu", "q");
    screen = waitFor(s -> text(s).contains("ajar-menu-exit=0"), SCREEN_TIMEOUT);
    // what it changed, printed after the screen is gone
    assertThat(text(screen)).contains("Changed files: change set ").contains("Undid change set ");
  }

  /** Runs tmux on this test's own server. */
  List<String> tmux(String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("tmux", "-L", server));
    argv.addAll(List.of(args));
    var r = Integration.exec(Duration.ofSeconds(10), argv.toArray(String[]::new));
    assertThat(r.code()).as(String.join(" ", argv) + ": " + r.err()).isZero();
    return r.out().lines().toList();
  }

  /** The screen, polled until it satisfies {@code ready}; fails with the last screen. */
  List<String> waitFor(Predicate<List<String>> ready, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    List<String> screen = List.of();
    while (System.nanoTime() < end) {
      screen = tmux("capture-pane", "-p", "-t", "menu");
      if (ready.test(screen)) {
        return screen;
      }
      Thread.sleep(100);
    }
    return Assertions.fail(
        "the screen did not get there in " + timeout + ":\n" + String.join("\n", screen));
  }

  static String line(List<String> screen, int i) {
    return i < screen.size() ? screen.get(i) : "";
  }

  static String text(List<String> screen) {
    return String.join("\n", screen);
  }

  static int indexOf(List<String> screen, Predicate<String> p) {
    for (int i = 0; i < screen.size(); i++) {
      if (p.test(screen.get(i))) {
        return i;
      }
    }
    return -1;
  }

  static String lineWith(List<String> screen, String text) {
    int i = indexOf(screen, l -> l.contains(text));
    return i < 0 ? "" : screen.get(i);
  }
}
