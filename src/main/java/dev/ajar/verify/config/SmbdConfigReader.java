package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Samba's smbd (4.17): TCP on every port of {@code smb ports} (default "445 139"), on :: and
 * 0.0.0.0; with {@code bind interfaces only = yes} and an {@code interfaces} list, on each listed
 * interface's address instead (see {@link SambaSettings#interfaceAddresses}).
 *
 * <p>{@code disable netbios} stops nmbd but does not change smbd's ports: smbd listens on 139 as
 * long as {@code smb ports} lists it, which is why guides set both.
 */
final class SmbdConfigReader implements SambaSettings.Reader {
  static final List<Integer> DEFAULT_PORTS = List.of(445, 139);

  public SmbdConfigReader() {}

  @Override
  public String name() {
    return "smbd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("smbd", "samba");
  }

  @Override
  public List<ConfiguredListen> listens(SambaSettings settings, Diagnostics diagnostics) {
    Optional<IniSetting> portsSetting = settings.get("smb ports");
    List<Integer> ports = new ArrayList<>();
    if (portsSetting.isPresent()) {
      for (String word : SambaSettings.list(portsSetting.get().value())) {
        Optional<Integer> port = Listens.port(word).filter(p -> p > 0);
        if (port.isPresent()) {
          ports.add(port.get());
        } else {
          // smbd refuses to start: "Invalid port in the config or on the commandline".
          portsSetting
              .get()
              .malformed(
                  diagnostics, "smb ports: " + word + " is not a port (smbd will not start)");
        }
      }
    } else {
      ports.addAll(DEFAULT_PORTS);
    }
    Optional<IniSetting> interfaces = settings.get("interfaces");
    boolean bindOnly = settings.bool("bind interfaces only", false, diagnostics);
    List<ConfiguredListen> out = new ArrayList<>();
    if (bindOnly && interfaces.isPresent()) {
      List<String> addresses =
          SambaSettings.interfaceAddresses(interfaces.get(), true, diagnostics);
      for (String address : addresses) {
        for (int port : ports) {
          out.add(IniSetting.listen(Protocol.TCP, port, address, interfaces));
        }
      }
    } else {
      for (String any : List.of("::", "0.0.0.0")) {
        for (int port : ports) {
          out.add(IniSetting.listen(Protocol.TCP, port, any, portsSetting));
        }
      }
    }
    return Listens.distinct(out);
  }
}
