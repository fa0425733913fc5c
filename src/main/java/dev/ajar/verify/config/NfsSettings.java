package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings nfs-utils 2.6 daemons read: /etc/nfs.conf, then /etc/nfs.conf.d/*.conf (which
 * override it, nfs.conf(5)), each with {@code include = FILE} (a leading "-" makes the file
 * optional). Section and key names are case-insensitive; one pair of quotes is removed; an empty
 * value is no assignment. Values starting with "$" (from [environment]) are kept as written.
 *
 * <p>Shared by the nfsd, mountd and statd readers, and the /etc/default options the SysV init
 * scripts pass (command-line options win over nfs.conf).
 */
final class NfsSettings {
  static final String MAIN = "/etc/nfs.conf";
  static final String DROP_INS = "/etc/nfs.conf.d";

  private final Map<String, IniSetting> values = new HashMap<>();

  private NfsSettings() {}

  /** A reader for an nfs-utils daemon: no /etc/nfs.conf is no configuration. */
  interface Reader extends DaemonConfigReader {
    @Override
    default Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
      return load(root, diagnostics).map(settings -> listens(root, settings, diagnostics));
    }

    /** The sockets the daemon opens with these settings. */
    List<ConfiguredListen> listens(Host root, NfsSettings settings, Diagnostics diagnostics);
  }

  /** Empty when /etc/nfs.conf does not exist. */
  static Optional<NfsSettings> load(Host root, Diagnostics diagnostics) {
    Optional<String> main = ConfigFiles.read(root, MAIN, diagnostics);
    if (main.isEmpty()) {
      return Optional.empty();
    }
    NfsSettings settings = new NfsSettings();
    settings.parse(root, MAIN, main.get(), "", 0, diagnostics);
    if (root.isDirectory(DROP_INS)) {
      ConfigFiles.readEach(
          root,
          ConfigFiles.expand(root, DROP_INS, "*.conf", false),
          diagnostics,
          (file, text) -> settings.parse(root, file, text, "", 0, diagnostics));
    }
    return Optional.of(settings);
  }

  Optional<IniSetting> get(String section, String key) {
    return Optional.ofNullable(values.get(keyOf(section, key)));
  }

  /**
   * A port setting that holds a port (0..65535), or empty: absent, or not a port, which is a
   * diagnostic naming its file and line (the daemon then takes its default).
   */
  Optional<IniSetting> port(String section, String key, Diagnostics diagnostics) {
    return get(section, key).filter(s -> s.port(assignment(section, key), diagnostics).isPresent());
  }

  /** A command-line option of an init script, which overrides nfs.conf. */
  void override(String section, String key, IniSetting setting) {
    values.put(keyOf(section, key), setting);
  }

  /** A boolean setting; a value that is no boolean is a diagnostic and the default. */
  boolean bool(String section, String key, boolean fallback, Diagnostics diagnostics) {
    return get(section, key)
        .map(s -> s.bool(assignment(section, key), fallback, diagnostics))
        .orElse(fallback);
  }

  /** "[nfsd] port=": how diagnostics show a key. */
  private static String assignment(String section, String key) {
    return "[" + section + "] " + key + "=";
  }

  private String parse(
      Host root, String file, String text, String section, int depth, Diagnostics diagnostics) {
    String current = section;
    for (IniParser.IniLine line : IniParser.parse(text, false, false)) {
      switch (line) {
        case IniParser.Section s -> current = s.name().toLowerCase(Locale.ROOT);
        case IniParser.Assignment a -> {
          String value = IniParser.unquote(stripComment(a.value()));
          if (a.key().equalsIgnoreCase("include")) {
            IniSetting include = new IniSetting(value, file, a.line());
            current = include(root, include, current, depth, diagnostics);
          } else if (!value.isEmpty()) {
            values.put(keyOf(current, a.key()), new IniSetting(value, file, a.line()));
          }
        }
        case IniParser.Directive _, IniParser.Malformed _ ->
            Listens.malformed(diagnostics, file, line.line(), "not a section or assignment");
      }
    }
    return current;
  }

  /** Reads what {@code include = FILE} names; the section in effect after it. */
  private String include(
      Host root, IniSetting include, String section, int depth, Diagnostics diagnostics) {
    boolean optional = include.value().startsWith("-");
    String named = optional ? include.value().substring(1) : include.value();
    String from = include.file();
    String path =
        named.startsWith("/") ? named : from.substring(0, from.lastIndexOf('/') + 1) + named;
    // Section headers in the included file carry on after the include line (nfs.conf(5)).
    return ConfigFiles.readInclude(root, from, include.line(), path, optional, depth, diagnostics)
        .map(text -> parse(root, path, text, section, depth + 1, diagnostics))
        .orElse(section);
  }

  /** "2049 # the port" → "2049": conffile.c ends a value at an unquoted "#". */
  private static String stripComment(String value) {
    if (value.startsWith("\"") || value.startsWith("'")) {
      return value;
    }
    int hash = value.indexOf('#');
    return hash < 0 ? value : value.substring(0, hash).strip();
  }

  private static String keyOf(String section, String key) {
    return section.toLowerCase(Locale.ROOT) + "\0" + key.toLowerCase(Locale.ROOT);
  }

  /** The value of a long or short option in an argument string: "--port 4000", "-p4000". */
  static Optional<String> option(String arguments, String longName, String shortName) {
    List<String> words = List.of(arguments.strip().split("\\s+"));
    Optional<String> found = Optional.empty();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if ((w.equals(longName) || w.equals(shortName)) && i + 1 < words.size()) {
        found = Optional.of(words.get(++i));
      } else if (w.startsWith(longName + "=")) {
        found = Optional.of(w.substring(longName.length() + 1));
      } else if (shortName != null
          && w.startsWith(shortName)
          && w.length() > 2
          && !w.startsWith("--")) {
        found = Optional.of(w.substring(2));
      }
    }
    return found;
  }

  /** Whether a flag appears in an argument string. */
  static boolean flag(String arguments, String longName, String shortName) {
    for (String w : arguments.strip().split("\\s+")) {
      if (w.equals(longName) || w.equals(shortName)) {
        return true;
      }
    }
    return false;
  }
}
