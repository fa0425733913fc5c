package dev.ajar.menu;

import java.util.List;

/** The text of `?`. */
final class MenuHelp {
  private MenuHelp() {}

  static final List<String> TEXT =
      List.of(
          "A row is what starts ports (a supervisor entry): its ports, its package, how far",
          "they are exposed, the audit's risk.  [*] kept open  [ ] to be closed  - cannot be",
          "closed from here (the line under the list says why).",
          "",
          "  Up Down k j       move (Ctrl-P, Ctrl-N too)",
          "  PgUp PgDn         a page up or down (Ctrl-B, Ctrl-F too)",
          "  Home End g G      the first or the last row",
          "  Space             keep the row open, or close it",
          "  p                 the plan: the steps 'ajar plan' prints for the rows to close",
          "  a                 apply: the plan, then a question; only y makes the changes",
          "  u                 undo the last change set of the journal, after y",
          "  ?                 this help",
          "  q Esc             quit; in a text like this one, back to the list",
          "  Ctrl-L            draw the screen again",
          "",
          "A close disables the entry where it is started, persistently, as 'ajar close'",
          "does, journaled in the root (/var/lib/ajar): 'ajar log' lists the change sets,",
          "u or 'ajar undo' reverts one byte for byte. Live, the daemons are stopped too;",
          "with --root DIR only files change. The port of the SSH connection the menu runs",
          "through is never closed from here.");
}
