package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * avahi-daemon (0.8) from /etc/avahi/avahi-daemon.conf, as avahi-core/server.c sets up its sockets:
 *
 * <ul>
 *   <li>UDP 5353 on 0.0.0.0 ([server] use-ipv4, default yes) and on :: (use-ipv6, default yes),
 *       each by avahi_open_socket_ipv4/ipv6, always on the wildcard: allow-interfaces and
 *       deny-interfaces only choose where mDNS is spoken, not what is bound;
 *   <li>per enabled family, one UDP socket on an ephemeral port (port 0: a port the kernel picks at
 *       start) for wide-area DNS-SD lookups ([wide-area] enable-wide-area, default yes;
 *       avahi_wide_area_engine_new → avahi_open_unicast_socket_ipv4/ipv6);
 *   <li>per enabled family, another such socket for legacy unicast replies when [reflector]
 *       enable-reflector=yes (default no).
 * </ul>
 *
 * Two dynamic sockets of one family are two sockets: the result keeps both. Neither family enabled:
 * the daemon aborts, nothing is opened. disallow-other-stacks and enable-dbus change no port.
 */
final class AvahiConfigReader implements DaemonConfigReader {
  static final String MAIN = "/etc/avahi/avahi-daemon.conf";
  static final int MDNS_PORT = 5353;

  public AvahiConfigReader() {}

  @Override
  public String name() {
    return "avahi-daemon";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("avahi-daemon", "avahi");
  }

  private record Setting(boolean value, int line) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, MAIN, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Setting> booleans = booleans(text.get(), diagnostics);
    Setting ipv4 = booleans.getOrDefault("server.use-ipv4", new Setting(true, 0));
    Setting ipv6 = booleans.getOrDefault("server.use-ipv6", new Setting(true, 0));
    Setting wideArea = booleans.getOrDefault("wide-area.enable-wide-area", new Setting(true, 0));
    Setting reflector = booleans.getOrDefault("reflector.enable-reflector", new Setting(false, 0));
    List<ConfiguredListen> out = new ArrayList<>();
    if (!ipv4.value() && !ipv6.value()) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          MAIN,
          "use-ipv4 and use-ipv6 are both off: avahi-daemon will not start");
      return Optional.of(out);
    }
    for (boolean v6 : new boolean[] {false, true}) {
      Setting family = v6 ? ipv6 : ipv4;
      if (!family.value()) {
        continue;
      }
      String any = v6 ? "::" : "0.0.0.0";
      out.add(at(MDNS_PORT, any, family));
      if (wideArea.value()) {
        out.add(at(0, any, wideArea));
      }
      if (reflector.value()) {
        out.add(at(0, any, reflector));
      }
    }
    return Optional.of(out);
  }

  private static ConfiguredListen at(int port, String address, Setting where) {
    return Listens.of(Protocol.UDP, port, address, where.line() == 0 ? null : MAIN, where.line());
  }

  /** "section.key" → the boolean value, for keys whose value is a boolean. */
  private static Map<String, Setting> booleans(String text, Diagnostics diagnostics) {
    Map<String, Setting> out = new HashMap<>();
    String section = "";
    for (IniParser.IniLine line : IniParser.parse(text, false, false)) {
      switch (line) {
        case IniParser.Section s -> section = s.name().toLowerCase(Locale.ROOT);
        case IniParser.Assignment a -> {
          String key = section + "." + a.key().toLowerCase(Locale.ROOT);
          if (!key.matches(
              "server\\.use-ipv[46]|wide-area\\.enable-wide-area"
                  + "|reflector\\.enable-reflector")) {
            continue;
          }
          // avahi-daemon's is_yes(): a value starting with y, t or 1 is true, anything else
          // (even a typo) is false, without complaint.
          String v = a.value().strip().toLowerCase(Locale.ROOT);
          boolean yes = !v.isEmpty() && "yt1".indexOf(v.charAt(0)) >= 0;
          out.put(key, new Setting(yes, a.line()));
        }
        case IniParser.Directive d ->
            Listens.malformed(diagnostics, MAIN, d.line(), "not a section or key=value");
        case IniParser.Malformed m ->
            Listens.malformed(diagnostics, MAIN, m.line(), "not a section or key=value");
      }
    }
    return out;
  }
}
