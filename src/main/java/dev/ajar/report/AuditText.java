package dev.ajar.report;

import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.Text;

/** The words the formats of `ajar audit` (and `ajar explain`) share: a port, an owner. */
final class AuditText {
  private AuditText() {}

  /** "tcp/79". */
  static String port(OpenSocket s) {
    return s.socket().protocol().label() + "/" + s.socket().local().port();
  }

  /** "inetd finger (/etc/inetd.conf:12) /usr/sbin/in.fingerd", escaped for a terminal. */
  static String owner(Owner o) {
    if (o == null) {
      return "unknown";
    }
    StringBuilder sb = new StringBuilder(o.supervisor().label());
    if (o.entry() != null) {
      sb.append(' ').append(Text.forTerminal(o.entry()));
    }
    if (o.file() != null) {
      sb.append(" (").append(Text.forTerminal(o.file()));
      if (o.line() > 0) {
        sb.append(':').append(o.line());
      }
      sb.append(')');
    }
    if (o.program() != null) {
      sb.append(' ').append(Text.forTerminal(o.program()));
    }
    return sb.toString();
  }
}
