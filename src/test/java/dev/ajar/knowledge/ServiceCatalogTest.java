package dev.ajar.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCatalogTest {
  @TempDir Path root;

  @Test
  void hostFileFirstThenIana() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/services"),
        "# local names\nmyssh 22/tcp ssh-alias # renamed\nbogus\n  \nfinger 79/tcp\nx 99999/tcp\n");
    Files.writeString(root.resolve("etc/protocols"), "icmp\t1\tICMP\nipv6-icmp 58 IPv6-ICMP\n");
    var catalog = ServiceCatalog.load(Host.offline(root), new Diagnostics());
    assertThat(catalog.name(Protocol.TCP, 22)).isEqualTo("myssh");
    assertThat(catalog.name(Protocol.TCP, 79)).isEqualTo("finger");
    assertThat(catalog.name(Protocol.UDP, 111)).isEqualTo("sunrpc"); // from IANA
    assertThat(catalog.name(Protocol.UDPLITE, 53)).isEqualTo("domain");
    assertThat(catalog.name(Protocol.RAW, 58)).isEqualTo("ipv6-icmp");
    assertThat(catalog.name(Protocol.TCP, 65000)).isNull();
  }

  @Test
  void aRootWithoutServicesStillHasIanaNames() {
    var catalog = ServiceCatalog.load(Host.offline(root), new Diagnostics());
    assertThat(catalog.name(Protocol.TCP, 2049)).isEqualTo("nfs");
  }
}
