package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Decide which ports you want to have open and close the rest", on an image: every row of `ajar
 * boot --root` can be named to `close` by its port, its /etc/services name or the knowledge base's
 * name, standalone daemons included (their ports come from their own configuration or a built-in
 * default), on the real debootstrapped systemd root and SysV root. Each close takes the port out of
 * the next boot's prediction; undo puts /etc back byte for byte.
 */
class OfflineCloseIT {
  final RootCopies copies = new RootCopies("ajar-offline-close-");

  @AfterEach
  void clean() throws IOException {
    copies.clean();
  }

  @Test
  void aSystemdRootsStandaloneDaemonsCloseByPortServiceNameAndKnowledgeBaseName() throws Exception {
    Path tree = copies.copy(RootLab.buildRoot("inetd"), "systemd");
    // vsftpd's port is from vsftpd.conf, named's its built-in default, exim4's from
    // update-exim4.conf.conf (a SysV script under systemd), rpcbind's a socket unit's
    closesAndUndoes(tree, List.of("21"), "tcp/21", Set.of("tcp/21"), "(config)");
    closesAndUndoes(
        tree,
        List.of("domain"),
        "tcp/53",
        Set.of("tcp/53", "udp/53", "tcp/953"),
        "named's built-in default (config)");
    closesAndUndoes(
        tree, List.of("mta"), "tcp/25", Set.of("tcp/25"), "/etc/exim4/update-exim4.conf.conf");
    closesAndUndoes(
        tree, List.of("sunrpc"), "tcp/111", Set.of("tcp/111", "udp/111"), "(socket-unit)");
  }

  @Test
  void aSysvRootsStandaloneDaemonsCloseByPortServiceNameAndKnowledgeBaseName() throws Exception {
    Path tree = copies.copy(RootLab.buildRoot("xinetd"), "sysv");
    closesAndUndoes(tree, List.of("21"), "tcp/21", Set.of("tcp/21"), "/etc/vsftpd.conf");
    closesAndUndoes(
        tree,
        List.of("sunrpc"),
        "tcp/111",
        Set.of("tcp/111", "udp/111"),
        "rpcbind's built-in default (config)");
    // openssh-server also enables a runit service there, which nothing starts: sshd's SysV
    // script is what the knowledge base's "ssh" names
    closesAndUndoes(tree, List.of("ssh"), "tcp/22", Set.of("tcp/22"), "(config)");
    closesAndUndoes(
        tree, List.of("finger", "ftp"), "tcp/79", Set.of("tcp/79", "tcp/21"), "(xinetd)");
  }

  /**
   * Plans (the match must say which prediction made it), closes, checks that the next boot opens
   * none of {@code gone} and everything else as before, then undoes and checks /etc and the
   * prediction are as they were.
   */
  void closesAndUndoes(Path tree, List<String> words, String port, Set<String> gone, String basis)
      throws Exception {
    SortedMap<String, String> etc = DisableGoldenIT.snapshot(tree.resolve("etc"));
    Set<String> before = BootPredictionIT.ports(BootPredictionIT.boot(tree));
    assertThat(before).containsAll(gone);

    List<String> plan = argv(tree, "plan", words, "--close");
    var planned = Integration.ajar(plan.toArray(String[]::new));
    assertThat(planned.code()).as(planned.err()).isZero();
    assertThat(planned.out())
        .as(planned.out())
        .contains("matched '" + words.getFirst() + "': " + port)
        .contains(basis);
    List<String> json = argv(tree, "plan", words, "--close");
    json.addAll(List.of("--format", "json"));
    var doc = Integration.ajar(json.toArray(String[]::new));
    assertThat(doc.code()).as(doc.err()).isZero();
    JsonNode targets = Integration.JSON.readTree(doc.out()).get("targets");
    assertThat(targets.get(0).get("why").asString()).contains("matched '" + words.getFirst() + "'");

    List<String> close = argv(tree, "close", words, null);
    close.add("--yes");
    var closed = Integration.ajar(close.toArray(String[]::new));
    assertThat(closed.code()).as(closed.out() + closed.err()).isZero();
    Set<String> after = BootPredictionIT.ports(BootPredictionIT.boot(tree));
    Set<String> expected = new TreeSet<>(before);
    expected.removeAll(gone);
    assertThat(after).as("the next boot after closing " + words).isEqualTo(expected);

    var undo = Integration.ajar("--root", tree.toString(), "undo");
    assertThat(undo.code()).as(undo.out() + undo.err()).isZero();
    assertThat(DisableGoldenIT.snapshot(tree.resolve("etc"))).as("/etc after undo").isEqualTo(etc);
    assertThat(BootPredictionIT.ports(BootPredictionIT.boot(tree))).isEqualTo(before);
  }

  static List<String> argv(Path tree, String command, List<String> words, String flag) {
    List<String> argv = new java.util.ArrayList<>(List.of("--root", tree.toString(), command));
    for (String w : words) {
      if (flag != null) {
        argv.add(flag);
      }
      argv.add(w);
    }
    return argv;
  }
}
