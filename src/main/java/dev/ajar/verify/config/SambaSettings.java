package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The [global] parameters of /etc/samba/smb.conf, shared by the smbd and nmbd readers. Parameter
 * names ignore case, spaces and underscores ("bind interfaces only" = "bindinterfacesonly"); a
 * trailing backslash continues a line; {@code include = FILE} is read in place (smb.conf(5));
 * parameters before the first section are global. An include naming a macro ("%m") depends on the
 * client and is skipped; "registry" configuration lives in registry.tdb, which is not read.
 */
final class SambaSettings {
  static final String MAIN = "/etc/samba/smb.conf";

  private final Map<String, IniSetting> global = new HashMap<>();

  private SambaSettings() {}

  /** A reader for a Samba daemon: no /etc/samba/smb.conf is no configuration. */
  interface Reader extends DaemonConfigReader {
    @Override
    default Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
      return load(root, diagnostics).map(settings -> listens(settings, diagnostics));
    }

    /** The sockets the daemon opens with these [global] parameters. */
    List<ConfiguredListen> listens(SambaSettings settings, Diagnostics diagnostics);
  }

  /** Empty when /etc/samba/smb.conf does not exist. */
  static Optional<SambaSettings> load(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, MAIN, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    SambaSettings settings = new SambaSettings();
    settings.parse(root, MAIN, text.get(), true, 0, diagnostics);
    return Optional.of(settings);
  }

  Optional<IniSetting> get(String parameter) {
    return Optional.ofNullable(global.get(normal(parameter)));
  }

  boolean bool(String parameter, boolean fallback, Diagnostics diagnostics) {
    return get(parameter)
        .map(s -> s.bool(parameter + " = ", fallback, diagnostics))
        .orElse(fallback);
  }

  /** A list parameter: words separated by spaces, commas or tabs. */
  static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String w : value.split("[\\s,]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private boolean parse(
      Host root, String file, String text, boolean inGlobal, int depth, Diagnostics diagnostics) {
    boolean global = inGlobal;
    for (IniParser.IniLine line : IniParser.parse(text, true, false)) {
      switch (line) {
        case IniParser.Section s -> global = s.name().equalsIgnoreCase("global");
        case IniParser.Assignment a -> {
          if (normal(a.key()).equals("include")) {
            include(root, new IniSetting(a.value(), file, a.line()), global, depth, diagnostics);
          } else if (normal(a.key()).equals("configbackend")
              && a.value().equalsIgnoreCase("registry")) {
            diagnostics.add(
                Diagnostics.Kind.SKIPPED,
                file + ":" + a.line(),
                "samba configuration in the registry is not read");
          } else if (global) {
            this.global.put(normal(a.key()), new IniSetting(a.value(), file, a.line()));
          }
        }
        case IniParser.Directive _, IniParser.Malformed _ ->
            Listens.malformed(diagnostics, file, line.line(), "not a section or parameter");
      }
    }
    return global;
  }

  /** Reads what {@code include = FILE} names, in place. */
  private void include(
      Host root, IniSetting include, boolean global, int depth, Diagnostics diagnostics) {
    String target = include.value();
    if (target.indexOf('%') >= 0 || target.equalsIgnoreCase("registry")) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          include.file() + ":" + include.line(),
          "include = " + target + " depends on the client or the registry; not read");
      return;
    }
    String path = target.startsWith("/") ? target : "/etc/samba/" + target;
    // Samba ends an included file's sections there: the includer's section goes on.
    ConfigFiles.readInclude(root, include.file(), include.line(), path, false, depth, diagnostics)
        .ifPresent(text -> parse(root, path, text, global, depth + 1, diagnostics));
  }

  private static String normal(String parameter) {
    return parameter.replace(" ", "").replace("\t", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * The addresses of an {@code interfaces} list with {@code bind interfaces only}: literals and
   * IP/mask pairs give their address (a network address, host bits zero, means every interface in
   * that network: only loopback's is known offline); interface names cannot be resolved offline and
   * stand for every address (a diagnostic says so); "lo" is loopback.
   */
  static List<String> interfaceAddresses(
      IniSetting interfaces, boolean ipv6, Diagnostics diagnostics) {
    List<String> out = new ArrayList<>();
    for (String word : list(interfaces.value().replace(';', ' '))) {
      String item = IniParser.unquote(word);
      int slash = item.indexOf('/');
      String address = slash < 0 ? item : item.substring(0, slash);
      Optional<String> literal = Listens.literal(address);
      if (literal.isPresent()) {
        if (Listens.isIpv6(literal.get()) && !ipv6) {
          continue;
        }
        out.add(networkAddress(literal.get(), item, interfaces, diagnostics));
      } else if (item.equals("lo")) {
        out.add("127.0.0.1");
        if (ipv6) {
          out.add("::1");
        }
      } else {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            interfaces.file() + ":" + interfaces.line(),
            "interfaces "
                + item
                + ": interface names are not resolved offline; "
                + "counted as every address");
        out.add(ConfiguredListen.EVERY_IPV4);
        if (ipv6) {
          out.add(ConfiguredListen.EVERY_IPV6);
        }
      }
    }
    return out;
  }

  /** 127.0.0.0/8 means loopback's address; another network, every address in it. */
  private static String networkAddress(
      String literal, String item, IniSetting where, Diagnostics diagnostics) {
    if (literal.equals("127.0.0.0")) {
      return "127.0.0.1";
    }
    if (item.indexOf('/') > 0 && (literal.endsWith(".0") || literal.endsWith("::"))) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          where.file() + ":" + where.line(),
          "interfaces "
              + item
              + ": the addresses in this network are not known offline; "
              + "counted as every address");
      return Listens.isIpv6(literal) ? ConfiguredListen.EVERY_IPV6 : ConfiguredListen.EVERY_IPV4;
    }
    return literal;
  }
}
