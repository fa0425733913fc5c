package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatParserTest {
  static final String SSHD =
      "812 (sshd) S 1 812 812 0 -1 4194560 1160 0 0 0 2 1 0 0 20 0 1 0 1043 15863808 2226 "
          + "18446744073709551615 1 1 0 0 0 0 0 4096 81926 0 0 0 17 1 0 0 0 0 0";

  @Test
  void readsPidNameParentAndStart() {
    var stat = ProcStatParser.parse(SSHD);
    assertThat(stat).isEqualTo(new ProcStatParser.Stat(812, "sshd", 1, 1043));
  }

  @Test
  void aNameWithParenthesesSpacesAndNewlinesIsTakenWhole() {
    var stat = ProcStatParser.parse(SSHD.replace("(sshd)", "(a) S 9 (b\nc)"));
    assertThat(stat.comm()).isEqualTo("a) S 9 (b\nc");
    assertThat(stat.ppid()).isEqualTo(1);
  }

  @Test
  void truncatedOrGarbageGivesNull() {
    assertThat(ProcStatParser.parse("812 (sshd) S 1 812")).isNull();
    assertThat(ProcStatParser.parse("")).isNull();
    assertThat(ProcStatParser.parse("x (y) S z" + " 0".repeat(30))).isNull();
  }
}
