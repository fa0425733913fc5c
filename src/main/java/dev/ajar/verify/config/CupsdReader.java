package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CUPS's scheduler: cupsd.conf(5) Listen, Port and their deprecated SSL twins. "Listen /path" is a
 * local socket (not a port); "*" and a bare port mean both wildcards; "localhost" is 127.0.0.1 and
 * ::1 whatever /etc/hosts says (CUPS special-cases it). Without any of these cupsd listens on
 * nothing but its local socket. cups-browsed is another daemon.
 */
final class CupsdReader implements DaemonConfigReader {
  static final String CONFIG = "/etc/cups/cupsd.conf";
  static final int IPP_PORT = 631;

  public CupsdReader() {}

  @Override
  public String name() {
    return "cupsd";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("cupsd", "cups");
  }

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, CONFIG, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    HostNames names = HostNames.of(root, diagnostics);
    Listens listens = new Listens();
    String[] lines = text.get().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      // Listen localhost:631
      String line = stripComment(lines[i]).strip();
      int blank = indexOfBlank(line);
      String keyword = (blank < 0 ? line : line.substring(0, blank)).toLowerCase(Locale.ROOT);
      String value = blank < 0 ? "" : line.substring(blank).strip();
      int number = i + 1;
      String where = CONFIG + ":" + number;
      switch (keyword) {
        case "port", "sslport" -> {
          int port = PortNumbers.parse(value);
          if (port < 0) {
            diagnostics.add(Diagnostics.Kind.MALFORMED, where, "bad port " + value);
          } else {
            listens.add(Protocol.TCP, port, "0.0.0.0", CONFIG, number);
            listens.add(Protocol.TCP, port, "::", CONFIG, number);
          }
        }
        case "listen", "ssllisten" -> listen(value, names, listens, where, number, diagnostics);
        default -> {
          // Other directives (and every <Location>/<Policy> section) open no port.
        }
      }
    }
    return Optional.of(listens.toList(diagnostics, CONFIG));
  }

  private static void listen(
      String value,
      HostNames names,
      Listens listens,
      String where,
      int number,
      Diagnostics diagnostics) {
    if (value.startsWith("/") || value.startsWith("@")) {
      return;
    }
    String host = value;
    int port = IPP_PORT;
    int colon = value.lastIndexOf(':');
    if (value.matches("\\d+")) {
      host = "*";
      port = PortNumbers.parse(value);
    } else if (colon > 0 && (!value.startsWith("[") || value.lastIndexOf(']') < colon)) {
      host = value.substring(0, colon);
      port = PortNumbers.parse(value.substring(colon + 1));
    }
    if (port < 0 || host.isEmpty()) {
      diagnostics.add(Diagnostics.Kind.MALFORMED, where, "bad Listen " + value);
      return;
    }
    List<String> addresses;
    if (host.equals("*")) {
      addresses = List.of("0.0.0.0", "::");
    } else if (host.equalsIgnoreCase("localhost")) {
      addresses = List.of("127.0.0.1", "::1");
    } else {
      addresses = names.resolve(host);
    }
    if (addresses.isEmpty()) {
      diagnostics.add(
          Diagnostics.Kind.SKIPPED,
          where,
          "Listen " + host + ": not an address, and not in the root's /etc/hosts");
    }
    for (String address : addresses) {
      listens.add(Protocol.TCP, port, address, CONFIG, number);
    }
  }

  /** cupsFileGetConf drops everything from an unescaped "#". */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || line.charAt(i - 1) != '\\')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static int indexOfBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
