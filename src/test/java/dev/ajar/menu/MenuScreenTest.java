package dev.ajar.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Owner;
import dev.ajar.model.Severity;
import dev.ajar.model.SupervisorKind;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class MenuScreenTest {
  static void fits(MenuScreen.Frame f, int rows, int cols) {
    assertThat(f.lines()).hasSize(rows);
    for (AttributedString line : f.lines()) {
      assertThat(line.columnLength()).as(line.toString()).isLessThanOrEqualTo(cols);
      assertThat(line.toString()).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
    }
    assertThat(f.cursorRow()).isBetween(0, rows - 1);
  }

  @Test
  void theListFits80x24WithTheCursorMarksDetailsAndKeys() {
    List<MenuRow> rows = new ArrayList<>(Rows.many(30));
    rows.set(1, Rows.row("finger", Severity.MEDIUM));
    rows.set(2, Rows.refused("nc"));
    MenuModel m = new MenuModel("/srv/root: its next boot", rows);
    m.resize(24, 80);
    m.down();
    m.toggle();
    MenuScreen.Frame f = MenuScreen.render(m);
    fits(f, 24, 80);
    List<String> text = f.text();
    assertThat(text.get(0))
        .startsWith("ajar menu  /srv/root: its next boot")
        .endsWith("rows 1-18 of 30, 1 to close");
    assertThat(text.get(1)).startsWith("KEEP OWNER");
    assertThat(text.get(2)).startsWith(" [*] inetd s0 ");
    assertThat(text.get(3)).startsWith(">[ ] inetd finger").contains("tcp/79").endsWith("medium  ");
    assertThat(text.get(4)).startsWith("  -  manual nc");
    assertThat(f.cursorRow()).isEqualTo(3);
    assertThat(text.get(20)).startsWith("inetd finger: /etc/inetd.conf:1; tcp/79");
    assertThat(text.get(21)).isEqualTo("medium: why finger");
    assertThat(text.get(22)).startsWith("inetd finger: to be closed");
    assertThat(text.get(23)).startsWith(MenuScreen.KEYS);
    m.down();
    assertThat(MenuScreen.render(m).text().get(21))
        .isEqualTo("cannot be closed here: nothing starts it at boot: stop the process");
  }

  @Test
  void controlCharactersNeverReachTheTerminal() {
    MenuRow hostile =
        new MenuRow(
            new Owner(SupervisorKind.SYSTEMD, "x\033[2J", null, 0, null),
            "systemd x\033[2J\r\n",
            List.of("tcp/1"),
            List.of(1),
            "pkg\u009b31m",
            "any",
            null,
            null,
            "\u202eevil\uDC80",
            null);
    MenuModel m = new MenuModel("t\007", List.of(hostile));
    m.resize(24, 80);
    MenuScreen.Frame f = MenuScreen.render(m);
    fits(f, 24, 80);
    assertThat(String.join("\n", f.text())).doesNotContain("\033", "\u009b", "\u202e", "\007");
    assertThat(MenuScreen.fit("a\033b\uD83D\uDE00", 10)).isEqualTo("a?b\uD83D\uDE00");
    assertThat(MenuScreen.fit("abcdef", 4)).isEqualTo("abc…");
  }

  @Test
  void aViewShowsItsTextAndItsQuestion() {
    MenuModel m = new MenuModel("t", Rows.many(2));
    m.resize(24, 80);
    List<String> text = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      text.add("step " + i);
    }
    m.ask("Apply: close 1 entry", text, "Make these changes? [y/N]", MenuModel.Pending.APPLY);
    MenuScreen.Frame f = MenuScreen.render(m);
    fits(f, 24, 80);
    assertThat(f.text().get(0)).startsWith("Apply: close 1 entry").endsWith("lines 1-22 of 40");
    assertThat(f.text().get(1)).isEqualTo("step 0");
    assertThat(f.text().get(23)).startsWith("Make these changes? [y/N]");
    assertThat(f.cursorRow()).isEqualTo(23);
    m.back();
    m.show("Help: ajar menu", MenuHelp.TEXT);
    f = MenuScreen.render(m);
    fits(f, 24, 80);
    assertThat(MenuHelp.TEXT).hasSizeLessThanOrEqualTo(22); // the help needs no scrolling
    assertThat(f.text().get(23)).startsWith(MenuScreen.VIEW_KEYS);
  }

  @Test
  void narrowWideAndTooSmallTerminals() {
    MenuModel m = new MenuModel("t", Rows.many(3));
    m.resize(24, 40);
    fits(MenuScreen.render(m), 24, 40);
    m.resize(50, 200);
    fits(MenuScreen.render(m), 50, 200);
    m.resize(5, 30);
    MenuScreen.Frame f = MenuScreen.render(m);
    fits(f, 5, 30);
    assertThat(f.text().get(0)).startsWith("Terminal too small");
    m.setRows(List.of());
    m.resize(24, 80);
    assertThat(MenuScreen.render(m).text().get(2)).isEqualTo("  Nothing is open.");
  }
}
