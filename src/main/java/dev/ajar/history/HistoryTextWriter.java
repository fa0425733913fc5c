package dev.ajar.history;

import dev.ajar.model.Text;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ajar history} as a table, oldest event first: when, opened or closed, the port, who owned
 * it, the holding process and package, and a note (the finding; a change seen at a watcher's start,
 * which happened while nothing watched). Text a process chose is escaped for the terminal.
 */
public final class HistoryTextWriter {
  private static final String[] HEADER = {
    "TIME", "EVENT", "PORT", "ADDRESS", "NETNS", "OWNER", "PROCESS", "PACKAGE", "NOTE"
  };

  private HistoryTextWriter() {}

  /**
   * @param zone the zone the times are shown in (named in the header)
   */
  public static void write(List<Event> events, ZoneId zone, PrintStream out) {
    if (events.isEmpty()) {
      out.println("no events recorded");
      return;
    }
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    List<String[]> rows = new ArrayList<>();
    String[] header = HEADER.clone();
    header[0] = "TIME (" + zone.getDisplayName(TextStyle.SHORT, Locale.ROOT) + ")";
    rows.add(header);
    for (Event e : events) {
      rows.add(row(e.change(), time));
    }
    int[] widths = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (String[] r : rows) {
      line.setLength(0);
      int last = r.length - 1;
      while (last > 0 && r[last].isEmpty()) {
        last--;
      }
      for (int i = 0; i <= last; i++) {
        line.append(r[i]);
        if (i < last) {
          line.append(" ".repeat(widths[i] - r[i].length() + 2));
        }
      }
      out.println(line);
    }
  }

  private static String[] row(Change c, DateTimeFormatter time) {
    PortState s = c.port();
    PortKey k = s.key();
    return new String[] {
      time.format(c.time()),
      c.kind().label(),
      k.protocol() + "/" + k.port() + (s.service() == null ? "" : " (" + s.service() + ")"),
      k.address(),
      Text.forTerminal(k.netns()),
      Text.forTerminal(owner(k, s)),
      Text.forTerminal(process(s)),
      s.pkg() == null ? "-" : s.pkg().name() + " " + s.pkg().version(),
      note(c, time)
    };
  }

  /** "systemd ssh.service", "inetd finger", "manual python3.11", "-" when no owner is seen. */
  static String owner(PortKey k, PortState s) {
    if (!k.hasOwner()) {
      return "-";
    }
    if (k.supervisor().equals("manual")) {
      String program = s.program() == null ? k.entry() : s.program();
      return "manual " + program.substring(program.lastIndexOf('/') + 1);
    }
    return k.supervisor() + " " + k.entry();
  }

  /** "python3 (812, root)", "(uid 1000)" when no holder is seen. */
  static String process(PortState s) {
    if (s.pid() < 0) {
      return "(uid " + s.uid() + ")";
    }
    return (s.process() == null ? "?" : s.process())
        + " ("
        + s.pid()
        + ", "
        + (s.user() == null ? "uid " + s.uid() : s.user())
        + ")";
  }

  private static String note(Change c, DateTimeFormatter time) {
    List<String> notes = new ArrayList<>();
    Verdict v = c.port().verdict();
    if (v != null) {
      notes.add(v.severity().label() + " (" + v.rule() + ")");
    }
    switch (c.how()) {
      case INITIAL -> notes.add("open when the history began");
      case START ->
          notes.add(
              "while not watching"
                  + (c.since() == null ? "" : ", after " + format(time, c.since())));
      case POLL -> {}
    }
    return String.join("; ", notes);
  }

  private static String format(DateTimeFormatter time, Instant t) {
    return time.format(t);
  }
}
