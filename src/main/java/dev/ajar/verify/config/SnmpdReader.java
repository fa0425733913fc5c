package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Net-SNMP's agent: agentaddress in snmpd.conf(5) (and snmpd.local.conf, includeFile, includeDir),
 * plus the listening addresses at the end of SNMPDOPTS in /etc/default/snmpd (read by Debian's init
 * script only; its systemd unit passes none). snmpd appends every address it is given; with none it
 * listens on UDP port 161 of every IPv4 address.
 */
final class SnmpdReader implements DaemonConfigReader {
  static final String CONFIG = "/etc/snmp/snmpd.conf";
  static final String LOCAL_CONFIG = "/etc/snmp/snmpd.local.conf";
  static final String DEFAULTS = "/etc/default/snmpd";

  public SnmpdReader() {}

  @Override
  public String name() {
    return "snmpd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("snmpd");
  }

  /** A specifier with where it was given. */
  private record Given(String specifier, String file, int line) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, CONFIG, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<Given> given = new ArrayList<>();
    ConfigFiles.read(root, DEFAULTS, diagnostics)
        .ifPresent(defaults -> commandLine(defaults, given, diagnostics));
    readFile(root, CONFIG, text.get(), given, diagnostics, 0);
    ConfigFiles.read(root, LOCAL_CONFIG, diagnostics)
        .ifPresent(local -> readFile(root, LOCAL_CONFIG, local, given, diagnostics, 0));

    Listens listens = new Listens();
    if (given.isEmpty()) {
      listens.add(Protocol.UDP, SnmpTransport.SNMP_PORT, "0.0.0.0", null, 0);
      return Optional.of(listens.toList(diagnostics, CONFIG));
    }
    HostNames names = HostNames.of(root, diagnostics);
    for (Given g : given) {
      String where = g.file() + ":" + g.line();
      SnmpTransport.Spec spec;
      try {
        spec = SnmpTransport.parse(g.specifier());
      } catch (IllegalArgumentException e) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, e.getMessage());
        continue;
      }
      if (spec == null) {
        continue;
      }
      List<String> addresses =
          spec.host() == null
              ? List.of(spec.ipv6() ? "::" : "0.0.0.0")
              : names.resolve(spec.host(), spec.ipv6());
      if (addresses.isEmpty()) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            where,
            "agent address "
                + spec.host()
                + ": not an "
                + (spec.ipv6() ? "IPv6" : "IPv4")
                + " address, and not in the root's /etc/hosts");
      }
      for (String address : addresses) {
        listens.add(spec.protocol(), spec.port(), address, g.file(), g.line());
      }
    }
    return Optional.of(listens.toList(diagnostics, CONFIG));
  }

  private static void readFile(
      Host root, String file, String text, List<Given> given, Diagnostics diagnostics, int depth) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      // agentaddress  127.0.0.1,[::1]
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      String keyword = parts[0].toLowerCase(Locale.ROOT);
      String value = parts.length > 1 ? parts[1].strip() : "";
      String where = file + ":" + (i + 1);
      switch (keyword) {
        case "agentaddress" -> {
          if (value.isEmpty()) {
            diagnostics.add(Diagnostics.Kind.MALFORMED, where, "agentaddress without a value");
          }
          for (String specifier : value.split(",")) {
            if (!specifier.isBlank()) {
              given.add(new Given(specifier.strip(), file, i + 1));
            }
          }
        }
        case "includefile", "includedir" -> {
          if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
            diagnostics.add(Diagnostics.Kind.MALFORMED, where, "includes nested too deep");
            continue;
          }
          boolean directory = keyword.equals("includedir");
          ConfigFiles.readEach(
              root,
              ConfigFiles.fileOrDirectory(root, file, value, directory, "*.conf"),
              diagnostics,
              (included, t) -> readFile(root, included, t, given, diagnostics, depth + 1));
        }
        default -> {
          // Other directives open no port of the agent.
        }
      }
    }
  }

  /**
   * The listening addresses at the end of SNMPDOPTS, the arguments that are neither options nor an
   * option's value.
   *
   * <pre>
   * SNMPDOPTS='-LSwd -Lf /dev/null -u Debian-snmp -g Debian-snmp -I -smux -p /run/snmpd.pid udp:161'
   * </pre>
   */
  static void commandLine(String defaults, List<Given> given, Diagnostics diagnostics) {
    String[] lines = defaults.split("\n", -1);
    String value = null;
    int number = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      if (line.startsWith("SNMPDOPTS=")) {
        value = line.substring("SNMPDOPTS=".length()).strip();
        number = i + 1;
      }
    }
    if (value == null) {
      return;
    }
    if (value.length() >= 2
        && (value.charAt(0) == '\'' || value.charAt(0) == '"')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      value = value.substring(1, value.length() - 1);
    }
    String[] words = value.strip().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.isEmpty()) {
        continue;
      }
      if (w.startsWith("-")) {
        if (takesNextWord(w)) {
          i++;
        }
        continue;
      }
      if (w.contains("$")) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            DEFAULTS + ":" + number,
            "shell expansion in SNMPDOPTS not followed: " + w);
        continue;
      }
      for (String specifier : w.split(",")) {
        if (!specifier.isBlank()) {
          given.add(new Given(specifier, DEFAULTS, number));
        }
      }
    }
  }

  /** Whether an snmpd option word is followed by its value as the next word. */
  private static boolean takesNextWord(String option) {
    if (option.length() == 2) {
      return "cgIlLmMnpPSYxF".indexOf(option.charAt(1)) >= 0;
    }
    // -Lf FILE, -LF PRI FILE is rare; -Lf and -LF take the next word.
    return option.equals("-Lf") || option.equals("-LF");
  }
}
