package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Samba's nmbd (4.17, IPv4 only): UDP {@code nbt port} (137) and 138 on {@code nbt client socket
 * address} (0.0.0.0, for broadcasts, whatever {@code bind interfaces only} says: smb.conf(5)), and
 * on the address of each interface it serves: the {@code interfaces} list, or by default every
 * broadcast-capable interface ({@link ConfiguredListen#EVERY_IPV4}, which over-counts loopback:
 * nmbd leaves 127.0.0.1 out). nmbd also binds each interface's broadcast address, which is not
 * known offline and receives only broadcasts; not listed. {@code disable netbios = yes}: nmbd exits
 * at start, nothing is opened.
 */
final class NmbdConfigReader implements DaemonConfigReader {
  static final int NAME_PORT = 137;
  static final int DATAGRAM_PORT = 138;

  public NmbdConfigReader() {}

  @Override
  public String name() {
    return "nmbd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("nmbd");
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<SambaSettings> loaded = SambaSettings.load(root, diagnostics);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    SambaSettings settings = loaded.get();
    if (settings.bool("disable netbios", false, diagnostics)) {
      return Optional.of(List.of());
    }
    int namePort = NAME_PORT;
    Optional<SambaSettings.Setting> nbtPort = settings.get("nbt port");
    if (nbtPort.isPresent()) {
      Optional<Integer> p = Listens.port(nbtPort.get().value());
      if (p.isPresent()) {
        namePort = p.get();
      } else {
        Listens.malformed(
            diagnostics,
            nbtPort.get().file(),
            nbtPort.get().line(),
            "nbt port = " + nbtPort.get().value() + " is not a port");
        nbtPort = Optional.empty();
      }
    }
    List<ConfiguredListen> out = new ArrayList<>();
    Optional<SambaSettings.Setting> client = settings.get("nbt client socket address");
    String clientAddress = "0.0.0.0";
    if (client.isPresent()) {
      Optional<String> literal =
          Listens.literal(client.get().value()).filter(a -> !Listens.isIpv6(a));
      if (literal.isPresent()) {
        clientAddress = literal.get();
      } else {
        Listens.malformed(
            diagnostics,
            client.get().file(),
            client.get().line(),
            "nbt client socket address = " + client.get().value() + " is not an IPv4 address");
        client = Optional.empty();
      }
    }
    String clientFile = client.map(SambaSettings.Setting::file).orElse(null);
    int clientLine = client.map(SambaSettings.Setting::line).orElse(0);
    out.add(Listens.of(Protocol.UDP, namePort, clientAddress, clientFile, clientLine));
    out.add(Listens.of(Protocol.UDP, DATAGRAM_PORT, clientAddress, clientFile, clientLine));
    Optional<SambaSettings.Setting> interfaces = settings.get("interfaces");
    List<String> addresses =
        interfaces.isPresent()
            ? SambaSettings.interfaceAddresses(interfaces.get(), false, diagnostics)
            : List.of(ConfiguredListen.EVERY_IPV4);
    String file = interfaces.map(SambaSettings.Setting::file).orElse(null);
    int line = interfaces.map(SambaSettings.Setting::line).orElse(0);
    for (String address : addresses) {
      out.add(Listens.of(Protocol.UDP, namePort, address, file, line));
      out.add(Listens.of(Protocol.UDP, DATAGRAM_PORT, address, file, line));
    }
    return Optional.of(Listens.distinct(out));
  }
}
