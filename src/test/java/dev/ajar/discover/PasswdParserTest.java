package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswdParserTest {
  @Test
  void firstEntryWinsAndBrokenLinesAreSkipped() {
    var names =
        PasswdParser.parse(
            "root:x:0:0:root:/root:/bin/bash\n"
                + "toor:x:0:0::/root:/bin/sh\n"
                + "broken line\n"
                + "+nis::::::\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
                + "big:x:99999999999999999999:0::/:\n");
    assertThat(names).containsEntry(0, "root").containsEntry(65534, "nobody").hasSize(2);
  }
}
