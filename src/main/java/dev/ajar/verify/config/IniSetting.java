package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Protocol;
import java.util.Optional;

/**
 * One value of an ini-style file (nfs.conf, smb.conf) and where it was set: the place its
 * diagnostics name and the sockets it configures are credited to. Shared by {@link NfsSettings} and
 * {@link SambaSettings}.
 *
 * <p>{@code assignment} below is the key and its "=" as a message shows them, in the file's own
 * syntax: "[nfsd] udp=", "disable netbios = ".
 */
record IniSetting(String value, String file, int line) {
  /** A socket credited to the setting that configured it, or to the daemon's default if none. */
  static ConfiguredListen listen(
      Protocol protocol, int port, String address, Optional<IniSetting> setBy) {
    return Listens.of(
        protocol,
        port,
        address,
        setBy.map(IniSetting::file).orElse(null),
        setBy.map(IniSetting::line).orElse(0));
  }

  /** The port of a setting {@link #port} accepted, or {@code fallback} when there is none. */
  static int portOr(Optional<IniSetting> setting, int fallback) {
    return setting.flatMap(s -> Listens.port(s.value())).orElse(fallback);
  }

  /** A diagnostic at the line that set this value. */
  void malformed(Diagnostics diagnostics, String message) {
    Listens.malformed(diagnostics, file, line, message);
  }

  /** The port (0..65535) this value holds, or empty and a diagnostic ("... is not a port"). */
  Optional<Integer> port(String assignment, Diagnostics diagnostics) {
    Optional<Integer> port = Listens.port(value);
    if (port.isEmpty()) {
      malformed(diagnostics, assignment + value + " is not a port");
    }
    return port;
  }

  /** The boolean this value says, or {@code fallback} and a diagnostic ("... is not a boolean"). */
  boolean bool(String assignment, boolean fallback, Diagnostics diagnostics) {
    Boolean b = IniParser.bool(value);
    if (b == null) {
      malformed(diagnostics, assignment + value + " is not a boolean");
      return fallback;
    }
    return b;
  }
}
