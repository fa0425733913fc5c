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
 * redis-server (7.0) from /etc/redis/redis.conf, with {@code include} (globs allowed) read in
 * place; a later directive wins. {@code bind} lists addresses, "-" before one making it optional
 * (skipped at start when the address does not exist; still listed here, as the address), "*" every
 * IPv4 address (0.0.0.0), "::*" every IPv6 address (::); without bind, "* -::*". {@code port}
 * (6379; 0: no TCP) and {@code tls-port} (0: off) listen on each.
 *
 * <pre>
 * bind 127.0.0.1 -::1
 * port 6379
 * </pre>
 */
final class RedisConfigReader implements DaemonConfigReader {
  static final String MAIN = "/etc/redis/redis.conf";
  static final int PORT = 6379;

  public RedisConfigReader() {}

  @Override
  public String name() {
    return "redis-server";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("redis-server", "redis");
  }

  /** A directive, its arguments and where. */
  record Directive(String name, List<String> args, String file, int line) {}

  private static final class State {
    Directive bind;
    Directive port;
    Directive tlsPort;
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, MAIN, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    State state = new State();
    read(root, MAIN, text.get(), 0, state, diagnostics);
    int port = port(state.port, PORT, diagnostics);
    int tlsPort = port(state.tlsPort, 0, diagnostics);
    List<String> addresses = state.bind == null ? List.of("*", "-::*") : state.bind.args();
    List<ConfiguredListen> out = new ArrayList<>();
    for (String raw : addresses) {
      String a = raw.startsWith("-") ? raw.substring(1) : raw;
      String address;
      if (a.equals("*")) {
        address = "0.0.0.0";
      } else if (a.equals("::*")) {
        address = "::";
      } else {
        Optional<String> literal = Listens.literal(a);
        if (literal.isEmpty()) {
          Listens.malformed(
              diagnostics, state.bind.file(), state.bind.line(), "bind " + a + ": not an address");
          continue;
        }
        address = literal.get();
      }
      String file = state.bind == null ? null : state.bind.file();
      int line = state.bind == null ? 0 : state.bind.line();
      if (port > 0) {
        out.add(
            Listens.of(
                Protocol.TCP,
                port,
                address,
                file != null ? file : state.port == null ? null : state.port.file(),
                file != null ? line : state.port == null ? 0 : state.port.line()));
      }
      if (tlsPort > 0) {
        out.add(
            Listens.of(Protocol.TCP, tlsPort, address, state.tlsPort.file(), state.tlsPort.line()));
      }
    }
    return Optional.of(Listens.distinct(out));
  }

  private static int port(Directive d, int fallback, Diagnostics diagnostics) {
    if (d == null) {
      return fallback;
    }
    Optional<Integer> port =
        d.args().size() == 1 ? Listens.port(d.args().getFirst()) : Optional.empty();
    if (port.isEmpty()) {
      Listens.malformed(
          diagnostics,
          d.file(),
          d.line(),
          d.name() + " " + String.join(" ", d.args()) + ": not a port");
      return fallback;
    }
    return port.get();
  }

  private void read(
      Host root, String file, String text, int depth, State state, Diagnostics diagnostics) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      Optional<List<String>> words = words(s);
      if (words.isEmpty()) {
        Listens.malformed(diagnostics, file, i + 1, "unbalanced quotes");
        continue;
      }
      String name = words.get().getFirst().toLowerCase(Locale.ROOT);
      Directive d = new Directive(name, words.get().subList(1, words.get().size()), file, i + 1);
      switch (name) {
        case "bind" -> {
          if (d.args().isEmpty()) {
            Listens.malformed(diagnostics, file, i + 1, "bind without an address");
          } else {
            state.bind = d;
          }
        }
        case "port" -> state.port = d;
        case "tls-port" -> state.tlsPort = d;
        case "include" -> include(root, d, depth, state, diagnostics);
        default -> {}
      }
    }
  }

  private void include(Host root, Directive d, int depth, State state, Diagnostics diagnostics) {
    if (d.args().size() != 1) {
      Listens.malformed(diagnostics, d.file(), d.line(), "include takes one file");
      return;
    }
    if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
      Listens.malformed(diagnostics, d.file(), d.line(), "includes nested too deep");
      return;
    }
    String base = d.file().substring(0, d.file().lastIndexOf('/'));
    List<String> files = ConfigFiles.expand(root, base, d.args().getFirst(), false);
    if (files.isEmpty() && !ConfigFiles.hasWildcard(d.args().getFirst())) {
      ConfigFiles.includeNotFound(
          diagnostics, d.file(), d.line(), "include " + d.args().getFirst(), "redis");
    }
    ConfigFiles.readEach(
        root,
        files,
        diagnostics,
        (included, text) -> read(root, included, text, depth + 1, state, diagnostics));
  }

  /** Words as redis's sdssplitargs reads them: "quoted", 'quoted' or bare; empty if unbalanced. */
  static Optional<List<String>> words(String s) {
    return LineWords.split(s, "\"'", RedisConfigReader::quoted);
  }

  /** "..." with backslash escapes, '...' as written. */
  private static int quoted(String line, int open, StringBuilder word) {
    char quote = line.charAt(open);
    int i = open + 1;
    while (i < line.length()) {
      char d = line.charAt(i);
      if (d == '\\' && quote == '"' && i + 1 < line.length()) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else if (d == quote) {
        return i + 1;
      } else {
        word.append(d);
        i++;
      }
    }
    return -1;
  }
}
