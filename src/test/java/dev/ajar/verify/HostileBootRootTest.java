package dev.ajar.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.KnowledgeBase;
import dev.ajar.packages.PackageDatabases;
import dev.ajar.remedy.RootFixture;
import dev.ajar.supervisors.InitSystem;
import dev.ajar.supervisors.Supervisors;
import dev.ajar.verify.config.DaemonConfigReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root built to mislead boot prediction: links out of the root, loops, dangling wants, a FIFO
 * where a configuration file should be, a 5 MB inetd.conf of comments. Prediction goes on, reports
 * diagnostics, and never reads outside the root.
 */
class HostileBootRootTest {
  @TempDir Path tmp;

  @Test
  void aHostileRootIsDiagnosedNotObeyed() throws Exception {
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    // A "unit" outside the root that would start a listener if followed.
    Files.writeString(outside.resolve("evil.socket"), "[Socket]\nListenStream=6666\n");
    Path root = RootFixture.make(tmp.resolve("root"));
    Path etc = root.resolve("etc/systemd/system");
    Files.createDirectories(root.resolve("sbin"));
    Files.createSymbolicLink(root.resolve("sbin/init"), Path.of("/lib/systemd/systemd"));
    // wants links: out of the root, dangling, and a loop
    Files.createSymbolicLink(
        etc.resolve("sockets.target.wants/evil.socket"), outside.resolve("evil.socket"));
    Files.createSymbolicLink(
        etc.resolve("sockets.target.wants/gone.socket"),
        Path.of("/lib/systemd/system/gone.socket"));
    Files.createSymbolicLink(etc.resolve("loop.service"), Path.of("loop.service"));
    Files.createDirectories(etc.resolve("multi-user.target.wants"));
    Files.createSymbolicLink(
        etc.resolve("multi-user.target.wants/loop.service"), Path.of("../loop.service"));
    // a FIFO for a daemon's configuration, and an inetd.conf of 5 MB of comments
    Files.createDirectories(root.resolve("etc/ssh"));
    new ProcessBuilder("mkfifo", root.resolve("etc/ssh/sshd_config").toString()).start().waitFor();
    String line = "# " + "x".repeat(1000) + "\n";
    Files.writeString(root.resolve("etc/inetd.conf"), line.repeat(5_000));

    Diagnostics d = new Diagnostics();
    BootPrediction[] p = new BootPrediction[1];
    assertThatCode(
            () ->
                p[0] =
                    new BootPredictor(
                            Host.offline(root),
                            KnowledgeBase.bundled(),
                            DaemonConfigReaders.all(),
                            Supervisors.all(),
                            PackageDatabases.all())
                        .predict(d))
        .doesNotThrowAnyException();
    assertThat(p[0].init()).isEqualTo(InitSystem.SYSTEMD);
    assertThat(p[0].ports()).noneMatch(x -> x.port() == 6666);
    // rpcbind.socket is still predicted: one bad entry does not spoil the rest
    assertThat(p[0].ports()).anyMatch(x -> x.port() == 111);
    assertThat(d.all()).isNotEmpty();
  }

  @Test
  void anInitLinkOutOfTheRootIsReadInsideIt() throws IOException {
    Path root = tmp.resolve("r");
    Files.createDirectories(root.resolve("sbin"));
    Files.createDirectories(root.resolve("etc/rc.d"));
    Files.writeString(root.resolve("etc/rc.d/rc.M"), "#!/bin/sh\n");
    Files.createSymbolicLink(
        root.resolve("sbin/init"), Path.of("../../../../../lib/systemd/systemd"));
    // The link's name says systemd, but inside the root there is no systemd: Slackware's rc.M
    // decides only when init is a file; here the link names systemd and is taken at its word.
    assertThat(InitSystem.detect(Host.offline(root))).isEqualTo(InitSystem.SYSTEMD);
    Diagnostics d = new Diagnostics();
    assertThatCode(
            () ->
                new BootPredictor(
                        Host.offline(root),
                        KnowledgeBase.bundled(),
                        DaemonConfigReaders.all(),
                        Supervisors.all(),
                        PackageDatabases.all())
                    .predict(d))
        .doesNotThrowAnyException();
  }
}
