package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import dev.ajar.history.Verdict;
import dev.ajar.model.Text;

/**
 * A change as one log line (stdout, the journal, syslog): the event and the port, then key=value
 * pairs (logfmt), values quoted where they hold a blank or a quote, and text a process chose
 * escaped, so one change is always one line.
 *
 * <pre>
 * opened tcp 127.0.0.1:8080 netns=host owner=manual program=/usr/bin/python3.11 pid=812
 * process=python3 user=root service=http-alt exposure=loopback finding=info
 * rule="knowledge base" how=poll time=2026-12-03T14:35:18.120Z since=2026-12-03T14:35:17.101Z
 * </pre>
 */
final class ChangeText {
  private ChangeText() {}

  static String line(Change c) {
    PortState s = c.port();
    PortKey k = s.key();
    StringBuilder b = new StringBuilder(200);
    b.append(c.kind().label()).append(' ').append(k.endpoint());
    pair(b, "netns", k.netns());
    if (k.hasOwner()) {
      pair(b, "owner", k.supervisor());
      if (!k.supervisor().equals("manual")) {
        pair(b, "entry", k.entry());
      }
    } else {
      pair(b, "owner", "unknown");
    }
    pair(b, "program", s.program());
    if (s.pid() >= 0) {
      pair(b, "pid", Integer.toString(s.pid()));
    }
    pair(b, "process", s.process());
    pair(b, "user", s.user());
    if (s.user() == null) {
      pair(b, "uid", Integer.toString(s.uid()));
    }
    if (s.pkg() != null) {
      pair(b, "package", s.pkg().name());
      pair(b, "version", s.pkg().version());
    }
    pair(b, "service", s.service());
    pair(b, "exposure", s.exposure());
    Verdict v = s.verdict();
    if (v != null) {
      pair(b, "finding", v.severity().label());
      pair(b, "rule", v.rule());
    }
    pair(b, "how", c.how().label());
    pair(b, "time", c.time().toString());
    pair(b, "since", c.since() == null ? null : c.since().toString());
    return b.toString();
  }

  /**
   * The syslog severity of a change: a finding's (critical 2, high 3, medium 4, low 5), else
   * informational (6).
   */
  static int syslogSeverity(Change c) {
    Verdict v = c.port().verdict();
    if (v == null || c.kind() == Change.Kind.CLOSED) {
      return 6;
    }
    return switch (v.severity()) {
      case CRITICAL -> 2;
      case HIGH -> 3;
      case MEDIUM -> 4;
      case LOW -> 5;
      case INFO -> 6;
    };
  }

  private static void pair(StringBuilder b, String key, String value) {
    if (value == null) {
      return;
    }
    b.append(' ').append(key).append('=');
    String v = Text.forTerminal(value);
    boolean quote =
        v.isEmpty() || v.indexOf(' ') >= 0 || v.indexOf('"') >= 0 || v.indexOf('=') >= 0;
    if (!quote) {
      b.append(v);
      return;
    }
    b.append('"');
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == '"') {
        b.append('\\');
      }
      b.append(ch);
    }
    b.append('"');
  }
}
