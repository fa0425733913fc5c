package dev.ajar.menu;

import dev.ajar.host.BadInputException;
import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal the menu draws on: the process's own, through JLine's FFM provider (its exec
 * provider, which runs stty, when FFM cannot be used), never a "dumb" stand-in: without a terminal
 * that can address the cursor the menu refuses in one line.
 */
final class MenuTerminal {
  private MenuTerminal() {}

  static Terminal system() {
    Terminal terminal;
    try {
      terminal =
          TerminalBuilder.builder()
              .name("ajar menu")
              .system(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysOut)
              .providers("ffm,exec")
              .dumb(false)
              .nativeSignals(true)
              .build();
    } catch (IOException | IllegalStateException e) {
      throw new BadInputException(
          "no terminal to draw on: standard input and output must both be a terminal ("
              + e.getMessage()
              + ")");
    }
    if (terminal.getStringCapability(Capability.cursor_address) == null) {
      String type = terminal.getType();
      try {
        terminal.close();
      } catch (IOException e) {
        // refused anyway
      }
      throw new BadInputException(
          "the terminal (TERM=" + type + ") cannot move its cursor; use ajar plan and ajar close");
    }
    return terminal;
  }
}
