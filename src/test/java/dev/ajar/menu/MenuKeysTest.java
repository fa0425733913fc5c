package dev.ajar.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.menu.MenuKeys.Action;
import dev.ajar.menu.MenuKeys.Key;
import dev.ajar.menu.MenuKeys.Kind;
import dev.ajar.menu.MenuModel.Mode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.NonBlocking;
import org.jline.utils.NonBlockingReader;
import org.junit.jupiter.api.Test;

class MenuKeysTest {
  /** Every key in {@code typed}, up to the end. */
  static List<Key> keys(String typed) throws IOException {
    NonBlockingReader in = NonBlocking.nonBlocking("test", new StringReader(typed));
    List<Key> keys = new ArrayList<>();
    for (Key k = MenuKeys.read(in); k.kind() != Kind.EOF; k = MenuKeys.read(in)) {
      keys.add(k);
    }
    return keys;
  }

  @Test
  void arrowsAndPagesInEveryFormTerminalsSendThem() throws IOException {
    assertThat(keys("\033[A\033OA\033[B\033OB\033[1;5A\020\016"))
        .extracting(Key::kind)
        .containsExactly(Kind.UP, Kind.UP, Kind.DOWN, Kind.DOWN, Kind.UP, Kind.UP, Kind.DOWN);
    assertThat(keys("\033[5~\033[6~\002\006\033[H\033OH\033[1~\033[7~\033[F\033[4~\033[8~"))
        .extracting(Key::kind)
        .containsExactly(
            Kind.PAGE_UP,
            Kind.PAGE_DOWN,
            Kind.PAGE_UP,
            Kind.PAGE_DOWN,
            Kind.HOME,
            Kind.HOME,
            Kind.HOME,
            Kind.HOME,
            Kind.END,
            Kind.END,
            Kind.END);
  }

  @Test
  void charactersEnterControlKeysAndALoneEscape() throws IOException {
    assertThat(keys(" ay\r\n\003\014"))
        .containsExactly(
            Key.of(' '),
            Key.of('a'),
            Key.of('y'),
            Key.of(Kind.ENTER),
            Key.of(Kind.ENTER),
            Key.of(Kind.CTRL_C),
            Key.of(Kind.CTRL_L));
    assertThat(keys("\033")).containsExactly(Key.of(Kind.ESCAPE));
    assertThat(keys("\033\033")).containsExactly(Key.of(Kind.ESCAPE));
  }

  @Test
  void anUnknownSequenceIsOneIgnoredKeyNotTheLettersInIt() throws IOException {
    // F5, Shift-Tab, an SGR mouse report, Alt-a, a sequence cut short: none may become 'a' or 'y'
    assertThat(keys("\033[15~q\033[Zq\033[<0;10;5Mq\033aq"))
        .containsExactly(
            Key.of(Kind.OTHER),
            Key.of('q'),
            Key.of(Kind.OTHER),
            Key.of('q'),
            Key.of(Kind.OTHER),
            Key.of('q'),
            Key.of(Kind.OTHER),
            Key.of('q'));
    assertThat(keys("\033[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16ya"))
        .containsExactly(Key.of(Kind.OTHER), Key.of('a'));
    assertThat(keys("\033[" + "1;".repeat(200) + "ya"))
        .extracting(Key::kind)
        .startsWith(Kind.OTHER)
        .hasSizeGreaterThan(2); // a run of junk ends somewhere
    assertThat(keys("é\uD83D\uDE00\177")).extracting(Key::kind).containsOnly(Kind.OTHER);
  }

  @Test
  void theListMovesMarksPlansAppliesUndoesAndQuits() {
    assertThat(MenuKeys.action(Key.of('j'), Mode.LIST)).isEqualTo(Action.DOWN);
    assertThat(MenuKeys.action(Key.of('k'), Mode.LIST)).isEqualTo(Action.UP);
    assertThat(MenuKeys.action(Key.of(Kind.PAGE_DOWN), Mode.LIST)).isEqualTo(Action.PAGE_DOWN);
    assertThat(MenuKeys.action(Key.of('G'), Mode.LIST)).isEqualTo(Action.LAST);
    assertThat(MenuKeys.action(Key.of(' '), Mode.LIST)).isEqualTo(Action.TOGGLE);
    assertThat(MenuKeys.action(Key.of('p'), Mode.LIST)).isEqualTo(Action.PLAN);
    assertThat(MenuKeys.action(Key.of('a'), Mode.LIST)).isEqualTo(Action.APPLY);
    assertThat(MenuKeys.action(Key.of('u'), Mode.LIST)).isEqualTo(Action.UNDO);
    assertThat(MenuKeys.action(Key.of('?'), Mode.LIST)).isEqualTo(Action.HELP);
    assertThat(MenuKeys.action(Key.of('q'), Mode.LIST)).isEqualTo(Action.QUIT);
    assertThat(MenuKeys.action(Key.of(Kind.ESCAPE), Mode.LIST)).isEqualTo(Action.QUIT);
    assertThat(MenuKeys.action(Key.of(Kind.CTRL_C), Mode.LIST)).isEqualTo(Action.QUIT);
    assertThat(MenuKeys.action(Key.of('y'), Mode.LIST)).isEqualTo(Action.NONE);
    assertThat(MenuKeys.action(Key.of(Kind.ENTER), Mode.LIST)).isEqualTo(Action.NONE);
    assertThat(MenuKeys.action(Key.of(Kind.OTHER), Mode.LIST)).isEqualTo(Action.NONE);
  }

  @Test
  void aViewScrollsAndGoesBack() {
    assertThat(MenuKeys.action(Key.of(Kind.DOWN), Mode.VIEW)).isEqualTo(Action.DOWN);
    assertThat(MenuKeys.action(Key.of(' '), Mode.VIEW)).isEqualTo(Action.PAGE_DOWN);
    assertThat(MenuKeys.action(Key.of('q'), Mode.VIEW)).isEqualTo(Action.BACK);
    assertThat(MenuKeys.action(Key.of(Kind.ESCAPE), Mode.VIEW)).isEqualTo(Action.BACK);
    assertThat(MenuKeys.action(Key.of(Kind.ENTER), Mode.VIEW)).isEqualTo(Action.BACK);
    assertThat(MenuKeys.action(Key.of('a'), Mode.VIEW)).isEqualTo(Action.NONE);
  }

  @Test
  void onlyYConfirmsAndEnterEscapeAndQSayNo() {
    assertThat(MenuKeys.action(Key.of('y'), Mode.CONFIRM)).isEqualTo(Action.YES);
    assertThat(MenuKeys.action(Key.of('Y'), Mode.CONFIRM)).isEqualTo(Action.YES);
    for (Key no :
        List.of(
            Key.of('n'),
            Key.of('N'),
            Key.of('q'),
            Key.of(Kind.ENTER),
            Key.of(Kind.ESCAPE),
            Key.of(Kind.CTRL_C))) {
      assertThat(MenuKeys.action(no, Mode.CONFIRM)).as(no.toString()).isEqualTo(Action.NO);
    }
    assertThat(MenuKeys.action(Key.of(' '), Mode.CONFIRM)).isEqualTo(Action.NONE);
    assertThat(MenuKeys.action(Key.of('a'), Mode.CONFIRM)).isEqualTo(Action.NONE);
    assertThat(MenuKeys.action(Key.of(Kind.PAGE_DOWN), Mode.CONFIRM)).isEqualTo(Action.PAGE_DOWN);
  }
}
