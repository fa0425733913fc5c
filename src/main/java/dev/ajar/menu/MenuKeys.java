package dev.ajar.menu;

import java.io.IOException;
import org.jline.utils.NonBlockingReader;

/**
 * The keyboard: {@link #read} decodes what the terminal sends into a {@link Key} (a character, an
 * arrow, PgUp, a lone Esc), {@link #action} says what a key does in each mode. Escape sequences are
 * read whole, up to their final byte, so one the menu does not know (F5, Shift-Tab, a mouse report)
 * is ignored as a whole instead of being taken as the letters in it.
 */
final class MenuKeys {
  private MenuKeys() {}

  /** How long an Esc waits for the rest of a sequence before it is the Esc key (ms). */
  static final long ESCAPE_TIMEOUT = 150;

  /** A CSI sequence is read whole up to this length (a mouse report is some 15 bytes). */
  private static final int LONGEST_SEQUENCE = 256;

  enum Kind {
    CHAR,
    UP,
    DOWN,
    LEFT,
    RIGHT,
    PAGE_UP,
    PAGE_DOWN,
    HOME,
    END,
    ENTER,
    ESCAPE,
    CTRL_C,
    CTRL_L,
    /** Anything else: ignored. */
    OTHER,
    /** The terminal is gone. */
    EOF
  }

  /**
   * @param ch the character, for {@link Kind#CHAR} (printable ASCII); 0 otherwise
   */
  record Key(Kind kind, char ch) {
    static Key of(Kind kind) {
      return new Key(kind, '\0');
    }

    static Key of(char ch) {
      return new Key(Kind.CHAR, ch);
    }
  }

  /** What a key does. */
  enum Action {
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    FIRST,
    LAST,
    TOGGLE,
    PLAN,
    APPLY,
    UNDO,
    HELP,
    BACK,
    YES,
    NO,
    QUIT,
    REDRAW,
    NONE
  }

  /** The next key; blocks until one comes. */
  static Key read(NonBlockingReader in) throws IOException {
    int c = in.read();
    return switch (c) {
      case NonBlockingReader.EOF -> Key.of(Kind.EOF);
      case 0x1b -> escape(in);
      case '\r', '\n' -> Key.of(Kind.ENTER);
      case 0x03 -> Key.of(Kind.CTRL_C);
      case 0x0c -> Key.of(Kind.CTRL_L);
      case 0x10 -> Key.of(Kind.UP); // Ctrl-P
      case 0x0e -> Key.of(Kind.DOWN); // Ctrl-N
      case 0x02 -> Key.of(Kind.PAGE_UP); // Ctrl-B
      case 0x06 -> Key.of(Kind.PAGE_DOWN); // Ctrl-F
      default -> {
        if (c >= 0x20 && c < 0x7f) {
          yield Key.of((char) c);
        }
        if (Character.isHighSurrogate((char) c)) {
          in.read(ESCAPE_TIMEOUT); // its other half: a character the menu binds nothing to
        }
        yield Key.of(Kind.OTHER);
      }
    };
  }

  /**
   * After an Esc: the Esc key alone when nothing follows soon, else a CSI ("ESC [") or SS3 ("ESC
   * O") sequence, read to its final byte.
   */
  private static Key escape(NonBlockingReader in) throws IOException {
    int c = in.read(ESCAPE_TIMEOUT);
    if (c == NonBlockingReader.READ_EXPIRED || c == NonBlockingReader.EOF) {
      return Key.of(Kind.ESCAPE);
    }
    if (c == 'O') {
      int f = in.read(ESCAPE_TIMEOUT);
      return f < 0 ? Key.of(Kind.OTHER) : finalByte((char) f, "");
    }
    if (c != '[') {
      return c == 0x1b ? Key.of(Kind.ESCAPE) : Key.of(Kind.OTHER); // Alt-something
    }
    StringBuilder params = new StringBuilder();
    for (int n = 0; n < LONGEST_SEQUENCE; n++) {
      int b = in.read(ESCAPE_TIMEOUT);
      if (b < 0) {
        return Key.of(Kind.OTHER);
      }
      if (b >= 0x40 && b <= 0x7e) {
        return finalByte((char) b, params.toString());
      }
      if (b < 0x20 || b > 0x3f) {
        return Key.of(Kind.OTHER); // not a CSI sequence after all
      }
      params.append((char) b);
    }
    return Key.of(Kind.OTHER);
  }

  /** The key of a sequence's final byte and parameters ("5~": PgUp; "1;5A": Ctrl-Up, an Up). */
  private static Key finalByte(char f, String params) {
    String first = params.contains(";") ? params.substring(0, params.indexOf(';')) : params;
    return switch (f) {
      case 'A' -> Key.of(Kind.UP);
      case 'B' -> Key.of(Kind.DOWN);
      case 'C' -> Key.of(Kind.RIGHT);
      case 'D' -> Key.of(Kind.LEFT);
      case 'H' -> Key.of(Kind.HOME);
      case 'F' -> Key.of(Kind.END);
      case '~' ->
          switch (first) {
            case "1", "7" -> Key.of(Kind.HOME);
            case "4", "8" -> Key.of(Kind.END);
            case "5" -> Key.of(Kind.PAGE_UP);
            case "6" -> Key.of(Kind.PAGE_DOWN);
            default -> Key.of(Kind.OTHER);
          };
      default -> Key.of(Kind.OTHER);
    };
  }

  /**
   * What a key does: in the list, move, mark, plan, apply, undo, help, quit; in a view, scroll and
   * go back; at a question, y or n (Enter, Esc and q are no), the text still scrolling.
   */
  static Action action(Key key, MenuModel.Mode mode) {
    Action move = movement(key);
    if (move != Action.NONE) {
      return move;
    }
    char c = key.kind() == Kind.CHAR ? key.ch() : 0;
    return switch (mode) {
      case LIST ->
          switch (key.kind()) {
            case ESCAPE, CTRL_C, EOF -> Action.QUIT;
            case CHAR ->
                switch (c) {
                  case ' ' -> Action.TOGGLE;
                  case 'p' -> Action.PLAN;
                  case 'a' -> Action.APPLY;
                  case 'u' -> Action.UNDO;
                  case '?' -> Action.HELP;
                  case 'q' -> Action.QUIT;
                  default -> Action.NONE;
                };
            default -> Action.NONE;
          };
      case VIEW ->
          switch (key.kind()) {
            case ESCAPE, ENTER, CTRL_C -> Action.BACK;
            case EOF -> Action.QUIT;
            case CHAR -> c == 'q' ? Action.BACK : c == ' ' ? Action.PAGE_DOWN : Action.NONE;
            default -> Action.NONE;
          };
      case CONFIRM ->
          switch (key.kind()) {
            case ESCAPE, ENTER, CTRL_C -> Action.NO;
            case EOF -> Action.QUIT;
            case CHAR ->
                switch (c) {
                  case 'y', 'Y' -> Action.YES;
                  case 'n', 'N', 'q' -> Action.NO;
                  default -> Action.NONE;
                };
            default -> Action.NONE;
          };
    };
  }

  /** The keys that move in every mode. */
  private static Action movement(Key key) {
    return switch (key.kind()) {
      case UP -> Action.UP;
      case DOWN -> Action.DOWN;
      case PAGE_UP -> Action.PAGE_UP;
      case PAGE_DOWN -> Action.PAGE_DOWN;
      case HOME -> Action.FIRST;
      case END -> Action.LAST;
      case CTRL_L -> Action.REDRAW;
      case CHAR ->
          switch (key.ch()) {
            case 'k' -> Action.UP;
            case 'j' -> Action.DOWN;
            case 'g' -> Action.FIRST;
            case 'G' -> Action.LAST;
            default -> Action.NONE;
          };
      default -> Action.NONE;
    };
  }
}
