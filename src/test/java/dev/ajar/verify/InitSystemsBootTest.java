package dev.ajar.verify;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init system of each fixture layout (src/test/resources/initscripts, README there) and what it
 * starts at boot: S links of the default runlevel, OpenRC runlevels, Slackware's execute bits,
 * runit's service links, and the init scripts systemd-sysv-generator would wrap.
 */
class InitSystemsBootTest {
  static final Path FIXTURES = Path.of("src/test/resources/initscripts");

  @TempDir Path tmp;

  static BootPrediction predict(Path root) {
    return new BootPredictor(
            Host.offline(root),
            KnowledgeBase.bundled(),
            DaemonConfigReaders.all(),
            Supervisors.all(),
            PackageDatabases.all())
        .predict(new Diagnostics());
  }

  static Set<String> owners(BootPrediction p) {
    Set<String> owners = new TreeSet<>();
    p.ports()
        .forEach(
            x ->
                owners.add(
                    x.owner().supervisor()
                        + ":"
                        + x.owner().entry()
                        + " "
                        + x.protocol().label()
                        + "/"
                        + x.port()));
    return owners;
  }

  @Test
  void redHatStartsWhatRunlevel3Links() {
    BootPrediction p = predict(FIXTURES.resolve("redhat"));
    assertThat(p.init()).isEqualTo(InitSystem.SYSV);
    assertThat(p.target()).isEqualTo("runlevel 3");
    // sshd (2345) and vsftpd (linked in rc3.d by hand) start; portmap is off in runlevel 3
    assertThat(owners(p)).containsExactlyInAnyOrder("sysv:sshd tcp/22", "sysv:vsftpd tcp/21");
  }

  @Test
  void alpineStartsTheBootAndDefaultRunlevels() {
    BootPrediction p = predict(FIXTURES.resolve("alpine"));
    assertThat(p.init()).isEqualTo(InitSystem.OPENRC);
    assertThat(owners(p))
        .contains("openrc:rpcbind tcp/111", "openrc:rpcbind udp/111", "openrc:sshd tcp/22");
    assertThat(owners(p)).noneMatch(o -> o.startsWith("openrc:vsftpd"));
  }

  @Test
  void slackwareStartsItsExecutableScripts() throws IOException {
    BootPrediction p = predict(FIXTURES.resolve("slackware"));
    assertThat(p.init()).isEqualTo(InitSystem.SLACKWARE);
    assertThat(owners(p)).contains("slackware:rc.sshd tcp/22");
    assertThat(owners(p)).noneMatch(o -> o.contains("vsftpd"));
  }

  @Test
  void voidStartsTheLinkedRunitServices() {
    BootPrediction p = predict(FIXTURES.resolve("void"));
    assertThat(p.init()).isEqualTo(InitSystem.RUNIT);
    assertThat(owners(p)).containsExactly("runit:sshd tcp/22");
  }

  @Test
  void debianSysvStartsRcSAndTheDefaultRunlevel() {
    BootPrediction p = predict(FIXTURES.resolve("debian"));
    assertThat(p.init()).isEqualTo(InitSystem.SYSV);
    assertThat(p.target()).isEqualTo("runlevel 2");
    // ssh by S01ssh in rc2.d, rpcbind from rcS.d; openbsd-inetd has only a K link in rc2.d
    assertThat(owners(p))
        .containsExactlyInAnyOrder(
            "sysv:ssh tcp/22", "sysv:rpcbind tcp/111", "sysv:rpcbind udp/111");
  }

  @Test
  void underSystemdAnInitScriptWithANativeUnitIsNotStartedTwice() {
    BootPrediction p = predict(FIXTURES.resolve("debian-systemd"));
    assertThat(p.init()).isEqualTo(InitSystem.SYSTEMD);
    assertThat(owners(p)).noneMatch(o -> o.startsWith("sysv:"));
    assertThat(owners(p))
        .contains(
            "systemd:rpcbind.socket tcp/111",
            "inetd:finger tcp/79",
            "systemd:vsftpd.service tcp/21");
  }

  @Test
  void underSystemdAnInitScriptWithoutAUnitIsStartedByTheGenerator() throws IOException {
    Path root = tmp.resolve("root");
    RootFixture.copyTree(FIXTURES.resolve("debian-systemd"), root);
    Files.writeString(root.resolve("etc/init.d/ssh"), "#!/bin/sh\nDAEMON=/usr/sbin/sshd\n");
    Files.createSymbolicLink(root.resolve("etc/rc2.d/S01ssh"), Path.of("../init.d/ssh"));
    BootPrediction p = predict(root);
    assertThat(p.ports())
        .anyMatch(
            x ->
                x.owner().entry().equals("ssh")
                    && x.startedBy().equals("S01ssh in /etc/rc2.d (systemd-sysv-generator)"));
  }

  @Test
  void aRootWithNoInitSystemPredictsNothingAndSaysWhy() throws IOException {
    Files.createDirectories(tmp.resolve("empty/etc"));
    Diagnostics d = new Diagnostics();
    BootPrediction p =
        new BootPredictor(
                Host.offline(tmp.resolve("empty")),
                KnowledgeBase.bundled(),
                DaemonConfigReaders.all(),
                Supervisors.all(),
                PackageDatabases.all())
            .predict(d);
    assertThat(p.init()).isEqualTo(InitSystem.UNKNOWN);
    assertThat(p.ports()).isEmpty();
    assertThat(d.all()).anyMatch(x -> x.message().contains("no init system"));
  }
}
