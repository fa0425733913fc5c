package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * vsftpd: vsftpd.conf(5) listen, listen_ipv6, listen_port, listen_address and listen_address6. With
 * both listen options NO (vsftpd's own default) vsftpd serves one connection from inetd and opens
 * nothing itself; with both YES it refuses to start.
 */
final class VsftpdReader implements DaemonConfigReader {
  static final String CONFIG = "/etc/vsftpd.conf";
  static final int DEFAULT_PORT = 21;

  public VsftpdReader() {}

  @Override
  public String name() {
    return "vsftpd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("vsftpd");
  }

  /** A setting with the line that set it (the last line wins, as vsftpd reads them). */
  private record Setting(String value, int line) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, CONFIG, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Setting> settings = new HashMap<>();
    String[] lines = text.get().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      // listen=YES
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        diagnostics.add(
            Diagnostics.Kind.MALFORMED,
            CONFIG + ":" + (i + 1),
            "not option=value (vsftpd refuses to start): " + line);
        continue;
      }
      settings.put(line.substring(0, equals), new Setting(line.substring(equals + 1), i + 1));
    }
    Boolean v4 = bool(settings, "listen", diagnostics);
    Boolean v6 = bool(settings, "listen_ipv6", diagnostics);
    if (v4 == null || v6 == null) {
      return Optional.of(List.of());
    }
    if (v4 && v6) {
      diagnostics.add(
          Diagnostics.Kind.MALFORMED,
          CONFIG,
          "both listen and listen_ipv6 are YES: vsftpd refuses to start");
      return Optional.of(List.of());
    }
    Listens listens = new Listens();
    if (!v4 && !v6) {
      return Optional.of(listens.toList(diagnostics, CONFIG));
    }
    Setting portSetting = settings.get("listen_port");
    int port = DEFAULT_PORT;
    if (portSetting != null) {
      port = PortNumbers.parse(portSetting.value());
      if (port < 0) {
        diagnostics.add(
            Diagnostics.Kind.MALFORMED,
            CONFIG + ":" + portSetting.line(),
            "bad listen_port " + portSetting.value());
        return Optional.of(List.of());
      }
    }
    Setting on = settings.get(v4 ? "listen" : "listen_ipv6");
    Setting address = settings.get(v4 ? "listen_address" : "listen_address6");
    String bound = v4 ? "0.0.0.0" : "::";
    int line = on.line();
    if (address != null && !address.value().isEmpty()) {
      // vsftpd takes only a numeric address here (inet_aton / inet_pton), never a name.
      Optional<String> literal = HostNames.literal(address.value());
      if (literal.isEmpty() || HostNames.isIpv6(literal.get()) != v6) {
        diagnostics.add(
            Diagnostics.Kind.MALFORMED,
            CONFIG + ":" + address.line(),
            "bad "
                + (v4 ? "listen_address " : "listen_address6 ")
                + address.value()
                + " (vsftpd refuses to start)");
        return Optional.of(List.of());
      }
      bound = literal.get();
      line = address.line();
    }
    listens.add(Protocol.TCP, port, bound, CONFIG, line);
    return Optional.of(listens.toList(diagnostics, CONFIG));
  }

  /** vsftpd's booleans: YES/TRUE/1 and NO/FALSE/0 in any case; absent is NO. Null: invalid. */
  private static Boolean bool(Map<String, Setting> settings, String name, Diagnostics d) {
    Setting s = settings.get(name);
    if (s == null) {
      return false;
    }
    switch (s.value().toUpperCase(Locale.ROOT)) {
      case "YES", "TRUE", "1" -> {
        return true;
      }
      case "NO", "FALSE", "0" -> {
        return false;
      }
      default -> {
        d.add(
            Diagnostics.Kind.MALFORMED,
            CONFIG + ":" + s.line(),
            "bad bool value " + name + "=" + s.value() + " (vsftpd refuses to start)");
        return null;
      }
    }
  }
}
