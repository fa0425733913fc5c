package dev.ajar.menu;

import dev.ajar.host.BadInputException;
import dev.ajar.menu.MenuKeys.Action;
import dev.ajar.model.Text;
import dev.ajar.pipeline.Run;
import dev.ajar.policy.Policy;
import dev.ajar.remedy.journal.ChangeSetInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * `ajar menu`: the open ports as rows to keep or close, in the spirit of ntsysv. Three parts, so
 * that all but the terminal are tested without one: {@link MenuModel} (the state), {@link MenuKeys}
 * (keys to actions), {@link MenuScreen} (the model drawn as lines). This class carries the actions
 * out ({@link #handle}, through {@link MenuChanges}) and runs the loop on a terminal: raw mode in
 * the alternate screen, one key at a time, JLine's {@link Display} redrawing only what changed, and
 * on SIGWINCH the whole screen at its new size.
 *
 * <p>Threads: the loop reads keys on the calling thread and handles them under the screen's lock;
 * JLine calls the resize handler on a thread of its own, which draws under the same lock.
 */
public final class Menu {
  private final MenuChanges changes;
  private final MenuModel model;
  private final List<String> transcript = new ArrayList<>();
  private MenuChanges.Planned planned;
  private String undoing;
  private Screen screen;

  Menu(MenuChanges changes) {
    this.changes = changes;
    this.model = new MenuModel(changes.title(), changes.rows());
    model.message("Space marks the row under the cursor to close; ? lists the keys.");
  }

  /**
   * Runs the menu on the process's terminal until q; returns what it changed, as `ajar close` and
   * `ajar undo` would have said it, for after the screen is gone.
   *
   * @param run the command's run, whose root the menu shows and changes
   * @param fresh a new run of the same root (read again after each change)
   * @param policy the policy that judges the risk, or null for the knowledge base
   * @param sshConnection $SSH_CONNECTION, or null
   * @throws BadInputException when there is no terminal that can draw it
   */
  public static List<String> show(Run run, Supplier<Run> fresh, Policy policy, String sshConnection)
      throws IOException {
    Terminal terminal = MenuTerminal.system();
    try (terminal) {
      Menu menu = new Menu(new MenuChanges(run, fresh, policy, sshConnection));
      menu.run(terminal);
      return menu.transcript;
    }
  }

  MenuModel model() {
    return model;
  }

  /** What the changes made said, in order. */
  List<String> transcript() {
    return transcript;
  }

  /** Does what the action says; a refusal or failure becomes the message line. */
  void handle(Action action) {
    try {
      switch (action) {
        case UP -> model.up();
        case DOWN -> model.down();
        case PAGE_UP -> model.pageUp();
        case PAGE_DOWN -> model.pageDown();
        case FIRST -> model.first();
        case LAST -> model.last();
        case TOGGLE -> model.toggle();
        case HELP -> model.show("Help: ajar menu", MenuHelp.TEXT);
        case BACK -> model.back();
        case QUIT -> model.quit();
        case PLAN -> plan(false);
        case APPLY -> plan(true);
        case UNDO -> askUndo();
        case YES -> {
          MenuModel.Pending pending = model.confirm();
          if (pending == MenuModel.Pending.APPLY) {
            apply();
          } else if (pending == MenuModel.Pending.UNDO) {
            undo();
          }
        }
        case NO -> {
          model.back();
          planned = null;
          undoing = null;
          model.message("Not confirmed: nothing was changed.");
        }
        case REDRAW, NONE -> {}
      }
    } catch (BadInputException e) {
      model.back();
      model.message(Text.forTerminal(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      model.back();
      model.message("error: " + Text.forTerminal(String.valueOf(e)));
    }
  }

  private void plan(boolean apply) throws IOException {
    List<MenuRow> chosen = model.closing();
    if (chosen.isEmpty()) {
      model.message("Nothing is marked to close: Space marks the row under the cursor.");
      return;
    }
    working("Planning...");
    planned = changes.plan(chosen);
    if (!apply) {
      model.message("");
      model.show("Plan: what a would do", planned.text());
      return;
    }
    changes.check(planned);
    model.message("");
    model.ask(
        "Apply: close " + count(chosen.size()),
        planned.text(),
        "Make these changes? [y/N]",
        MenuModel.Pending.APPLY);
  }

  private void apply() throws IOException {
    MenuChanges.Planned p = planned;
    planned = null;
    working("Applying...");
    MenuChanges.Applied applied;
    try {
      applied = changes.apply(p);
    } finally {
      model.setRows(changes.rows());
    }
    transcript.addAll(applied.report());
    model.message("Changed files: change set " + applied.changeSet() + " (undo with: u)");
    model.show("Done: closed " + count(p.targets().list().size()), applied.report());
  }

  private void askUndo() throws IOException {
    ChangeSetInfo last = changes.lastChange();
    if (last == null) {
      model.message("Nothing to undo: the journal has no change set that is not undone.");
      return;
    }
    undoing = last.id();
    // as `ajar log` shows it
    List<String> text = new ArrayList<>();
    text.add(
        last.id()
            + "  "
            + last.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + "  "
            + last.state().label()
            + "  "
            + last.changes()
            + (last.changes() == 1 ? " change" : " changes"));
    text.add("  " + Text.forTerminal(last.description()));
    last.summaries().forEach(s -> text.add("    " + Text.forTerminal(s)));
    model.message("");
    model.ask(
        "Undo: change set " + last.id(),
        text,
        "Undo change set " + last.id() + "? [y/N]",
        MenuModel.Pending.UNDO);
  }

  private void undo() throws IOException {
    String id = undoing;
    undoing = null;
    working("Undoing...");
    List<String> report;
    try {
      report = changes.undo(id);
    } finally {
      model.setRows(changes.rows());
    }
    transcript.addAll(report);
    model.message("Undid change set " + id + ".");
    model.show("Undone: change set " + id, report);
  }

  private static String count(int entries) {
    return entries + (entries == 1 ? " entry" : " entries");
  }

  /** Says what is going on before a slow step, where there is a screen to say it on. */
  private void working(String what) {
    model.message(what);
    if (screen != null) {
      screen.draw(false);
    }
  }

  /** The loop: until q, or the terminal is gone. */
  void run(Terminal terminal) throws IOException {
    Attributes saved = terminal.enterRawMode();
    Attributes raw = new Attributes(terminal.getAttributes());
    raw.setLocalFlag(Attributes.LocalFlag.ISIG, false); // Ctrl-C is a key: quit, or no
    terminal.setAttributes(raw);
    Screen s = new Screen(terminal, model);
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, sig -> s.draw(true));
    try {
      terminal.puts(Capability.enter_ca_mode);
      terminal.puts(Capability.keypad_xmit);
      terminal.puts(Capability.cursor_invisible);
      screen = s;
      s.draw(true);
      while (!model.done()) {
        MenuKeys.Key key = MenuKeys.read(terminal.reader());
        Action action = MenuKeys.action(key, model.mode());
        synchronized (s) {
          handle(action);
        }
        s.draw(action == Action.REDRAW);
      }
    } finally {
      screen = null;
      terminal.handle(Terminal.Signal.WINCH, previous);
      terminal.puts(Capability.cursor_visible);
      terminal.puts(Capability.keypad_local);
      terminal.puts(Capability.exit_ca_mode);
      terminal.setAttributes(saved);
      terminal.flush();
    }
  }

  /** The model on the terminal, at the terminal's size now. */
  private static final class Screen {
    private final Terminal terminal;
    private final MenuModel model;
    private final Display display;

    Screen(Terminal terminal, MenuModel model) {
      this.terminal = terminal;
      this.model = model;
      this.display = new Display(terminal, true);
    }

    synchronized void draw(boolean clear) {
      Size size = terminal.getSize();
      int rows = size.getRows() > 0 ? size.getRows() : 24;
      int columns = size.getColumns() > 0 ? size.getColumns() : 80;
      Size screen = Size.of(columns, rows);
      model.resize(rows, columns);
      display.resize(screen);
      if (clear) {
        display.clear();
      }
      MenuScreen.Frame frame = MenuScreen.render(model);
      display.update(frame.lines(), screen.cursorPos(frame.cursorRow(), frame.cursorColumn()));
      terminal.flush();
    }
  }
}
