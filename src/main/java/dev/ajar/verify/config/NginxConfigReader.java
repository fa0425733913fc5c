package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * nginx from /etc/nginx/nginx.conf, with {@code include} globs (relative to /etc/nginx, read in
 * name order in place, so Debian's sites-enabled links to sites-available are followed inside the
 * root). Every {@code server} of an {@code http}, {@code stream} or {@code mail} block listens
 * where its {@code listen} directives say; an http server without one listens on *:80 (nginx as
 * root).
 *
 * <p>{@code listen} forms: "80", "127.0.0.1:8080", "127.0.0.1" (port 80), "*:80", "[::]:80",
 * "localhost:80" (127.0.0.1 and ::1, Debian's /etc/hosts); "unix:/path" is no port. "udp" (stream)
 * and "quic" (http/3) make it UDP. {@code ipv6only=off} makes "[::]" one dual-stack socket, still
 * shown as "::". Like nginx, a specific address on a port that also has a wildcard of its family is
 * served by the wildcard socket and not bound, unless the listen asks for its own socket ({@code
 * bind} or a socket option).
 */
final class NginxConfigReader implements DaemonConfigReader {
  static final String PREFIX = "/etc/nginx";
  static final String MAIN = PREFIX + "/nginx.conf";

  public NginxConfigReader() {}

  @Override
  public String name() {
    return "nginx";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("nginx");
  }

  /** One listen directive, before folding into wildcards. */
  private record Listen(ConfiguredListen socket, boolean ownSocket) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, MAIN, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<Listen> found = new ArrayList<>();
    walk(root, MAIN, text.get(), "", 0, found, diagnostics);
    return Optional.of(fold(found));
  }

  private void walk(
      Host root,
      String file,
      String text,
      String context,
      int depth,
      List<Listen> found,
      Diagnostics diagnostics) {
    NginxParser.Result parsed = NginxParser.parse(text);
    for (NginxParser.Error e : parsed.errors()) {
      Listens.malformed(diagnostics, file, e.line(), e.message());
    }
    walk(root, file, parsed.directives(), context, depth, found, diagnostics);
  }

  private void walk(
      Host root,
      String file,
      List<NginxParser.Directive> directives,
      String context,
      int depth,
      List<Listen> found,
      Diagnostics diagnostics) {
    for (NginxParser.Directive d : directives) {
      if (d.name().equals("include") && d.block() == null) {
        include(root, file, d, context, depth, found, diagnostics);
      } else if (d.block() != null) {
        String inner = context.isEmpty() ? d.name() : context + "/" + d.name();
        if (d.name().equals("server") && isServerContext(context)) {
          List<Listen> mine = new ArrayList<>();
          walk(root, file, d.block(), inner, depth, mine, diagnostics);
          if (mine.isEmpty() && context.equals("http")) {
            mine.add(new Listen(Listens.of(Protocol.TCP, 80, "0.0.0.0", file, d.line()), false));
          }
          found.addAll(mine);
        } else {
          walk(root, file, d.block(), inner, depth, found, diagnostics);
        }
      } else if (d.name().equals("listen")
          && isServerContext(parent(context))
          && context.endsWith("server")) {
        listen(file, d, parent(context), found, diagnostics);
      }
    }
  }

  private static boolean isServerContext(String context) {
    return context.equals("http") || context.equals("stream") || context.equals("mail");
  }

  private static String parent(String context) {
    int slash = context.lastIndexOf('/');
    return slash < 0 ? "" : context.substring(0, slash);
  }

  private void include(
      Host root,
      String file,
      NginxParser.Directive d,
      String context,
      int depth,
      List<Listen> found,
      Diagnostics diagnostics) {
    if (d.args().size() != 1) {
      Listens.malformed(diagnostics, file, d.line(), "include takes one file or pattern");
      return;
    }
    String pattern = d.args().getFirst();
    if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
      Listens.malformed(diagnostics, file, d.line(), "includes nested too deep: " + pattern);
      return;
    }
    List<String> files = ConfigFiles.expand(root, PREFIX, pattern, false);
    if (files.isEmpty() && !ConfigFiles.hasWildcard(pattern)) {
      // nginx refuses to start: open() "..." failed.
      ConfigFiles.includeNotFound(diagnostics, file, d.line(), "include " + pattern, "nginx");
    }
    ConfigFiles.readEach(
        root,
        files,
        diagnostics,
        (included, text) -> walk(root, included, text, context, depth + 1, found, diagnostics));
  }

  private static void listen(
      String file,
      NginxParser.Directive d,
      String block,
      List<Listen> found,
      Diagnostics diagnostics) {
    if (d.args().isEmpty()) {
      Listens.malformed(diagnostics, file, d.line(), "listen without an address");
      return;
    }
    String target = d.args().getFirst();
    if (target.startsWith("unix:")) {
      return;
    }
    Protocol protocol = Protocol.TCP;
    boolean ownSocket = false;
    for (String p : d.args().subList(1, d.args().size())) {
      if (p.equals("udp") && block.equals("stream") || p.equals("quic") && block.equals("http")) {
        protocol = Protocol.UDP;
      }
      if (p.equals("bind")
          || p.equals("reuseport")
          || p.equals("deferred")
          || p.startsWith("ipv6only=")
          || p.startsWith("backlog=")
          || p.startsWith("rcvbuf=")
          || p.startsWith("sndbuf=")
          || p.startsWith("so_keepalive=")
          || p.startsWith("fastopen=")
          || p.startsWith("accept_filter=")
          || p.startsWith("setfib=")) {
        ownSocket = true;
      }
    }
    Optional<Endpoint> endpoint = endpoint(target);
    if (endpoint.isEmpty()) {
      Listens.malformed(diagnostics, file, d.line(), "listen " + target + ": not an address");
      return;
    }
    List<String> addresses =
        endpoint.get().host().equals("localhost")
            ? List.of("127.0.0.1", "::1")
            : List.of(endpoint.get().host());
    if (!addresses.getFirst().equals("127.0.0.1")
        && Listens.literal(addresses.getFirst()).isEmpty()) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          file + ":" + d.line(),
          "listen " + target + ": a host name is not resolved offline");
      return;
    }
    for (String address : addresses) {
      found.add(
          new Listen(
              Listens.of(protocol, endpoint.get().port(), address, file, d.line()), ownSocket));
    }
  }

  private record Endpoint(String host, int port) {}

  /** "8080", "*:80", "[::]:443", "127.0.0.1" (port 80), "localhost:8080". */
  static Optional<Endpoint> endpoint(String target) {
    String host;
    String port;
    if (target.startsWith("[")) {
      int close = target.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = target.substring(1, close);
      String rest = target.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return Optional.empty();
      }
      port = rest.isEmpty() ? "80" : rest.substring(1);
    } else if (target.matches("\\d+")) {
      host = "*";
      port = target;
    } else {
      int colon = target.lastIndexOf(':');
      host = colon < 0 ? target : target.substring(0, colon);
      port = colon < 0 ? "80" : target.substring(colon + 1);
    }
    Optional<Integer> number = Listens.port(port).filter(p -> p > 0);
    if (number.isEmpty() || host.isEmpty()) {
      return Optional.empty();
    }
    if (host.equals("*")) {
      return Optional.of(new Endpoint("0.0.0.0", number.get()));
    }
    if (host.equals("localhost")) {
      return Optional.of(new Endpoint(host, number.get()));
    }
    Optional<String> literal = Listens.literal(host);
    return Optional.of(new Endpoint(literal.orElse(host), number.get()));
  }

  /** Duplicates once; specific addresses without their own socket fold into a wildcard. */
  private static List<ConfiguredListen> fold(List<Listen> found) {
    List<ConfiguredListen> out = new ArrayList<>();
    for (Listen l : found) {
      ConfiguredListen s = l.socket();
      boolean wildcard = s.address().equals("0.0.0.0") || s.address().equals("::");
      if (!wildcard && !l.ownSocket()) {
        String any = Listens.isIpv6(s.address()) ? "::" : "0.0.0.0";
        boolean covered =
            found.stream()
                .map(Listen::socket)
                .anyMatch(
                    o ->
                        o.protocol() == s.protocol()
                            && o.port() == s.port()
                            && o.address().equals(any));
        if (covered) {
          continue;
        }
      }
      out.add(s);
    }
    return Listens.distinct(out);
  }
}
