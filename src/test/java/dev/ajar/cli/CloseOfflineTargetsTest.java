package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.remedy.RootFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `plan` closes on an offline root: a service the administrator names as Toxen does ("rsh",
 * which inetd.conf calls "shell"), and with --unlisted everything the policy does not allow among
 * the ports the root's next boot opens.
 */
class CloseOfflineTargetsTest {
  @TempDir Path dir;

  @Test
  void aServiceNamedByTheKnowledgeBaseFindsTheEntryOnItsPort() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    CliTest.Run plan = CliTest.run("--root", root.toString(), "plan", "--close", "rsh");
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("Disable inetd shell (/etc/inetd.conf:")
        .doesNotContain("finger");
  }

  @Test
  void unlistedOnAnOfflineRootClosesWhatItsBootWouldOpenAgainstThePolicy() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "version: 1\ndefault: deny\nrules:\n  - allow: {unit: ssh}\n"
            + "  - allow: {unit: cups}\n  - allow: {unit: avahi-daemon}\n");
    CliTest.Run plan =
        CliTest.run("--root", root.toString(), "plan", "--unlisted", "--policy", policy.toString());
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("Disable inetd finger", "Disable inetd shell", "Disable systemd rpcbind.socket");
    assertThat(plan.out()).doesNotContain("ssh.service", "cups.service", "avahi-daemon.service");
  }

  @Test
  void closingTheLastInetdEntriesOffersToStopStartingInetd() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    String[] all = {
      "--root",
      root.toString(),
      "plan",
      "--close",
      "discard",
      "--close",
      "daytime",
      "--close",
      "shell",
      "--close",
      "talk",
      "--close",
      "finger",
      "--close",
      "rstatd/1-5",
      "--close",
      "rusersd/2-3"
    };
    CliTest.Run offer = CliTest.run(all);
    assertThat(offer.code()).as(offer.err()).isZero();
    assertThat(offer.err())
        .contains("no active inetd entry would remain; add --superserver")
        .contains("systemd inetd.service");
    assertThat(offer.out()).doesNotContain("Disable systemd inetd.service");

    String[] with = java.util.Arrays.copyOf(all, all.length + 1);
    with[all.length] = "--superserver";
    CliTest.Run taken = CliTest.run(with);
    assertThat(taken.code()).as(taken.err()).isZero();
    assertThat(taken.out()).contains("Disable systemd inetd.service");

    CliTest.Run some = CliTest.run("--root", root.toString(), "plan", "--close", "finger");
    assertThat(some.err()).doesNotContain("--superserver");
  }

  @Test
  void twoNamesOfOneServiceAreOneTargetNotAnError() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    CliTest.Run plan =
        CliTest.run("--root", root.toString(), "plan", "--close", "finger", "--close", "79");
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out().split("Disable inetd finger", -1)).hasSize(2);
  }
}
