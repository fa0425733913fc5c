package dev.ajar.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.host.BadInputException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void whatIsAPortAProtocolAndPortOrAWord() {
    assertThat(HistoryQuery.of("22", null)).isEqualTo(new HistoryQuery(22, null, null, null));
    assertThat(HistoryQuery.of("TCP/22", null)).isEqualTo(new HistoryQuery(22, "tcp", null, null));
    assertThat(HistoryQuery.of("53/udp", NOW)).isEqualTo(new HistoryQuery(53, "udp", null, NOW));
    assertThat(HistoryQuery.of("ssh.service", null).word()).isEqualTo("ssh.service");
    assertThat(HistoryQuery.of(null, null)).isEqualTo(HistoryQuery.all());
    assertThatThrownBy(() -> HistoryQuery.of("70000", null))
        .isInstanceOf(BadInputException.class)
        .hasMessage("'70000': port not between 0 and 65535");
  }

  @Test
  void timesAreSpansBackDatesOrDateTimes() {
    assertThat(HistoryQuery.parseTime("90s", NOW, BERLIN)).isEqualTo(NOW.minusSeconds(90));
    assertThat(HistoryQuery.parseTime("2h", NOW, BERLIN)).isEqualTo(NOW.minusSeconds(7200));
    assertThat(HistoryQuery.parseTime("7d", NOW, BERLIN)).isEqualTo(NOW.minusSeconds(7 * 86400));
    assertThat(HistoryQuery.parseTime("1w", NOW, BERLIN)).isEqualTo(NOW.minusSeconds(7 * 86400));
    assertThat(HistoryQuery.parseTime("2026-12-01", NOW, BERLIN))
        .isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
    assertThat(HistoryQuery.parseTime("2026-12-01T14:30", NOW, BERLIN))
        .isEqualTo(Instant.parse("2026-12-01T13:30:00Z"));
    assertThat(HistoryQuery.parseTime("2026-12-01 14:30:05", NOW, BERLIN))
        .isEqualTo(Instant.parse("2026-12-01T13:30:05Z"));
    assertThat(HistoryQuery.parseTime("2026-12-01T14:30:00Z", NOW, BERLIN))
        .isEqualTo(Instant.parse("2026-12-01T14:30:00Z"));
    assertThat(HistoryQuery.parseTime("2026-12-01T14:30:00+02:00", NOW, BERLIN))
        .isEqualTo(Instant.parse("2026-12-01T12:30:00Z"));
    assertThatThrownBy(() -> HistoryQuery.parseTime("yesterday", NOW, BERLIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'yesterday': not a time");
  }
}
