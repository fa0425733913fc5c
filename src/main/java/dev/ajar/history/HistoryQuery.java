package dev.ajar.history;

import dev.ajar.host.BadInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which events {@code ajar history} shows: of one port (any protocol, or one), or of whatever a
 * word names (a service, an entry, a unit with or without its suffix, a package, a program, a
 * process name), since a time. Null fields select everything.
 */
public record HistoryQuery(Integer port, String protocol, String word, Instant since) {
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern PROTO_PORT =
      Pattern.compile("(tcp|udp|udplite|raw)/([0-9]{1,5})|([0-9]{1,5})/(tcp|udp|udplite|raw)");
  private static final Pattern RELATIVE = Pattern.compile("([0-9]{1,9})([smhdw])");

  public static HistoryQuery all() {
    return new HistoryQuery(null, null, null, null);
  }

  /**
   * The query of {@code ajar history [WHAT] [--since TIME]}: WHAT is a port ("22"), a protocol and
   * port ("tcp/22", "53/udp") or a word.
   */
  public static HistoryQuery of(String what, Instant since) {
    if (what == null || what.isBlank()) {
      return new HistoryQuery(null, null, null, since);
    }
    String w = what.strip().toLowerCase(Locale.ROOT);
    if (PORT.matcher(w).matches()) {
      return new HistoryQuery(port(w, what), null, null, since);
    }
    Matcher m = PROTO_PORT.matcher(w);
    if (m.matches()) {
      return m.group(1) != null
          ? new HistoryQuery(port(m.group(2), what), m.group(1), null, since)
          : new HistoryQuery(port(m.group(3), what), m.group(4), null, since);
    }
    return new HistoryQuery(null, null, what.strip(), since);
  }

  private static int port(String digits, String what) {
    int p = Integer.parseInt(digits);
    if (p > 65535) {
      throw new BadInputException("'" + what + "': port not between 0 and 65535");
    }
    return p;
  }

  /**
   * A time as {@code --since} takes it: a span back from {@code now} ("90s", "30m", "12h", "7d",
   * "2w"), a date ("2026-12-01", midnight in {@code zone}), a local date and time
   * ("2026-12-01T14:30", "2026-12-01 14:30:05") or one with an offset ("2026-12-01T14:30:00Z").
   *
   * @throws IllegalArgumentException naming what is expected
   */
  public static Instant parseTime(String text, Instant now, ZoneId zone) {
    String t = text.strip();
    Matcher m = RELATIVE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration unit =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
          };
      return now.minus(unit.multipliedBy(n));
    }
    String iso = t.replace(' ', 'T');
    try {
      if (iso.length() == 10) {
        return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
      }
      if (iso.endsWith("Z") || iso.matches(".*[+-][0-9]{2}:?[0-9]{2}$")) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': not a time (e.g. 2h, 7d, 2026-12-01, 2026-12-01T14:30, 2026-12-01T14:30:00Z)");
    }
  }
}
