package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Apache httpd 2.4 (Debian's apache2) from /etc/apache2/apache2.conf: {@code Include} and {@code
 * IncludeOptional} in place (globs relative to ServerRoot, /etc/apache2; a directory means its
 * files), and every {@code Listen [addr:]port [protocol]} that applies.
 *
 * <p>{@code <IfModule>} asks whether a module is loaded: Debian's apache2 has a few modules built
 * in (core, mod_so, mod_watchdog, http_core, mod_log_config, mod_logio, mod_version, mod_unixd);
 * the others are loaded by {@code LoadModule ssl_module .../mod_ssl.so}, found in
 * mods-enabled/*.load, which apache2.conf includes before ports.conf. A module is named by its
 * identifier (ssl_module) or its source file (mod_ssl.c); "!" negates. {@code <IfDefine X>} holds
 * when X was set by a {@code Define} read before it, or by {@code -D X} in APACHE_ARGUMENTS of
 * /etc/apache2/envvars, which apache2ctl (and so apache2.service) passes; Debian sets none. {@code
 * <IfFile>} is checked in the root.
 *
 * <p>"Listen 80" binds one dual-stack socket on "::" (APR's default family on Linux, IPv4 mapped),
 * shown as "::".
 */
final class ApacheConfigReader implements DaemonConfigReader {
  static final String SERVER_ROOT = "/etc/apache2";
  static final String MAIN = SERVER_ROOT + "/apache2.conf";
  static final Set<String> BUILT_IN =
      Set.of(
          "core.c",
          "mod_so.c",
          "mod_watchdog.c",
          "http_core.c",
          "mod_log_config.c",
          "mod_logio.c",
          "mod_version.c",
          "mod_unixd.c",
          "so_module",
          "watchdog_module",
          "http_module",
          "log_config_module",
          "logio_module",
          "version_module",
          "unixd_module",
          "core_module");

  public ApacheConfigReader() {}

  @Override
  public String name() {
    return "apache2";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("apache2", "httpd", "apache");
  }

  /** What one reading of the configuration knows so far. */
  private static final class State {
    final Set<String> modules = new HashSet<>(BUILT_IN);
    final Set<String> defines = new HashSet<>();
    final List<ConfiguredListen> listens = new ArrayList<>();
    String serverRoot = SERVER_ROOT;
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, MAIN, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    State state = new State();
    state.defines.addAll(commandLineDefines(root, diagnostics));
    read(root, MAIN, text.get(), 0, state, diagnostics);
    return Optional.of(Listens.distinct(state.listens));
  }

  /** The -D NAME of APACHE_ARGUMENTS in envvars: "-DSSL -D HTTP2". */
  static Set<String> commandLineDefines(Host root, Diagnostics diagnostics) {
    Set<String> out = new HashSet<>();
    Optional<String> envvars = ConfigFiles.read(root, SERVER_ROOT + "/envvars", diagnostics);
    ShellAssignments.Value args =
        envvars.map(t -> ShellAssignments.parse(t).get("APACHE_ARGUMENTS")).orElse(null);
    if (args != null) {
      String[] words = args.text().strip().split("\\s+");
      for (int i = 0; i < words.length; i++) {
        if (words[i].equals("-D") && i + 1 < words.length) {
          out.add(words[++i]);
        } else if (words[i].startsWith("-D") && words[i].length() > 2) {
          out.add(words[i].substring(2));
        }
      }
    }
    return out;
  }

  private void read(
      Host root, String file, String text, int depth, State state, Diagnostics diagnostics) {
    // Each open section: whether its content applies (and all enclosing ones).
    Deque<Boolean> active = new ArrayDeque<>();
    Deque<String> names = new ArrayDeque<>();
    for (ApacheParser.Line line : ApacheParser.parse(text)) {
      boolean on = active.isEmpty() || active.peek();
      switch (line.kind()) {
        case MALFORMED ->
            Listens.malformed(
                diagnostics, file, line.line(), "not a directive or section: " + line.name());
        case OPEN -> {
          names.push(line.name().toLowerCase(Locale.ROOT));
          active.push(on && applies(root, file, line, state, diagnostics));
        }
        case CLOSE -> {
          if (names.isEmpty() || !names.peek().equals(line.name().toLowerCase(Locale.ROOT))) {
            Listens.malformed(
                diagnostics,
                file,
                line.line(),
                "</" + line.name() + "> without a matching opening");
          } else {
            names.pop();
            active.pop();
          }
        }
        case DIRECTIVE -> {
          if (on) {
            directive(root, file, line, names, depth, state, diagnostics);
          }
        }
      }
    }
    if (!names.isEmpty()) {
      Listens.malformed(diagnostics, file, 0, "<" + names.peek() + "> not closed");
    }
  }

  private boolean applies(
      Host root, String file, ApacheParser.Line line, State state, Diagnostics diagnostics) {
    String section = line.name().toLowerCase(Locale.ROOT);
    String arg = line.args().isEmpty() ? "" : line.args().getFirst();
    boolean negated = arg.startsWith("!");
    String subject = negated ? arg.substring(1) : arg;
    return switch (section) {
      case "ifmodule" -> negated != state.modules.contains(subject);
      case "ifdefine" -> negated != state.defines.contains(subject);
      case "iffile" -> {
        String path = subject.startsWith("/") ? subject : state.serverRoot + "/" + subject;
        yield negated != root.exists(path);
      }
      default -> true;
    };
  }

  private void directive(
      Host root,
      String file,
      ApacheParser.Line line,
      Deque<String> sections,
      int depth,
      State state,
      Diagnostics diagnostics) {
    String name = line.name().toLowerCase(Locale.ROOT);
    List<String> args = line.args();
    switch (name) {
      case "serverroot" -> {
        if (args.size() == 1) {
          state.serverRoot = args.getFirst().replaceAll("/+$", "");
        }
      }
      case "define" -> {
        if (!args.isEmpty()) {
          state.defines.add(args.getFirst());
        }
      }
      case "undefine" -> {
        if (!args.isEmpty()) {
          state.defines.remove(args.getFirst());
        }
      }
      case "loadmodule" -> {
        if (args.size() == 2) {
          state.modules.add(args.get(0));
          String so = args.get(1).substring(args.get(1).lastIndexOf('/') + 1);
          state.modules.add(so.replaceAll("\\.so$", ".c"));
        } else {
          Listens.malformed(diagnostics, file, line.line(), "LoadModule takes two arguments");
        }
      }
      case "include", "includeoptional" ->
          include(root, file, line, name.equals("include"), depth, state, diagnostics);
      case "listen" -> {
        if (sections.contains("virtualhost")) {
          Listens.malformed(
              diagnostics, file, line.line(), "Listen is not allowed in <VirtualHost>");
        } else {
          listen(file, line, state, diagnostics);
        }
      }
      default -> {}
    }
  }

  private void include(
      Host root,
      String file,
      ApacheParser.Line line,
      boolean strict,
      int depth,
      State state,
      Diagnostics diagnostics) {
    if (line.args().size() != 1) {
      Listens.malformed(diagnostics, file, line.line(), line.name() + " takes one argument");
      return;
    }
    String pattern = line.args().getFirst();
    if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
      Listens.malformed(diagnostics, file, line.line(), "includes nested too deep: " + pattern);
      return;
    }
    List<String> files = ConfigFiles.expand(root, state.serverRoot, pattern, true);
    if (files.isEmpty() && strict) {
      // Include (not IncludeOptional) of nothing stops apache at start.
      ConfigFiles.includeNotFound(diagnostics, file, line.line(), "Include " + pattern, "apache2");
    }
    ConfigFiles.readEach(
        root,
        files,
        diagnostics,
        (included, text) -> read(root, included, text, depth + 1, state, diagnostics));
  }

  /** "Listen 80", "Listen 192.0.2.1:8080", "Listen [::1]:443 https". */
  private static void listen(
      String file, ApacheParser.Line line, State state, Diagnostics diagnostics) {
    if (line.args().isEmpty() || line.args().size() > 2) {
      Listens.malformed(diagnostics, file, line.line(), "Listen takes [address:]port [protocol]");
      return;
    }
    String target = line.args().getFirst();
    String host;
    String port;
    if (target.startsWith("[")) {
      int close = target.indexOf("]:");
      host = close < 0 ? "" : target.substring(1, close);
      port = close < 0 ? "" : target.substring(close + 2);
    } else if (target.indexOf(':') >= 0) {
      host = target.substring(0, target.lastIndexOf(':'));
      port = target.substring(target.lastIndexOf(':') + 1);
    } else {
      host = null;
      port = target;
    }
    Optional<Integer> number = Listens.port(port).filter(p -> p > 0);
    if (number.isEmpty()) {
      Listens.malformed(diagnostics, file, line.line(), "Listen " + target + ": not a port");
      return;
    }
    String address;
    if (host == null || host.equals("*")) {
      address = "::";
    } else {
      Optional<String> literal = Listens.literal(host);
      if (literal.isEmpty()) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            file + ":" + line.line(),
            "Listen " + target + ": a host name is not resolved offline");
        return;
      }
      address = literal.get();
    }
    state.listens.add(Listens.of(Protocol.TCP, number.get(), address, file, line.line()));
  }
}
