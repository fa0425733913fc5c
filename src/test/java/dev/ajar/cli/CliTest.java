package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    return answering(null, args);
  }

  /** Runs with {@code answer} typed at the terminal (null: no terminal). */
  static Run answering(String answer, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        Main.run(
            answer == null
                ? null
                : new java.io.ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version").out()).startsWith("ajar ");
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("ports").contains("Exit codes");
    Run portsHelp = run("ports", "--help");
    assertThat(portsHelp.code()).isZero();
    assertThat(portsHelp.out()).contains("--netns").contains("--json");
  }

  @Test
  void usageErrorsExit2WithOneLine() {
    Run unknown = run("ports", "--bogus");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).startsWith("ajar ports: Unknown option: '--bogus'");
    assertThat(run("nosuchcommand").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void badPortRangesAreUsageErrors() {
    Run r = run("ports", "--port", "80-70");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'--port' (N[,M-K]): 80-70: range ends before it starts");
    assertThat(run("ports", "--port", "70000").err()).contains("not between 0 and 65535");
    assertThat(run("ports", "--port", "ssh").err()).contains("'ssh' is not a number");
  }

  @Test
  void portsOnAnOfflineRootIsBadInput(@TempDir Path root) {
    Run r = run("ports", "--root", root.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("is not running").doesNotContain("Exception");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void aMissingRootIsBadInput() {
    Run r = run("--root", "/nonexistent/root", "ports");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("/nonexistent/root").contains("no such file");
  }

  @Test
  void unknownNamespaceNamesTheKnownOnes() {
    Run r = run("ports", "--netns", "no-such-namespace-xyz");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("no such network namespace").contains("host");
  }

  @Test
  void jsonHasTheSchema() {
    Run r = run("ports", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("{\"schema\":\"ajar.ports/1\",\"sockets\":[");
  }

  @Test
  void aMalformedPolicyIsRejectedWithItsPosition(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(policy, "version: 1\nrules:\n  - allow: {port: ssh}\n");
    Run check = run("policy", "check", policy.toString());
    assertThat(check.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(check.err()).startsWith("ajar policy check: " + policy + ":3:").contains("ssh");
    assertThat(check.err().lines()).hasSize(1);
    Run audit = run("audit", "--policy", policy.toString());
    assertThat(audit.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(audit.err()).contains(policy + ":3:");
  }

  @Test
  void aGoodPolicyChecksOk(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("ok.yaml");
    java.nio.file.Files.writeString(
        policy, "version: 1\ndefault: deny\nrules:\n  - allow: {service: ssh}\n");
    Run check = run("policy", "check", policy.toString());
    assertThat(check.code()).isZero();
    assertThat(check.out()).contains("ok, 1 rules, default deny");
  }

  @Test
  void explainKnowsTheSeedsSuspects() {
    Run r = run("explain", "portmap");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("[rpcbind]").contains("111");
    Run unknown = run("explain", "no-such-thing-at-all");
    assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("audit", "--fail-on", "bogus").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void planAndCloseNeedEitherNamesOrUnlistedWithAPolicy(@TempDir Path root) {
    assertThat(run("plan").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("plan", "--unlisted").err()).contains("--unlisted needs --policy FILE");
    assertThat(run("plan", "--unlisted", "--close", "finger").code()).isEqualTo(ExitCodes.USAGE);
    Run offline =
        run("--root", root.toString(), "close", "--unlisted", "--policy", "/nonexistent.yaml");
    assertThat(offline.code()).isIn(ExitCodes.BAD_INPUT);
  }
}
