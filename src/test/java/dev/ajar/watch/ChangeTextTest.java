package dev.ajar.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.history.Change;
import dev.ajar.history.PortKey;
import dev.ajar.history.PortState;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ChangeTextTest {
  @Test
  void aChangeIsOneLogfmtLine() {
    Change c =
        new Change(
            Change.Kind.OPENED, Change.How.POLL, Ports.t(10), Ports.t(0), Ports.judged(8080, 812));
    assertThat(ChangeText.line(c))
        .isEqualTo(
            "opened tcp 127.0.0.1:8080 netns=host owner=manual program=/usr/bin/python3.11"
                + " pid=812 process=python3 user=root package=python3.11-minimal"
                + " version=3.11.2-6 exposure=loopback finding=info rule=\"knowledge base\""
                + " how=poll time=2026-12-03T10:00:10Z since=2026-12-03T10:00:00Z");
    assertThat(ChangeText.syslogSeverity(c)).isEqualTo(6);
  }

  @Test
  void hostileTextStaysOnOneLineAndQuotesAreEscaped() {
    PortState s =
        new PortState(
            new PortKey("netns:[4026532001]", "udp", "::", 53, "systemd", "evil\"x.service"),
            null,
            "any",
            null,
            0,
            null,
            null,
            7,
            "bad\nname\u001b[31m",
            null,
            1000,
            null);
    String line =
        ChangeText.line(new Change(Change.Kind.CLOSED, Change.How.START, Ports.t(0), null, s));
    assertThat(line)
        .isEqualTo(
            "closed udp [::]:53 netns=netns:[4026532001] owner=systemd entry=\"evil\\\"x.service\""
                + " pid=7 process=bad\\nname\\x1b[31m uid=1000 exposure=any how=start"
                + " time=2026-12-03T10:00:00Z");
    assertThat(line).doesNotContain("\n");
  }

  @Test
  void syslogDatagramsAreRfc3164() {
    byte[] d =
        Syslog.datagram(4, ZonedDateTime.of(2026, 12, 3, 9, 5, 7, 0, ZoneId.of("UTC")), 812, "hi");
    assertThat(new String(d, StandardCharsets.UTF_8))
        .isEqualTo("<28>Dec  3 09:05:07 ajar[812]: hi");
    assertThat(Syslog.datagram(6, ZonedDateTime.now(), 1, "x".repeat(5000))).hasSize(2048);
  }
}
