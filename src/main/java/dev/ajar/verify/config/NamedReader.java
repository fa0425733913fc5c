package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import dev.ajar.verify.config.NamedConfParser.Block;
import dev.ajar.verify.config.NamedConfParser.Element;
import dev.ajar.verify.config.NamedConfParser.Statement;
import dev.ajar.verify.config.NamedConfParser.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * BIND's named: named.conf(5) with its includes; listen-on and listen-on-v6 of the options
 * statement (DNS on TCP and UDP; DNS over TLS or HTTP on TCP), the control channel of rndc and the
 * statistics channels. named binds each interface address the address match list allows, so "any"
 * (and the built-in "localhost" and "localnets" ACLs, which are every interface's addresses) is
 * {@link ConfiguredListen#EVERY_IPV4} / {@link ConfiguredListen#EVERY_IPV6}. Match lists are not
 * evaluated in full: a negation is ignored and an ACL name counts as "any", each with a diagnostic,
 * so the answer errs towards more ports, never fewer.
 */
final class NamedReader implements DaemonConfigReader {
  static final String CONFIG = "/etc/bind/named.conf";
  static final String BASE = "/etc/bind";

  /** Debian builds BIND with sysconfdir /etc/bind: the default control channel's key. */
  static final String RNDC_KEY = "/etc/bind/rndc.key";

  static final String DEFAULTS = "/etc/default/named";
  static final int DNS_PORT = 53;
  static final int RNDC_PORT = 953;

  public NamedReader() {}

  @Override
  public String name() {
    return "named";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("named", "bind9", "bind");
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, CONFIG, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<Statement> top = parse(root, CONFIG, text.get(), diagnostics, 0);
    boolean[] families = families(root, diagnostics);
    Listens listens = new Listens();

    Statement options = null;
    for (Statement s : top) {
      if (s.keyword().equals("options")) {
        if (options != null) {
          diagnostics.add(
              Diagnostics.Kind.MALFORMED,
              where(s.first()),
              "a second options statement (named refuses to start)");
        } else {
          options = s;
        }
      }
    }
    List<Statement> optionList =
        options == null || options.block() == null ? List.of() : options.block().statements();
    int dnsPort = DNS_PORT;
    int tlsPort = 853;
    int httpsPort = 443;
    int httpPort = 80;
    for (Statement s : optionList) {
      Optional<Integer> value =
          switch (s.keyword()) {
            case "port", "tls-port", "https-port", "http-port" -> portValue(s, diagnostics);
            default -> Optional.empty();
          };
      if (value.isPresent()) {
        switch (s.keyword()) {
          case "port" -> dnsPort = value.get();
          case "tls-port" -> tlsPort = value.get();
          case "https-port" -> httpsPort = value.get();
          default -> httpPort = value.get();
        }
      }
    }
    for (boolean v6 : new boolean[] {false, true}) {
      if (!families[v6 ? 1 : 0]) {
        continue;
      }
      String keyword = v6 ? "listen-on-v6" : "listen-on";
      List<Statement> statements =
          optionList.stream().filter(s -> s.keyword().equals(keyword)).toList();
      if (statements.isEmpty()) {
        // Both defaults are "{ any; }" in BIND 9.18.
        listens.addBoth(dnsPort, every(v6), null, 0);
        continue;
      }
      for (Statement s : statements) {
        listenOn(s, v6, dnsPort, tlsPort, httpsPort, httpPort, listens, diagnostics);
      }
    }
    controls(root, top, families, listens, diagnostics);
    statistics(top, families, listens, diagnostics);
    return Optional.of(listens.toList(diagnostics, CONFIG));
  }

  /** Parses a file, splicing included files in place of their include statements. */
  private List<Statement> parse(
      Host root, String file, String text, Diagnostics diagnostics, int depth) {
    NamedConfParser.Parsed parsed = NamedConfParser.parse(file, text);
    for (String error : parsed.errors()) {
      int colon = error.indexOf(':');
      diagnostics.add(
          Diagnostics.Kind.MALFORMED,
          file + ":" + error.substring(0, colon),
          error.substring(colon + 2));
    }
    return splice(root, parsed.statements(), diagnostics, depth);
  }

  private List<Statement> splice(
      Host root, List<Statement> statements, Diagnostics diagnostics, int depth) {
    List<Statement> out = new ArrayList<>();
    for (Statement s : statements) {
      if (!s.keyword().equals("include")) {
        out.add(withSplicedBlocks(root, s, diagnostics, depth));
        continue;
      }
      if (s.elements().size() != 2 || !(s.elements().get(1) instanceof Token path)) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where(s.first()), "include needs one file");
        continue;
      }
      if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where(s.first()), "includes nested too deep");
        continue;
      }
      String absolute = path.text().startsWith("/") ? path.text() : BASE + "/" + path.text();
      if (!root.exists(absolute)) {
        diagnostics.add(
            Diagnostics.Kind.MALFORMED,
            where(s.first()),
            "included file " + absolute + " not found (named refuses to start)");
        continue;
      }
      ConfigFiles.read(root, absolute, diagnostics)
          .ifPresent(text -> out.addAll(parse(root, absolute, text, diagnostics, depth + 1)));
    }
    return out;
  }

  /** Includes may also stand inside blocks (an options file included from options { }). */
  private Statement withSplicedBlocks(Host root, Statement s, Diagnostics diagnostics, int depth) {
    List<Element> elements = new ArrayList<>();
    for (Element e : s.elements()) {
      elements.add(
          e instanceof Block b ? new Block(splice(root, b.statements(), diagnostics, depth)) : e);
    }
    return new Statement(List.copyOf(elements));
  }

  /** Which families named uses: -4 or -6 in OPTIONS of /etc/default/named restrict it. */
  private static boolean[] families(Host root, Diagnostics diagnostics) {
    boolean[] families = {true, true};
    String text = ConfigFiles.read(root, DEFAULTS, diagnostics).orElse("");
    for (String line : text.split("\n", -1)) {
      // OPTIONS="-u bind -4"
      String s = line.strip();
      if (!s.startsWith("OPTIONS=")) {
        continue;
      }
      List<String> words =
          List.of(s.substring(8).replace("\"", " ").replace("'", " ").strip().split("\\s+"));
      families[0] = !words.contains("-6");
      families[1] = !words.contains("-4");
    }
    return families;
  }

  private static void listenOn(
      Statement s,
      boolean v6,
      int dnsPort,
      int tlsPort,
      int httpsPort,
      int httpPort,
      Listens listens,
      Diagnostics diagnostics) {
    Integer port = null;
    String tls = null;
    String http = null;
    List<Element> e = s.elements();
    Block list = null;
    for (int i = 1; i < e.size(); i++) {
      if (e.get(i) instanceof Block b) {
        list = b;
        break;
      }
      String word = ((Token) e.get(i)).text();
      String next = i + 1 < e.size() && e.get(i + 1) instanceof Token t ? t.text() : null;
      switch (word) {
        case "port" -> {
          port = next == null ? -1 : PortNumbers.parse(next);
          if (port < 0) {
            diagnostics.add(Diagnostics.Kind.MALFORMED, where(s.first()), "bad port " + next);
            return;
          }
        }
        case "tls" -> tls = next;
        case "http" -> http = next;
        case "dscp", "proxy" -> {
          // Quality of service and PROXY protocol: not where it binds.
        }
        default -> {
          diagnostics.add(
              Diagnostics.Kind.MALFORMED,
              where(s.first()),
              "unexpected " + word + " in " + s.keyword());
          return;
        }
      }
      i++;
    }
    if (list == null) {
      diagnostics.add(
          Diagnostics.Kind.MALFORMED,
          where(s.first()),
          s.keyword() + " without an address match list");
      return;
    }
    boolean streamOnly = tls != null || http != null;
    if (port == null) {
      if (http != null) {
        port = tls == null || tls.equals("none") ? httpPort : httpsPort;
      } else {
        port = tls != null ? tlsPort : dnsPort;
      }
    }
    Token at = s.first();
    for (String address : matchList(list, v6, diagnostics)) {
      if (streamOnly) {
        listens.add(Protocol.TCP, port, address, at.file(), at.line());
      } else {
        listens.addBoth(port, address, at.file(), at.line());
      }
    }
  }

  /**
   * The addresses an address match list lets named bind in one family: {@link #every} or literals.
   * Erring towards more: negations are dropped, ACL names and wider prefixes count as every
   * address.
   */
  private static List<String> matchList(Block list, boolean v6, Diagnostics diagnostics) {
    List<String> out = new ArrayList<>();
    for (Statement element : list.statements()) {
      Element head = element.elements().get(0);
      if (head instanceof Block nested) {
        out.addAll(matchList(nested, v6, diagnostics));
        continue;
      }
      Token t = (Token) head;
      String word = t.text().toLowerCase(Locale.ROOT);
      if (word.startsWith("!")) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            where(t),
            "negated element " + t.text() + " not evaluated: counted as not there");
        continue;
      }
      switch (word) {
        case "any", "localhost", "localnets" -> out.add(every(v6));
        case "none" -> {
          // Matches nothing.
        }
        case "key" -> {
          // A TSIG key matches requests, not addresses.
        }
        default -> element(t, v6, out, diagnostics);
      }
    }
    if (out.contains(every(v6))) {
      return List.of(every(v6));
    }
    return out.stream().distinct().toList();
  }

  private static void element(Token t, boolean v6, List<String> out, Diagnostics diagnostics) {
    String text = t.text();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    Optional<String> literal = HostNames.literal(address);
    if (literal.isEmpty()) {
      if (Character.isDigit(text.charAt(0)) || text.indexOf(':') >= 0) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where(t), "bad address " + text);
        return;
      }
      diagnostics.add(
          Diagnostics.Kind.SKIPPED, where(t), "ACL " + text + " not evaluated: counted as any");
      out.add(every(v6));
      return;
    }
    if (HostNames.isIpv6(literal.get()) != v6) {
      return;
    }
    int full = v6 ? 128 : 32;
    if (slash >= 0 && !text.substring(slash + 1).equals(String.valueOf(full))) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          where(t),
          "prefix " + text + " not evaluated against the interfaces: counted as any");
      out.add(every(v6));
      return;
    }
    out.add(literal.get());
  }

  /**
   * The rndc control channel: without a controls statement 127.0.0.1 and ::1 port 953, as long as
   * rndc.key exists (Debian's postinst creates it); "controls { };" turns it off.
   */
  private static void controls(
      Host root,
      List<Statement> top,
      boolean[] families,
      Listens listens,
      Diagnostics diagnostics) {
    List<Statement> controls = top.stream().filter(s -> s.keyword().equals("controls")).toList();
    if (controls.isEmpty()) {
      if (root.exists(RNDC_KEY)) {
        if (families[0]) {
          listens.add(Protocol.TCP, RNDC_PORT, "127.0.0.1", null, 0);
        }
        if (families[1]) {
          listens.add(Protocol.TCP, RNDC_PORT, "::1", null, 0);
        }
      }
      return;
    }
    for (Statement c : controls) {
      if (c.block() == null) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where(c.first()), "controls without a block");
        continue;
      }
      for (Statement channel : c.block().statements()) {
        inetChannel(channel, RNDC_PORT, families, listens, diagnostics);
      }
    }
  }

  /** HTTP statistics channels, port 80 unless said. */
  private static void statistics(
      List<Statement> top, boolean[] families, Listens listens, Diagnostics diagnostics) {
    for (Statement s : top) {
      if (s.keyword().equals("statistics-channels") && s.block() != null) {
        for (Statement channel : s.block().statements()) {
          inetChannel(channel, 80, families, listens, diagnostics);
        }
      }
    }
  }

  /** "inet ADDRESS [port N] allow { ... } ...": one TCP socket; "unix" ones are no port. */
  private static void inetChannel(
      Statement channel,
      int defaultPort,
      boolean[] families,
      Listens listens,
      Diagnostics diagnostics) {
    if (!channel.keyword().equals("inet")) {
      return;
    }
    List<Element> e = channel.elements();
    if (e.size() < 2 || !(e.get(1) instanceof Token addressToken)) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where(channel.first()), "inet without address");
      return;
    }
    int port = defaultPort;
    if (e.size() > 3
        && e.get(2) instanceof Token p
        && p.text().equals("port")
        && e.get(3) instanceof Token value
        && !value.text().equals("*")) {
      port = PortNumbers.parse(value.text());
      if (port < 0) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where(value), "bad port " + value.text());
        return;
      }
    }
    String text = addressToken.text();
    Optional<String> address = text.equals("*") ? Optional.of("0.0.0.0") : HostNames.literal(text);
    if (address.isEmpty()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where(addressToken), "bad address " + text);
      return;
    }
    if (families[HostNames.isIpv6(address.get()) ? 1 : 0]) {
      Token at = channel.first();
      listens.add(Protocol.TCP, port, address.get(), at.file(), at.line());
    }
  }

  private static Optional<Integer> portValue(Statement s, Diagnostics diagnostics) {
    int port =
        s.elements().size() == 2 && s.elements().get(1) instanceof Token t
            ? PortNumbers.parse(t.text())
            : -1;
    if (port < 0) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where(s.first()), "bad " + s.keyword());
      return Optional.empty();
    }
    return Optional.of(port);
  }

  private static String every(boolean v6) {
    return v6 ? ConfiguredListen.EVERY_IPV6 : ConfiguredListen.EVERY_IPV4;
  }

  private static String where(Token t) {
    return t.file() + ":" + t.line();
  }
}
