package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class WatchCommandTest {
  @TempDir Path dir;

  @Test
  void onceRecordsTheOpenPortsAndHistoryShowsThem() {
    Path db = dir.resolve("history.db");
    CliTest.Run once =
        CliTest.run("watch", "--once", "--db", db.toString(), "--syslog", "no", "--netns", "host");
    assertThat(once.code()).as(once.err()).isZero();
    CliTest.Run again =
        CliTest.run("watch", "--once", "--db", db.toString(), "--syslog", "no", "--netns", "host");
    assertThat(again.code()).as(again.err()).isZero();
    CliTest.Run json = CliTest.run("history", "--db", db.toString(), "--json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.history/1");
    assertThat(doc.get("database").asString()).isEqualTo(db.toString());
    for (JsonNode e : doc.get("events")) {
      // what is open was opened at the first run, never again
      assertThat(e.get("event").asString()).isIn("opened", "closed");
      assertThat(e.get("run").asInt()).isIn(1, 2);
    }
    CliTest.Run text = CliTest.run("history", "--db", db.toString(), "--since", "1h");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).matches("(?s)(no events recorded|TIME \\(.*)\n");
  }

  @Test
  void badUseIsOneLine() {
    CliTest.Run root = CliTest.run("--root", dir.toString(), "watch", "--once");
    assertThat(root.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(root.err()).isEqualTo("ajar watch: watches the running host only (no --root)\n");
    CliTest.Run interval = CliTest.run("watch", "--interval", "0");
    assertThat(interval.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(interval.err()).startsWith("ajar watch: --interval: 0 is less than 1\n");
    CliTest.Run missing = CliTest.run("history", "--db", dir.resolve("no.db").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err())
        .isEqualTo(
            "ajar history: "
                + dir.resolve("no.db")
                + ": no history here (ajar watch records it; --db names another file)\n");
    CliTest.Run since = CliTest.run("history", "--since", "yesterday");
    assertThat(since.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(since.err()).contains("'yesterday': not a time");
    CliTest.Run port = CliTest.run("history", "--db", dir.resolve("no.db").toString(), "99999");
    assertThat(port.code()).isEqualTo(ExitCodes.BAD_INPUT);
    CliTest.Run underRoot = CliTest.run("--root", dir.toString(), "history");
    assertThat(underRoot.err()).contains(dir.resolve("var/lib/ajar/history.db").toString());
  }
}
