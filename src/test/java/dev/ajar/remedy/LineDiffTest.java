package dev.ajar.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Two entries commented in one inetd.conf merge; edits of one line do not; the diff reads right.
 */
class LineDiffTest {
  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static final String BASE =
      "# /etc/inetd.conf\n"
          + "shell\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.rshd\n"
          + "talk\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/in.talkd\tin.talkd\n"
          + "finger\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd\t/usr/sbin/in.fingerd\n";

  @Test
  void editsOfDifferentLinesMergeAsDiff3Would() {
    String shell = BASE.replace("shell\t", "#shell\t");
    String finger = BASE.replace("finger\t", "#finger\t");
    assertThat(LineDiff.merge(b(BASE), b(shell), b(finger)))
        .hasValueSatisfying(
            m ->
                assertThat(new String(m, StandardCharsets.ISO_8859_1))
                    .isEqualTo(
                        BASE.replace("shell\t", "#shell\t").replace("finger\t", "#finger\t")));
    // Adjacent lines, an insertion, and the same edit made by both.
    String talk = BASE.replace("talk\t", "#talk\t");
    String added = BASE + "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/telnetd\n";
    byte[] three =
        LineDiff.merge(b(BASE), LineDiff.merge(b(BASE), b(shell), b(talk)).orElseThrow(), b(added))
            .orElseThrow();
    assertThat(new String(three, StandardCharsets.ISO_8859_1))
        .isEqualTo(added.replace("shell\t", "#shell\t").replace("talk\t", "#talk\t"));
    assertThat(LineDiff.merge(b(BASE), b(shell), b(shell)))
        .hasValueSatisfying(m -> assertThat(m).isEqualTo(b(shell)));
  }

  @Test
  void editsOfOneLineOrOneInsertionPointConflict() {
    assertThat(
            LineDiff.merge(
                b(BASE),
                b(BASE.replace("talk\t", "#talk\t")),
                b(BASE.replace("talk\t", "# talk\t"))))
        .isEmpty();
    assertThat(LineDiff.merge(b("a\n"), b("a\nb\n"), b("a\nc\n"))).isEmpty();
  }

  @Test
  void bytesThatAreNotUtf8AndAMissingFinalNewlineSurvive() {
    byte[] base = {'a', '\n', (byte) 0xff, '\n', 'z'};
    byte[] ours = {'#', 'a', '\n', (byte) 0xff, '\n', 'z'};
    byte[] theirs = {'a', '\n', (byte) 0xff, '\n', '#', 'z'};
    assertThat(LineDiff.merge(base, ours, theirs))
        .hasValueSatisfying(
            m -> assertThat(m).isEqualTo(new byte[] {'#', 'a', '\n', (byte) 0xff, '\n', '#', 'z'}));
  }

  @Test
  void unifiedDiffHasContextAndRanges() {
    StringBuilder base = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      base.append("line ").append(i).append('\n');
    }
    String after = base.toString().replace("line 10\n", "#line 10\n");
    assertThat(LineDiff.unified("/etc/x", b(base.toString()), b(after)))
        .containsExactly(
            "--- /etc/x",
            "+++ /etc/x",
            "@@ -7,7 +7,7 @@",
            " line 7",
            " line 8",
            " line 9",
            "-line 10",
            "+#line 10",
            " line 11",
            " line 12",
            " line 13");
    assertThat(LineDiff.unified("/etc/x", b("a\n"), b("a\nb\n")))
        .containsExactly("--- /etc/x", "+++ /etc/x", "@@ -1,1 +1,2 @@", " a", "+b");
    assertThat(LineDiff.unified("/etc/x", b(""), b("new\n")))
        .containsExactly("--- /etc/x", "+++ /etc/x", "@@ -0,0 +1,1 @@", "+new");
    assertThat(LineDiff.unified("/etc/x", b("same\n"), b("same\n"))).isEmpty();
  }
}
