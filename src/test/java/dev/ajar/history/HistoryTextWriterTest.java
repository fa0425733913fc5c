package dev.ajar.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTextWriterTest {
  private static String write(List<Event> events, ZoneId zone) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HistoryTextWriter.write(events, zone, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void oneRowPerEventWithItsOwnerProcessPackageAndNote() {
    List<Event> events =
        List.of(
            new Event(
                1,
                1,
                HistoryStoreTest.change(
                    Change.Kind.OPENED, Change.How.INITIAL, 0, HistoryStoreTest.ssh(812))),
            new Event(
                2,
                2,
                HistoryStoreTest.change(
                    Change.Kind.OPENED, Change.How.START, 3600, HistoryStoreTest.finger())),
            new Event(
                3,
                2,
                HistoryStoreTest.change(
                    Change.Kind.CLOSED, Change.How.POLL, 3700, HistoryStoreTest.python(5353))));
    assertThat(write(events, ZoneId.of("UTC")))
        .isEqualTo(
            """
            TIME (UTC)           EVENT   PORT             ADDRESS    NETNS  OWNER                PROCESS                   PACKAGE                           NOTE
            2026-12-03 10:00:00  opened  tcp/22 (ssh)     0.0.0.0    host   systemd ssh.service  sshd (812, root)          openssh-server 1:9.2p1-2+deb12u7  open when the history began
            2026-12-03 11:00:00  opened  tcp/79 (finger)  ::         lab    inetd finger         inetd (700, root)         fingerd 0.17-18                   medium (knowledge base); while not watching, after 2026-12-03 10:59:50
            2026-12-03 11:01:40  closed  udp/5353         127.0.0.1  host   manual python3.11    python3 (4242, uid 1000)  -
            """);
  }

  @Test
  void noEvents() {
    assertThat(write(List.of(), ZoneId.of("UTC"))).isEqualTo("no events recorded\n");
  }
}
