package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
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
final class NmbdConfigReader implements SambaSettings.Reader {
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
  public List<ConfiguredListen> listens(SambaSettings settings, Diagnostics diagnostics) {
    if (settings.bool("disable netbios", false, diagnostics)) {
      return List.of();
    }
    int namePort =
        settings.get("nbt port").flatMap(s -> s.port("nbt port = ", diagnostics)).orElse(NAME_PORT);
    List<ConfiguredListen> out = new ArrayList<>();
    Optional<IniSetting> client = settings.get("nbt client socket address");
    String clientAddress = "0.0.0.0";
    if (client.isPresent()) {
      Optional<String> literal =
          Listens.literal(client.get().value()).filter(a -> !Listens.isIpv6(a));
      if (literal.isPresent()) {
        clientAddress = literal.get();
      } else {
        client
            .get()
            .malformed(
                diagnostics,
                "nbt client socket address = " + client.get().value() + " is not an IPv4 address");
        client = Optional.empty();
      }
    }
    out.add(IniSetting.listen(Protocol.UDP, namePort, clientAddress, client));
    out.add(IniSetting.listen(Protocol.UDP, DATAGRAM_PORT, clientAddress, client));
    Optional<IniSetting> interfaces = settings.get("interfaces");
    List<String> addresses =
        interfaces.isPresent()
            ? SambaSettings.interfaceAddresses(interfaces.get(), false, diagnostics)
            : List.of(ConfiguredListen.EVERY_IPV4);
    for (String address : addresses) {
      out.add(IniSetting.listen(Protocol.UDP, namePort, address, interfaces));
      out.add(IniSetting.listen(Protocol.UDP, DATAGRAM_PORT, address, interfaces));
    }
    return Listens.distinct(out);
  }
}
