package dev.ajar.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuModelTest {
  @Test
  void theCursorStaysOnARowAndTheListScrollsToKeepItOnScreen() {
    MenuModel m = new MenuModel("t", Rows.many(40));
    m.resize(24, 80);
    assertThat(m.listHeight()).isEqualTo(18);
    m.up();
    assertThat(m.cursor()).isZero();
    for (int i = 0; i < 18; i++) {
      m.down();
    }
    assertThat(m.cursor()).isEqualTo(18);
    assertThat(m.top()).isEqualTo(1);
    m.pageDown();
    assertThat(m.cursor()).isEqualTo(36);
    assertThat(m.top()).isEqualTo(19);
    m.pageDown();
    assertThat(m.cursor()).isEqualTo(39);
    assertThat(m.top()).isEqualTo(22);
    m.down();
    assertThat(m.cursor()).isEqualTo(39);
    m.pageUp();
    assertThat(m.cursor()).isEqualTo(21);
    assertThat(m.top()).isEqualTo(21);
    m.first();
    assertThat(m.cursor()).isZero();
    assertThat(m.top()).isZero();
    m.last();
    assertThat(m.cursor()).isEqualTo(39);
    assertThat(m.top()).isEqualTo(22);
  }

  @Test
  void aSmallerTerminalScrollsTheListSoTheCursorStaysOnScreen() {
    MenuModel m = new MenuModel("t", Rows.many(40));
    m.resize(24, 80);
    m.last();
    m.pageUp();
    assertThat(m.cursor()).isEqualTo(21);
    m.resize(10, 80);
    assertThat(m.cursor() - m.top()).isBetween(0, m.listHeight() - 1);
    m.resize(60, 80);
    assertThat(m.top()).isZero(); // every row fits
  }

  @Test
  void spaceTogglesCloseAndKeepAndRefusesWhatCannotBeClosedWithWhy() {
    List<MenuRow> rows = new ArrayList<>(List.of(Rows.row("finger", Severity.MEDIUM)));
    rows.add(Rows.refused("nc"));
    MenuModel m = new MenuModel("t", rows);
    m.toggle();
    assertThat(m.isClosing(0)).isTrue();
    assertThat(m.closing()).extracting(MenuRow::name).containsExactly("inetd finger");
    assertThat(m.message()).contains("inetd finger: to be closed");
    m.toggle();
    assertThat(m.isClosing(0)).isFalse();
    assertThat(m.message()).contains("kept open");
    m.down();
    m.toggle();
    assertThat(m.closing()).isEmpty();
    assertThat(m.message())
        .isEqualTo("manual nc cannot be closed here: nothing starts it at boot: stop the process");
  }

  @Test
  void newRowsClearTheMarksAndKeepTheCursorWhereItCan() {
    MenuModel m = new MenuModel("t", Rows.many(5));
    m.last();
    m.toggle();
    m.setRows(Rows.many(3));
    assertThat(m.closing()).isEmpty();
    assertThat(m.cursor()).isEqualTo(2);
    m.setRows(List.of());
    assertThat(m.current()).isNull();
    m.down();
    m.toggle();
    assertThat(m.message()).isEqualTo("Nothing is open.");
  }

  @Test
  void aViewScrollsItsWrappedTextAndAQuestionRemembersWhatItIsFor() {
    MenuModel m = new MenuModel("t", Rows.many(3));
    m.resize(24, 80);
    List<String> text = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      text.add("line " + i);
    }
    m.ask("Apply", text, "Make these changes? [y/N]", MenuModel.Pending.APPLY);
    assertThat(m.mode()).isEqualTo(MenuModel.Mode.CONFIRM);
    m.down();
    assertThat(m.cursor()).isZero(); // the view scrolls, not the list
    assertThat(m.viewTop()).isEqualTo(1);
    m.last();
    assertThat(m.viewTop()).isEqualTo(30 - 22);
    assertThat(m.confirm()).isEqualTo(MenuModel.Pending.APPLY);
    assertThat(m.mode()).isEqualTo(MenuModel.Mode.LIST);
    assertThat(m.pending()).isNull();
  }

  @Test
  void longLinesWrapAtASpaceIndentedUnderTheirStart() {
    String note = "  note: " + "word ".repeat(30).strip();
    List<String> lines = MenuModel.wrap(List.of(note, "x".repeat(100), ""), 40);
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
    assertThat(lines.get(1)).startsWith("    word");
    assertThat(lines).contains("x".repeat(40), "");
    assertThat(String.join(" ", lines).replaceAll("\\s+", " ")).contains("word word");
    assertThat(MenuModel.wrap(List.of("a b c d e f g h"), 1)).isNotEmpty(); // ends
  }
}
