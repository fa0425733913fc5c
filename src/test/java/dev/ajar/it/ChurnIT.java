package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.discover.PortDiscovery;
import dev.ajar.discover.PortInventory;
import dev.ajar.discover.PortQuery;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.knowledge.ServiceCatalog;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Processes and sockets that come and go during a scan: a generator forks short-lived children that
 * open and close loopback sockets as fast as they can while ajar scans again and again. No scan may
 * throw, and none may report a malformed kernel table.
 */
class ChurnIT {
  static final String CHURN =
      "import os,socket,time\n"
          + "end=time.time()+float(os.environ.get('SECS','6'))\n"
          + "while time.time()<end:\n"
          + "    pid=os.fork()\n"
          + "    if pid==0:\n"
          + "        ss=[]\n"
          + "        for i in range(20):\n"
          + "            s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1); ss.append(s)\n"
          + "            u=socket.socket(socket.AF_INET6,socket.SOCK_DGRAM); u.bind(('::1',0));"
          + " ss.append(u)\n"
          + "        c=socket.create_connection(ss[0].getsockname()); a,_=ss[0].accept();"
          + " c.close()\n"
          + "        os._exit(0)\n"
          + "    os.waitpid(pid,0)\n";

  @Test
  void scansDuringChurnNeverFail() throws Exception {
    Process churn = new ProcessBuilder("python3", "-c", CHURN).inheritIO().start();
    try {
      Host host = Host.live();
      int scans = 0;
      int sockets = 0;
      while (churn.isAlive() && scans < 200) {
        Diagnostics diagnostics = new Diagnostics();
        PortQuery all =
            new PortQuery(
                true,
                Set.of(),
                EnumSet.noneOf(dev.ajar.model.Family.class),
                List.of(),
                Set.of(),
                Set.of(),
                "all",
                true,
                PortQuery.SocketSource.AUTO);
        PortInventory inv =
            new PortDiscovery(host, ServiceCatalog.load(host, diagnostics), diagnostics)
                .discover(all);
        sockets += inv.sockets().size();
        assertThat(diagnostics.all()).noneMatch(d -> d.kind() == Diagnostics.Kind.MALFORMED);
        scans++;
      }
      assertThat(scans).as("scans completed while the churn ran").isGreaterThan(5);
      assertThat(sockets).isPositive();
    } finally {
      churn.destroyForcibly().waitFor();
    }
  }

  @Test
  void theCommandLineSurvivesChurnToo() throws Exception {
    Process churn = new ProcessBuilder("python3", "-c", CHURN).inheritIO().start();
    try {
      for (int i = 0; i < 10 && churn.isAlive(); i++) {
        var r = Integration.ajar("ports", "-a", "--wide");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("internal error");
        var j = Integration.ajar("ports", "-a", "--json");
        assertThat(j.code()).as(j.err()).isZero();
        Integration.JSON.readTree(j.out());
      }
    } finally {
      churn.destroyForcibly().waitFor();
    }
  }
}
