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

  /** One value and where it was set. */
  record Setting(String value, String file, int line) {}

  private final Map<String, Setting> values = new HashMap<>();

  private NfsSettings() {}

  /** Empty when /etc/nfs.conf does not exist. */
  static Optional<NfsSettings> load(Host root, Diagnostics diagnostics) {
    Optional<String> main = ConfigFiles.read(root, MAIN, diagnostics);
    if (main.isEmpty()) {
      return Optional.empty();
    }
    NfsSettings settings = new NfsSettings();
    settings.parse(root, MAIN, main.get(), "", 0, diagnostics);
    if (root.isDirectory(DROP_INS)) {
      for (String file : ConfigFiles.expand(root, DROP_INS, "*.conf", false)) {
        ConfigFiles.read(root, file, diagnostics)
            .ifPresent(text -> settings.parse(root, file, text, "", 0, diagnostics));
      }
    }
    return Optional.of(settings);
  }

  Optional<Setting> get(String section, String key) {
    return Optional.ofNullable(values.get(keyOf(section, key)));
  }

  /**
   * A port setting that holds a port (0..65535), or empty: absent, or not a port, which is a
   * diagnostic naming its file and line (the daemon then takes its default).
   */
  Optional<Setting> port(String section, String key, Diagnostics diagnostics) {
    Optional<Setting> s = get(section, key);
    if (s.isPresent() && Listens.port(s.get().value()).isEmpty()) {
      Listens.malformed(
          diagnostics,
          s.get().file(),
          s.get().line(),
          "[" + section + "] " + key + "=" + s.get().value() + " is not a port");
      return Optional.empty();
    }
    return s;
  }

  /** The port of a setting {@link #port} returned, or {@code fallback} when there is none. */
  static int portOr(Optional<Setting> setting, int fallback) {
    return setting.flatMap(s -> Listens.port(s.value())).orElse(fallback);
  }

  /** A command-line option of an init script, which overrides nfs.conf. */
  void override(String section, String key, Setting setting) {
    values.put(keyOf(section, key), setting);
  }

  /** A boolean setting; a value that is no boolean is a diagnostic and the default. */
  boolean bool(String section, String key, boolean fallback, Diagnostics diagnostics) {
    Optional<Setting> s = get(section, key);
    if (s.isEmpty()) {
      return fallback;
    }
    Boolean b = IniParser.bool(s.get().value());
    if (b == null) {
      Listens.malformed(
          diagnostics,
          s.get().file(),
          s.get().line(),
          "[" + section + "] " + key + "=" + s.get().value() + " is not a boolean");
      return fallback;
    }
    return b;
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
            current = include(root, file, a.line(), value, current, depth, diagnostics);
          } else if (!value.isEmpty()) {
            values.put(keyOf(current, a.key()), new Setting(value, file, a.line()));
          }
        }
        case IniParser.Directive d ->
            Listens.malformed(diagnostics, file, d.line(), "not a section or assignment");
        case IniParser.Malformed m ->
            Listens.malformed(diagnostics, file, m.line(), "not a section or assignment");
      }
    }
    return current;
  }

  private String include(
      Host root,
      String from,
      int line,
      String target,
      String section,
      int depth,
      Diagnostics diagnostics) {
    boolean optional = target.startsWith("-");
    String path = optional ? target.substring(1) : target;
    if (!path.startsWith("/")) {
      path = from.substring(0, from.lastIndexOf('/') + 1) + path;
    }
    if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
      Listens.malformed(diagnostics, from, line, "includes nested too deep: " + path);
      return section;
    }
    Optional<String> text = ConfigFiles.read(root, path, diagnostics);
    if (text.isEmpty()) {
      if (!optional) {
        diagnostics.add(
            Diagnostics.Kind.UNREADABLE, from + ":" + line, "include " + path + ": no such file");
      }
      return section;
    }
    // Section headers in the included file carry on after the include line (nfs.conf(5)).
    return parse(root, path, text.get(), section, depth + 1, diagnostics);
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
