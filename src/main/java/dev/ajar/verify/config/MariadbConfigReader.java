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
 * MariaDB 10.11 (Debian 12's mariadb-server) from its option files: /etc/my.cnf, then
 * /etc/mysql/my.cnf (Debian: an alternatives link to mariadb.cnf, followed inside the root), with
 * {@code !include FILE} and {@code !includedir DIR} (its *.cnf files in name order). The server
 * reads the groups [mysqld], [server], [mariadb], [mariadbd], [client-server], [galera] and their
 * "-10.11" forms; a later value wins; "-" and "_" are the same in names.
 *
 * <p>{@code bind-address} (a comma separated list since 10.11; unset or "*" means every address:
 * one dual-stack socket, shown as "::"), {@code port} (3306; 0 also means 3306), {@code extra-port}
 * (the thread pool's second port, off at 0), {@code skip-networking} (no TCP at all).
 */
final class MariadbConfigReader implements DaemonConfigReader {
  static final List<String> FILES = List.of("/etc/my.cnf", "/etc/mysql/my.cnf");
  static final String VERSION = "10.11";
  static final Set<String> GROUPS =
      Set.of("mysqld", "server", "mariadb", "mariadbd", "client-server", "galera");
  static final int PORT = 3306;

  public MariadbConfigReader() {}

  @Override
  public String name() {
    return "mariadb";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("mariadb", "mariadbd", "mysqld", "mysql");
  }

  private record Option(String value, String file, int line) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Map<String, Option> options = new HashMap<>();
    boolean any = false;
    for (String file : FILES) {
      Optional<String> text = ConfigFiles.read(root, file, diagnostics);
      if (text.isPresent()) {
        any = true;
        read(root, file, text.get(), 0, options, diagnostics);
      }
    }
    if (!any) {
      return Optional.empty();
    }
    Option skip = options.get("skip_networking");
    if (skip != null
        && (skip.value() == null || !Boolean.FALSE.equals(IniParser.bool(skip.value())))) {
      return Optional.of(List.of());
    }
    int port = port(options.get("port"), PORT, diagnostics);
    int extraPort = port(options.get("extra_port"), 0, diagnostics);
    Option bind = options.get("bind_address");
    Option portOption = options.get("port");
    List<ConfiguredListen> out = new ArrayList<>();
    for (String address : addresses(bind, diagnostics)) {
      out.add(
          Listens.of(
              Protocol.TCP,
              port,
              address,
              bind != null ? bind.file() : portOption != null ? portOption.file() : null,
              bind != null ? bind.line() : portOption != null ? portOption.line() : 0));
      if (extraPort > 0) {
        Option extra = options.get("extra_port");
        out.add(Listens.of(Protocol.TCP, extraPort, address, extra.file(), extra.line()));
      }
    }
    return Optional.of(Listens.distinct(out));
  }

  private static int port(Option option, int fallback, Diagnostics diagnostics) {
    if (option == null) {
      return fallback;
    }
    Optional<Integer> port = Listens.port(option.value());
    if (port.isEmpty()) {
      Listens.malformed(
          diagnostics, option.file(), option.line(), "port " + option.value() + " is not a port");
      return fallback;
    }
    return port.get() == 0 && fallback != 0 ? fallback : port.get();
  }

  private static List<String> addresses(Option bind, Diagnostics diagnostics) {
    if (bind == null || bind.value() == null) {
      return List.of("::");
    }
    List<String> out = new ArrayList<>();
    for (String item : bind.value().split(",")) {
      String a = item.strip();
      if (a.equals("*") || a.equals("::")) {
        out.add("::");
      } else if (a.equals("localhost")) {
        out.add("127.0.0.1");
        out.add("::1");
      } else {
        Optional<String> literal = Listens.literal(a);
        if (literal.isPresent()) {
          out.add(literal.get());
        } else {
          diagnostics.add(
              Diagnostics.Kind.SKIPPED,
              bind.file() + ":" + bind.line(),
              "bind-address " + a + ": a host name is not resolved offline");
        }
      }
    }
    return out;
  }

  private void read(
      Host root,
      String file,
      String text,
      int depth,
      Map<String, Option> options,
      Diagnostics diagnostics) {
    boolean inServerGroup = false;
    for (IniParser.IniLine line : IniParser.parse(text, false, true)) {
      switch (line) {
        case IniParser.Section s -> inServerGroup = isServerGroup(s.name());
        case IniParser.Assignment a -> {
          if (inServerGroup) {
            String key = a.key().toLowerCase(Locale.ROOT).replace('-', '_');
            key = key.startsWith("loose_") ? key.substring(6) : key;
            String value = a.value() == null ? null : IniParser.unquote(stripComment(a.value()));
            options.put(key, new Option(value, file, a.line()));
          }
        }
        case IniParser.Directive d -> directive(root, file, d, depth, options, diagnostics);
        case IniParser.Malformed m ->
            Listens.malformed(diagnostics, file, m.line(), "not a group or option: " + m.text());
      }
    }
  }

  private void directive(
      Host root,
      String file,
      IniParser.Directive d,
      int depth,
      Map<String, Option> options,
      Diagnostics diagnostics) {
    String[] parts = d.text().strip().split("\\s+", 2);
    if (parts.length != 2 || !(parts[0].equals("include") || parts[0].equals("includedir"))) {
      Listens.malformed(diagnostics, file, d.line(), "unknown directive !" + d.text());
      return;
    }
    if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
      Listens.malformed(diagnostics, file, d.line(), "includes nested too deep: " + parts[1]);
      return;
    }
    String target = parts[1].strip().replaceAll("/+$", "");
    boolean directory = parts[0].equals("includedir");
    ConfigFiles.readEach(
        root,
        ConfigFiles.fileOrDirectory(root, file, target, directory, "*.cnf"),
        diagnostics,
        (included, text) -> read(root, included, text, depth + 1, options, diagnostics));
  }

  static boolean isServerGroup(String name) {
    String group = name.strip().toLowerCase(Locale.ROOT);
    if (group.endsWith("-" + VERSION)) {
      group = group.substring(0, group.length() - VERSION.length() - 1);
    }
    return GROUPS.contains(group);
  }

  /** "127.0.0.1 # loopback only" → "127.0.0.1". */
  private static String stripComment(String value) {
    if (value.startsWith("\"") || value.startsWith("'")) {
      return value;
    }
    int hash = value.indexOf('#');
    return hash < 0 ? value : value.substring(0, hash).strip();
  }
}
