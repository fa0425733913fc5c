package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Closing for real: the root's own inetd serves finger in a lab; `ajar --root ROOT close finger`
 * comments its line (journaled), inetd re-reads its configuration, and port 79 refuses connections
 * while inetd goes on serving telnet; `ajar undo` reopens it.
 */
class CloseLiveIT {
  static Path work;
  static Path tree;
  static RootLab lab;

  @BeforeAll
  static void up() throws Exception {
    Path root = RootLab.buildRoot("inetd");
    work = Files.createTempDirectory("ajar-close-");
    tree = work.resolve("root");
    // The lab's own copy: /etc copied (it is edited), the rest hard-linked.
    exec("cp", "-al", root.toString(), tree.toString());
    exec("rm", "-rf", tree.resolve("etc").toString());
    exec("cp", "-a", root.resolve("etc").toString(), tree.resolve("etc").toString());
    lab = RootLab.up("ajar-close", tree);
  }

  @AfterAll
  static void down() throws Exception {
    if (lab != null) {
      lab.close();
    }
    if (work != null) {
      Integration.deleteTree(work);
    }
  }

  static void exec(String... argv) throws Exception {
    var r = Integration.exec(Duration.ofMinutes(2), argv);
    assertThat(r.code()).as(String.join(" ", argv) + ": " + r.err()).isZero();
  }

  /** Whether something listens on the TCP port inside the lab. */
  static boolean listening(int port) throws Exception {
    var r =
        Integration.exec(
            Duration.ofSeconds(30),
            "ip",
            "netns",
            "exec",
            lab.name,
            "ss",
            "-Hltn",
            "sport",
            "=",
            ":" + port);
    return !r.out().isBlank();
  }

  static boolean waitFor(int port, boolean open) throws Exception {
    for (int i = 0; i < 50; i++) {
      if (listening(port) == open) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  static String finger() throws Exception {
    return Integration.exec(
            Duration.ofSeconds(30),
            "ip",
            "netns",
            "exec",
            lab.name,
            "bash",
            "-c",
            "exec 3<>/dev/tcp/127.0.0.1/79 && echo root >&3 && timeout 5 cat <&3")
        .out();
  }

  @Test
  void fingerClosesAndUndoReopensItWhileInetdServesTheRest() throws Exception {
    assertThat(finger()).contains("Login: root");
    assertThat(listening(23)).isTrue();

    var close = Integration.ajar("--root", tree.toString(), "close", "finger", "--yes");
    assertThat(close.code()).as(close.err()).isZero();
    exec("kill", "-HUP", Integer.toString(lab.pid("INETD")));
    assertThat(waitFor(79, false)).as("port 79 closed after SIGHUP").isTrue();
    var refused =
        Integration.exec(
            Duration.ofSeconds(30),
            "ip",
            "netns",
            "exec",
            lab.name,
            "bash",
            "-c",
            "exec 3<>/dev/tcp/127.0.0.1/79");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("Connection refused");
    assertThat(listening(23)).as("inetd still serves telnet").isTrue();
    assertThat(Integration.ajarJson("--netns", lab.name).get("sockets").toString())
        .doesNotContain("\"port\":79");

    var undo = Integration.ajar("--root", tree.toString(), "undo");
    assertThat(undo.code()).as(undo.err()).isZero();
    exec("kill", "-HUP", Integer.toString(lab.pid("INETD")));
    assertThat(waitFor(79, true)).as("port 79 open again after undo").isTrue();
    assertThat(finger()).contains("Login: root");
  }

  /**
   * ajar itself run inside the lab, chrooted into the root and in its network namespace, as it
   * would run on that machine: a live close, whose own runtime step (SIGHUP to inetd) closes the
   * port, and a live undo, which makes inetd re-read its configuration and reopens it. The JDK and
   * ajar's jar are bind-mounted read-only into the root, in the lab's private mount namespace only.
   */
  @Test
  void aLiveCloseOnTheMachineItselfSignalsInetdAndUndoReopens() throws Exception {
    String holder = lab.env.get("HOLDER_PID");
    Path jar = Integration.projectDir().resolve("target/ajar.jar");
    Integration.require(Files.isRegularFile(jar), "target/ajar.jar is built by mvn package");
    String jdk = System.getProperty("java.home");
    exec(
        "nsenter",
        "-t",
        holder,
        "--mount",
        "--",
        "sh",
        "-c",
        "set -e; mkdir -p \"$1/opt/ajar-jdk\"; touch \"$1/opt/ajar.jar\"; mount --bind \"$2\""
            + " \"$1/opt/ajar-jdk\"; mount -o remount,bind,ro \"$1/opt/ajar-jdk\"; mount --bind"
            + " \"$3\" \"$1/opt/ajar.jar\"; mount -o remount,bind,ro \"$1/opt/ajar.jar\"",
        "sh",
        tree.toString(),
        jdk,
        jar.toString());
    assertThat(finger()).contains("Login: root");

    var close = inLab("close", "finger", "--yes");
    assertThat(close.code()).as(close.out() + close.err()).isZero();
    assertThat(close.out()).contains("ran: pkill -HUP -x inetd");
    assertThat(waitFor(79, false)).as("port 79 closed by ajar's own SIGHUP").isTrue();
    assertThat(listening(23)).as("inetd still serves telnet").isTrue();

    var undo = inLab("undo");
    assertThat(undo.code()).as(undo.out() + undo.err()).isZero();
    assertThat(undo.out()).contains("ran: pkill -HUP -x inetd");
    assertThat(waitFor(79, true)).as("port 79 open again after undo").isTrue();
    assertThat(finger()).contains("Login: root");
  }

  /** bin/ajar's java, run in the lab's mount and network namespaces, chrooted into the root. */
  static Integration.Result inLab(String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "nsenter",
                "-t",
                lab.env.get("HOLDER_PID"),
                "--mount",
                "--net",
                "--",
                "chroot",
                tree.toString(),
                "/usr/bin/env",
                "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "LC_ALL=C",
                "/opt/ajar-jdk/bin/java",
                "-XX:-UsePerfData",
                "-Xshare:off",
                "-jar",
                "/opt/ajar.jar"));
    argv.addAll(List.of(args));
    return Integration.exec(Duration.ofMinutes(2), argv.toArray(String[]::new));
  }
}
