package dev.ajar.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.Finding;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.PackageRef;
import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import dev.ajar.model.SupervisorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuRowsTest {
  static final Owner FINGER =
      new Owner(SupervisorKind.INETD, "finger", "/etc/inetd.conf", 36, "/usr/sbin/in.fingerd");
  static final Owner RPCBIND =
      new Owner(
          SupervisorKind.SYSTEMD,
          "rpcbind.socket",
          "/lib/systemd/system/rpcbind.socket",
          0,
          "/sbin/rpcbind");

  static Finding finding(Severity severity, String why, OpenSocket... sockets) {
    return new Finding(
        "x", severity, List.of(sockets), null, why, "fix", "knowledge base", List.of());
  }

  @Test
  void oneRowPerOwnerWithEveryPortItsPackageExposureAndWorstRisk() {
    OpenSocket finger4 =
        Rows.socket(Protocol.TCP, 79, FINGER, new PackageRef("dpkg", "fingerd", "0.17-18"));
    OpenSocket finger6 = Rows.socket(Rows.HOST, Protocol.TCP, "::", 79, FINGER, null);
    OpenSocket rpcUdp = Rows.socket(Rows.HOST, Protocol.UDP, "127.0.0.1", 111, RPCBIND, null);
    OpenSocket rpcTcp = Rows.socket(Protocol.TCP, 111, RPCBIND, null);
    List<MenuRow> rows =
        MenuRows.of(
            List.of(rpcUdp, finger4, finger6, rpcTcp),
            List.of(
                finding(Severity.LOW, "low why", rpcUdp),
                finding(Severity.MEDIUM, "finger why", finger4, finger6),
                finding(Severity.HIGH, "rpc why", rpcTcp)));
    assertThat(rows)
        .extracting(MenuRow::name)
        .containsExactly("systemd rpcbind.socket", "inetd finger");
    MenuRow rpc = rows.get(0);
    assertThat(rpc.ports()).containsExactly("tcp/111", "udp/111");
    assertThat(rpc.portNumbers()).containsExactly(111);
    assertThat(rpc.risk()).isEqualTo(Severity.HIGH);
    assertThat(rpc.why()).isEqualTo("rpc why");
    assertThat(rpc.exposure()).isEqualTo("any");
    assertThat(rpc.closable()).isTrue();
    MenuRow finger = rows.get(1);
    assertThat(finger.ports()).containsExactly("tcp/79");
    assertThat(finger.pkg()).isEqualTo("fingerd");
    assertThat(finger.where())
        .isEqualTo("/etc/inetd.conf:36, /usr/sbin/in.fingerd (fingerd 0.17-18)");
    assertThat(finger.owner()).isEqualTo(FINGER);
  }

  @Test
  void whatTheMenuCannotCloseIsARowWithWhy() {
    Owner manual = new Owner(SupervisorKind.MANUAL, "nc", null, 0, null);
    Owner container = new Owner(SupervisorKind.CONTAINER, "web", null, 0, null);
    Owner runit = new Owner(SupervisorKind.RUNIT, "ssh", "/etc/sv/ssh/run", 0, "/usr/sbin/sshd");
    Namespace lab = new Namespace(4026532999L, "lab", Namespace.Kind.NAMED);
    List<MenuRow> rows =
        MenuRows.of(
            List.of(
                Rows.socket(
                    Protocol.TCP, 8080, manual, null, Rows.process(42, "/usr/bin/nc", "/", null)),
                Rows.socket(Protocol.TCP, 80, container, null),
                Rows.socket(Protocol.TCP, 22, runit, null),
                Rows.socket(Protocol.TCP, 9999, null, null),
                Rows.socket(
                    lab,
                    Protocol.TCP,
                    "0.0.0.0",
                    79,
                    FINGER,
                    null,
                    Rows.process(7, "/usr/sbin/inetd", "/srv/jail", null))),
            List.of());
    assertThat(rows).noneMatch(MenuRow::closable); // in port order: nothing has a risk
    assertThat(rows)
        .extracting(MenuRow::refusal)
        .containsExactly(
            "ajar cannot disable runit entries yet",
            "it is started inside the root /srv/jail: use ajar --root /srv/jail menu",
            "it runs in container web: close it in the container's image",
            "nothing starts it at boot: stop the process (pid 42); it will not come back",
            "ajar cannot tell what holds it (as root it sees every process)");
    assertThat(rows.get(1).where())
        .isEqualTo("/etc/inetd.conf:36, /usr/sbin/in.fingerd, in lab, root /srv/jail");
    assertThat(rows.get(4).name()).isEqualTo("unknown owner");
  }

  @Test
  void theSameEntryInAChrootIsNotTheHostsOwn() {
    OpenSocket host = Rows.socket(Protocol.TCP, 79, FINGER, null);
    OpenSocket jail =
        Rows.socket(
            Protocol.TCP, 79, FINGER, null, Rows.process(7, "/usr/sbin/inetd", "/srv/jail", null));
    List<MenuRow> rows = MenuRows.of(List.of(host, jail), List.of());
    assertThat(rows).hasSize(2);
    assertThat(rows).filteredOn(MenuRow::closable).hasSize(1);
  }

  @Test
  void textFromTheRootIsEscaped() {
    Owner hostile =
        new Owner(SupervisorKind.INETD, "x\033[2J", "/etc/inetd.conf\n", 1, "/bin/\u009bx");
    MenuRow row =
        MenuRows.of(
                List.of(
                    Rows.socket(Protocol.TCP, 1, hostile, new PackageRef("dpkg", "p\007", "1"))),
                List.of())
            .getFirst();
    assertThat(row.name()).isEqualTo("inetd x\\x1b[2J");
    assertThat(row.where()).isEqualTo("/etc/inetd.conf\\n:1, /bin/\\x9bx (p\\x07 1)");
    assertThat(row.pkg()).isEqualTo("p\\x07");
  }
}
