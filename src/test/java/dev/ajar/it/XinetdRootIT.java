package dev.ajar.it;

import static dev.ajar.it.Integration.ajarJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real Debian 12 root with SysV init (no systemd at all) whose xinetd serves finger, telnet, rsh
 * and daytime after an administrator's edits (one file named unlike its service, one service
 * present but disabled). Its daemons run chrooted in a network namespace; every port must be traced
 * to its xinetd.d file and line or its init script, and to the root's own packages.
 */
class XinetdRootIT {
  record Expected(String supervisor, String entry, String file, String pkg) {}

  static final Map<String, Expected> XINETD_PORTS =
      Map.of(
          "tcp/79", new Expected("xinetd", "finger", "/etc/xinetd.d/fingerd-local", "fingerd"),
          "tcp/23", new Expected("xinetd", "telnet", "/etc/xinetd.d/telnet", "inetutils-telnetd"),
          "tcp/514",
              new Expected("xinetd", "shell", "/etc/xinetd.d/rsh-redone", "rsh-redone-server"),
          "tcp/13", new Expected("xinetd", "daytime", "/etc/xinetd.d/daytime", "xinetd"));

  static final Map<String, Expected> DAEMONS =
      Map.of(
          "SSHD", new Expected("sysv", "ssh", "/etc/init.d/ssh", "openssh-server"),
          "VSFTPD", new Expected("sysv", "vsftpd", "/etc/init.d/vsftpd", "vsftpd"),
          "RPCBIND", new Expected("sysv", "rpcbind", "/etc/init.d/rpcbind", "rpcbind"));

  static Path root;
  static RootLab lab;

  @BeforeAll
  static void up() throws Exception {
    root = RootLab.buildRoot("xinetd");
    lab = RootLab.up("ajar-xroot", root);
  }

  @AfterAll
  static void down() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  void check(JsonNode doc, String daemon, String port, Expected e) throws Exception {
    String[] pp = port.split("/");
    boolean found = false;
    for (JsonNode s : Integration.sockets(doc, pp[0], Integer.parseInt(pp[1]))) {
      if (!s.get("netns").get("name").asString().equals(lab.name)) {
        continue;
      }
      found = true;
      String what = daemon + " " + port;
      assertThat(Integration.pids(s)).as(what).contains(lab.pid(daemon));
      JsonNode owner = s.get("owner");
      assertThat(owner.get("supervisor").asString()).as(what).isEqualTo(e.supervisor());
      assertThat(owner.get("entry").asString()).as(what).isEqualTo(e.entry());
      assertThat(owner.get("file").asString()).as(what).isEqualTo(e.file());
      assertThat(s.get("package").get("name").asString()).as(what).isEqualTo(e.pkg());
      assertThat(s.get("package").get("version").asString())
          .as(what)
          .isEqualTo(lab.installedVersion(e.pkg()));
    }
    assertThat(found).as("%s %s listed in %s", daemon, port, lab.name).isTrue();
  }

  @Test
  void xinetdServicesAreTracedToTheirFiles() throws Exception {
    JsonNode doc = ajarJson("--netns", lab.name);
    assertThat(lab.ports("XINETD")).containsExactlyInAnyOrderElementsOf(XINETD_PORTS.keySet());
    for (String port : lab.ports("XINETD")) {
      check(doc, "XINETD", port, XINETD_PORTS.get(port));
    }
    JsonNode finger =
        Integration.sockets(doc, "tcp", 79).stream()
            .filter(s -> s.get("netns").get("name").asString().equals(lab.name))
            .findFirst()
            .orElseThrow();
    assertThat(finger.get("owner").get("line").asInt()).isEqualTo(3);
    assertThat(finger.get("owner").get("program").asString()).isEqualTo("/usr/sbin/in.fingerd");
  }

  @Test
  void standaloneDaemonsAreTracedToTheirInitScripts() throws Exception {
    JsonNode doc = ajarJson("--netns", lab.name);
    for (var d : DAEMONS.entrySet()) {
      for (String port : lab.ports(d.getKey())) {
        check(doc, d.getKey(), port, d.getValue());
      }
    }
  }

  @Test
  void offlineTheRootSaysWhatIsOnAndOff() throws Exception {
    var r = Integration.ajar("services", "--root", root.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = Integration.JSON.readTree(r.out());
    JsonNode finger = DebianRootIT.find(doc, "xinetd", "finger");
    assertThat(finger.get("enabled").asBoolean()).isTrue();
    assertThat(finger.get("owner").get("file").asString()).isEqualTo("/etc/xinetd.d/fingerd-local");
    assertThat(finger.get("package").get("name").asString()).isEqualTo("fingerd");
    assertThat(DebianRootIT.find(doc, "xinetd", "login").get("enabled").asBoolean()).isFalse();
    assertThat(DebianRootIT.find(doc, "sysv", "ssh").get("enabled").asBoolean()).isTrue();
    for (JsonNode s : doc.get("services")) {
      assertThat(s.get("owner").get("supervisor").asString()).isNotEqualTo("systemd");
    }
  }
}
