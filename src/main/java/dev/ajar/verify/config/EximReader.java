package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import dev.ajar.supervisors.inetd.ServicePorts;
import dev.ajar.verify.config.EximConf.Option;
import dev.ajar.verify.config.EximConf.SourceLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exim 4 as Debian runs it. The configuration Exim reads is /etc/exim4/exim4.conf when it exists;
 * otherwise the one update-exim4.conf generates at every start from update-exim4.conf.conf
 * (dc_local_interfaces becomes the MAIN_LOCAL_INTERFACES macro, other upper-case lines become
 * macros), exim4.conf.localmacros and exim4.conf.template, or conf.d/main/* with
 * dc_use_split_config. In its main section, local_interfaces (default: both wildcards) and
 * daemon_smtp_ports (default: smtp) say where the daemon listens. The init script's QUEUERUNNER
 * decides whether there is a listener at all (queueonly and nodaemon: no), and SMTPLISTENEROPTIONS
 * may override both with -oX.
 */
final class EximReader implements DaemonConfigReader {
  static final String DIR = "/etc/exim4";
  static final String OWN_CONFIG = DIR + "/exim4.conf";
  static final String DEBCONF = DIR + "/update-exim4.conf.conf";
  static final String TEMPLATE = DIR + "/exim4.conf.template";
  static final String LOCALMACROS = DIR + "/exim4.conf.localmacros";
  static final String MAIN_PARTS = DIR + "/conf.d/main";
  static final String DEFAULTS = "/etc/default/exim4";
  private static final String MARKER = "UPEX4CmacrosUPEX4C";
  private static final Pattern PART_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  public EximReader() {}

  @Override
  public String name() {
    return "exim4";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("exim4", "exim");
  }

  /** A shell variable of a Debian defaults file, with its line. */
  record Variable(String value, int line) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<List<SourceLine>> lines = sources(root, diagnostics);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Variable> defaults =
        shellVariables(ConfigFiles.read(root, DEFAULTS, diagnostics).orElse(""));
    Variable runner = defaults.get("QUEUERUNNER");
    if (runner != null && Set.of("queueonly", "nodaemon").contains(runner.value())) {
      return Optional.of(List.of());
    }
    EximConf.Main main = EximConf.main(lines.get());
    for (Map.Entry<String, String> error : main.errors()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, error.getKey(), error.getValue());
    }
    Option interfaces = main.options().get("local_interfaces");
    Option ports = main.options().get("daemon_smtp_ports");
    if (ports == null) {
      ports = main.options().get("daemon_smtp_port");
    }
    Variable listener = defaults.get("SMTPLISTENEROPTIONS");
    if (listener != null) {
      Option overridden = overrideFromCommandLine(listener);
      if (overridden != null) {
        if (overridden.value().matches("[0-9: ]+")) {
          ports = overridden;
        } else {
          interfaces = overridden;
        }
      }
    }
    ServicePorts services =
        ServicePorts.parse(ConfigFiles.read(root, "/etc/services", diagnostics).orElse(""));
    List<Integer> daemonPorts = new ArrayList<>();
    if (ports == null) {
      daemonPorts.add(services.port("smtp", "tcp").orElse(25));
    }
    for (String item : ports == null ? List.<String>of() : EximConf.list(ports.value())) {
      OptionalInt port = services.port(item, "tcp");
      if (port.isEmpty()) {
        diagnostics.add(
            Diagnostics.Kind.MALFORMED,
            ports.file() + ":" + ports.line(),
            "daemon_smtp_ports: unknown port " + item);
      } else if (!daemonPorts.contains(port.getAsInt())) {
        daemonPorts.add(port.getAsInt());
      }
    }
    Listens listens = new Listens();
    Option at = interfaces != null ? interfaces : ports;
    String file = at == null ? null : at.file();
    int line = at == null ? 0 : at.line();
    String where = at == null ? DIR : file + ":" + line;
    List<String> items =
        interfaces == null
            ? List.of()
            : EximConf.list(interfaces.value()).stream().distinct().toList();
    if (items.isEmpty()) {
      // Exim's default on an IPv6-capable host: "<; ::0 ; 0.0.0.0".
      items = List.of("::0", "0.0.0.0");
    }
    for (String item : items) {
      if (listens.isFull()) {
        break;
      }
      EximConf.Interface parsed;
      try {
        parsed = EximConf.parseInterface(item);
      } catch (IllegalArgumentException e) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, e.getMessage());
        continue;
      }
      if (parsed.port() == null) {
        for (int port : daemonPorts) {
          listens.add(Protocol.TCP, port, parsed.address(), file, line);
        }
        continue;
      }
      OptionalInt port = services.port(parsed.port(), "tcp");
      if (port.isEmpty()) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, "bad port in " + item);
      } else {
        listens.add(Protocol.TCP, port.getAsInt(), parsed.address(), file, line);
      }
    }
    return Optional.of(listens.toList(diagnostics, DIR));
  }

  /** The lines Exim will read, in order, or empty when the root has no Exim configuration. */
  private Optional<List<SourceLine>> sources(Host root, Diagnostics diagnostics) {
    Optional<String> own = ConfigFiles.read(root, OWN_CONFIG, diagnostics);
    if (own.isPresent()) {
      return Optional.of(lines(OWN_CONFIG, own.get()));
    }
    Optional<String> debconf = ConfigFiles.read(root, DEBCONF, diagnostics);
    if (debconf.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Variable> settings = shellVariables(debconf.get());
    List<SourceLine> seeded = seededMacros(settings, debconf.get());
    List<SourceLine> out = new ArrayList<>();
    Variable split = settings.get("dc_use_split_config");
    if (split != null && split.value().equalsIgnoreCase("true")) {
      for (String part : mainParts(root)) {
        ConfigFiles.read(root, part, diagnostics).ifPresent(t -> insert(out, part, t, seeded));
      }
    } else {
      ConfigFiles.read(root, LOCALMACROS, diagnostics)
          .ifPresent(t -> out.addAll(lines(LOCALMACROS, t)));
      Optional<String> template = ConfigFiles.read(root, TEMPLATE, diagnostics);
      if (template.isEmpty()) {
        if (!root.exists(TEMPLATE)) {
          diagnostics.add(
              Diagnostics.Kind.MALFORMED,
              TEMPLATE,
              "missing: update-exim4.conf cannot build the configuration");
        }
        return Optional.empty();
      }
      insert(out, TEMPLATE, template.get(), seeded);
    }
    return Optional.of(out);
  }

  /**
   * The macros update-exim4.conf writes after the marker line: MAIN_LOCAL_INTERFACES from
   * dc_local_interfaces ("&lt;; " put in front of a list with semicolons), and every line of
   * update-exim4.conf.conf that starts with an upper-case letter, each only if not yet defined.
   */
  private static List<SourceLine> seededMacros(Map<String, Variable> settings, String text) {
    List<SourceLine> out = new ArrayList<>();
    Variable interfaces = settings.get("dc_local_interfaces");
    if (interfaces != null && !interfaces.value().isEmpty()) {
      String value = interfaces.value().toLowerCase(Locale.ROOT);
      if (value.contains(";") && !value.startsWith("<")) {
        value = "<; " + value;
      }
      seed(out, "MAIN_LOCAL_INTERFACES", value, interfaces.line());
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i];
      int equals = s.indexOf('=');
      if (!s.isEmpty()
          && Character.isUpperCase(s.charAt(0))
          && equals > 0
          && !s.startsWith("CFILEMODE=")) {
        seed(out, s.substring(0, equals).strip(), unquote(s.substring(equals + 1)), i + 1);
      }
    }
    return out;
  }

  private static void seed(List<SourceLine> out, String name, String value, int line) {
    out.add(new SourceLine(DEBCONF, line, ".ifndef " + name));
    out.add(new SourceLine(DEBCONF, line, name + "=" + value));
    out.add(new SourceLine(DEBCONF, line, ".endif"));
  }

  private static void insert(
      List<SourceLine> out, String file, String text, List<SourceLine> seeded) {
    for (SourceLine line : lines(file, text)) {
      out.add(line);
      if (line.text().startsWith(MARKER)) {
        out.addAll(seeded);
      }
    }
  }

  /** conf.d/main parts as update-exim4.conf's run_parts lists them (a .rul file replaces). */
  private static List<String> mainParts(Host root) {
    List<String> names;
    try {
      names = root.list(MAIN_PARTS);
    } catch (IOException e) {
      return List.of();
    }
    names.sort(null);
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      String path = MAIN_PARTS + "/" + name;
      if (PART_NAME.matcher(name).matches() && root.isRegularFile(path)) {
        parts.add(root.isRegularFile(path + ".rul") ? path + ".rul" : path);
      }
    }
    return parts;
  }

  private static List<SourceLine> lines(String file, String text) {
    List<SourceLine> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.add(new SourceLine(file, i + 1, lines[i]));
    }
    return out;
  }

  /**
   * The value of -oX in SMTPLISTENEROPTIONS ("-oX 25:587:10025" or "-oX25"), or null.
   *
   * <pre>
   * SMTPLISTENEROPTIONS='-oX 25:587:10025 -oP /run/exim4/exim.pid'
   * </pre>
   */
  private static Option overrideFromCommandLine(Variable options) {
    String[] words = options.value().strip().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if (words[i].equals("-oX") && i + 1 < words.length) {
        return new Option(words[i + 1], DEFAULTS, options.line());
      }
      if (words[i].startsWith("-oX") && words[i].length() > 3) {
        return new Option(words[i].substring(3), DEFAULTS, options.line());
      }
    }
    return null;
  }

  /**
   * Plain shell assignments, the last one winning, as ". FILE" would leave them.
   *
   * <pre>
   * dc_local_interfaces='127.0.0.1 ; ::1'
   * </pre>
   */
  static Map<String, Variable> shellVariables(String text) {
    Map<String, Variable> variables = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.startsWith("export ")) {
        s = s.substring(7).strip();
      }
      int equals = s.indexOf('=');
      if (s.startsWith("#") || equals <= 0 || !s.substring(0, equals).matches("[A-Za-z_]\\w*")) {
        continue;
      }
      variables.put(s.substring(0, equals), new Variable(unquote(s.substring(equals + 1)), i + 1));
    }
    return variables;
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"')) {
      int close = v.indexOf(v.charAt(0), 1);
      if (close > 0) {
        return v.substring(1, close);
      }
    }
    int blank = v.indexOf(' ');
    return blank < 0 ? v : v.substring(0, blank);
  }
}
