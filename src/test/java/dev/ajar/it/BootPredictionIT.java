package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * `ajar boot --root` on the real debootstrapped Debian 12 root, checked against the sockets the
 * same root's daemons really open when root-lab.sh starts them in a network namespace.
 *
 * <p>The lab namespace has only the loopback interface, so a daemon that binds every interface
 * address (named) binds loopback there: "every-ipv4"/"every-ipv6" count as loopback below.
 */
class BootPredictionIT {
  /** The lab daemon (root-lab.sh's label) that runs each boot entry whose port is dynamic. */
  static final Map<String, String> DAEMON_OF_ENTRY =
      Map.of(
          "avahi-daemon.service", "AVAHI",
          "rpc-statd.service", "STATD",
          "nfs-mountd.service", "MOUNTD");

  static Path root;
  final RootCopies copies = new RootCopies("ajar-boot-");

  @BeforeAll
  static void buildRoot() throws Exception {
    Integration.requireCommand("/usr/sbin/chroot");
    root = RootLab.buildRoot("inetd");
  }

  @AfterEach
  void clean() throws IOException {
    copies.clean();
  }

  Path copy(String name) throws Exception {
    return copies.copy(root, name);
  }

  static JsonNode boot(Path tree) {
    var r = Integration.ajar("--root", tree.toString(), "boot", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = Integration.JSON.readTree(r.out());
    assertThat(doc.get("schema").asString()).isEqualTo("ajar.boot/1");
    return doc;
  }

  @Test
  void predictsExactlyWhatTheRootsOwnDaemonsOpen() throws Exception {
    Path tree = copy("pinned");
    // The administrator pins statd's and mountd's ports (what a firewalled NFS server does):
    // nfs.conf is read by rpc.statd and rpc.mountd themselves.
    Files.writeString(
        tree.resolve("etc/nfs.conf"),
        "\n[mountd]\nport=32767\n[statd]\nport=32765\noutgoing-port=32766\n",
        StandardOpenOption.APPEND);
    Set<String> predicted = compareWithLab(tree);
    assertThat(predicted)
        .contains(
            "tcp/79/wide",
            "tcp/22/wide",
            "tcp/25/loopback",
            "udp/53/loopback",
            "tcp/953/loopback",
            "tcp/32767/wide",
            "udp/32765/wide");
  }

  @Test
  void predictsExactlyWhatASysvRootWithXinetdOpens() throws Exception {
    Path xinetdRoot = RootLab.buildRoot("xinetd");
    Path tree = copies.copy(xinetdRoot, "xinetd");
    JsonNode prediction = boot(tree);
    assertThat(prediction.get("init").asString()).isEqualTo("sysv");
    assertThat(prediction.get("target").asString()).isEqualTo("runlevel 2");
    Set<String> predicted = compareWithLab(tree);
    // finger comes from /etc/xinetd.d/fingerd-local, a file named otherwise than its service
    assertThat(predicted).contains("tcp/79/wide", "tcp/22/wide", "tcp/21/wide", "tcp/111/wide");
  }

  /**
   * Starts the tree's daemons in a lab and checks that the sockets they open are exactly the
   * predicted ones (protocol, port, loopback or not); dynamic predictions are checked to be sockets
   * of their daemon. Returns the predicted keys.
   */
  Set<String> compareWithLab(Path tree) throws Exception {
    JsonNode prediction = boot(tree);
    try (RootLab lab = RootLab.up("boot", tree)) {
      Set<String> actual = new TreeSet<>();
      Set<String> actualDynamic = new TreeSet<>();
      Set<String> predicted = new TreeSet<>();
      Set<String> dynamicEntries = new TreeSet<>();
      boolean nfsdSkipped = lab.env.containsKey("SKIPPED_NFSD");
      for (JsonNode p : prediction.get("ports")) {
        String entry = p.get("owner").get("entry").asString();
        if (nfsdSkipped && entry.equals("nfs-server.service")) {
          continue; // this kernel has no nfsd: root-lab.sh could not start it (SKIPPED_NFSD)
        }
        if (p.get("dynamic").asBoolean()) {
          dynamicEntries.add(p.get("protocol").asString() + " " + entry);
          continue;
        }
        for (JsonNode a : p.get("addresses")) {
          predicted.add(key(p.get("protocol").asString(), p.get("port").asInt(), a.asString()));
        }
      }
      Set<String> dynamicDaemons = new TreeSet<>();
      for (String e : dynamicEntries) {
        String daemon = DAEMON_OF_ENTRY.get(e.substring(e.indexOf(' ') + 1));
        assertThat(daemon).as("a lab daemon for the dynamic prediction " + e).isNotNull();
        dynamicDaemons.add(daemon);
      }
      for (String daemon : lab.daemons()) {
        for (String socket : lab.env.getOrDefault("SOCKETS_" + daemon, "").split(",")) {
          if (socket.isBlank()) {
            continue;
          }
          String k = labKey(socket);
          if (dynamicDaemons.contains(daemon) && !predicted.contains(k)) {
            actualDynamic.add(daemon + " " + k.substring(0, k.indexOf('/')));
          } else {
            actual.add(k);
          }
        }
      }
      assertThat(actual)
          .as("predicted %s%nbut the root's daemons opened %s", predicted, actual)
          .isEqualTo(predicted);
      for (String e : dynamicEntries) {
        String protocol = e.substring(0, e.indexOf(' '));
        String daemon = DAEMON_OF_ENTRY.get(e.substring(e.indexOf(' ') + 1));
        assertThat(actualDynamic)
            .as("a dynamic %s port of %s", protocol, daemon)
            .contains(daemon + " " + protocol);
      }
      return predicted;
    }
  }

  @Test
  void closedServicesAreNoLongerPredicted() throws Exception {
    Path tree = copy("closed");
    Set<String> before = ports(boot(tree));
    assertThat(before).contains("tcp/79", "tcp/23", "tcp/21", "tcp/111", "udp/111", "tcp/22");
    var close =
        Integration.ajar(
            "--root", tree.toString(), "close", "finger", "telnet", "vsftpd", "rpcbind", "--yes");
    assertThat(close.code()).as(close.out() + close.err()).isZero();
    Set<String> after = ports(boot(tree));
    assertThat(after).doesNotContain("tcp/79", "tcp/23", "tcp/21", "tcp/111", "udp/111");
    Set<String> expected = new TreeSet<>(before);
    expected.removeAll(List.of("tcp/79", "tcp/23", "tcp/21", "tcp/111", "udp/111"));
    assertThat(after).isEqualTo(expected);

    var undo = Integration.ajar("--root", tree.toString(), "undo");
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(ports(boot(tree))).isEqualTo(before);
  }

  @Test
  void auditOfAnOfflineRootJudgesWhatItWillOpen() {
    var audit = Integration.ajar("--root", root.toString(), "audit", "--format", "json");
    assertThat(audit.code()).as(audit.err()).isEqualTo(1);
    JsonNode doc = Integration.JSON.readTree(audit.out());
    List<String> ids = new ArrayList<>();
    doc.get("findings").forEach(f -> ids.add(f.get("id").asString()));
    assertThat(ids).contains("finger/tcp/79@boot", "rsh/tcp/514@boot", "telnet/tcp/23@boot");
    // exim4 and cups listen on loopback only, which the knowledge base accepts for them
    assertThat(ids).noneMatch(id -> id.contains("/25@") || id.contains("/631@"));
  }

  static Set<String> ports(JsonNode doc) {
    Set<String> ports = new TreeSet<>();
    for (JsonNode p : doc.get("ports")) {
      ports.add(p.get("protocol").asString() + "/" + p.get("port").asInt());
    }
    return ports;
  }

  /** "tcp/22/wide" or "tcp/25/loopback" from a predicted address. */
  static String key(String protocol, int port, String address) {
    boolean loopback =
        switch (address) {
          case "127.0.0.1", "::1", "every-ipv4", "every-ipv6" -> true;
          default -> address.startsWith("127.");
        };
    return protocol + "/" + port + "/" + (loopback ? "loopback" : "wide");
  }

  /** The same key from root-lab.sh's "tcp/[::1]:25", "tcp/*:21" or "udp/0.0.0.0:111". */
  static String labKey(String socket) {
    int slash = socket.indexOf('/');
    int colon = socket.lastIndexOf(':');
    String address = socket.substring(slash + 1, colon).replace("[", "").replace("]", "");
    if (address.equals("*")) {
      address = "::";
    }
    return key(socket.substring(0, slash), Integer.parseInt(socket.substring(colon + 1)), address);
  }
}
