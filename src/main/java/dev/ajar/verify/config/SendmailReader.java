package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import dev.ajar.supervisors.inetd.ServicePorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Sendmail's MTA daemon: each "O DaemonPortOptions=" line of sendmail.cf is one listening socket
 * (Addr, Port, Family; keys are told apart by their first letter, as sendmail does); without any,
 * sendmail listens on port 25 of 0.0.0.0. Debian's /etc/mail/sendmail.conf DAEMON_MODE other than
 * "daemon" leaves the listening to inetd or to nobody.
 */
final class SendmailReader implements DaemonConfigReader {
  static final String CONFIG = "/etc/mail/sendmail.cf";
  static final String DEBIAN_CONF = "/etc/mail/sendmail.conf";

  public SendmailReader() {}

  @Override
  public String name() {
    return "sendmail";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("sendmail", "sendmail-mta");
  }

  /** One DaemonPortOptions value, its keys as written. */
  record DaemonOptions(String family, String address, String port, String name) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    Optional<String> text = ConfigFiles.read(root, CONFIG, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> mode = daemonMode(ConfigFiles.read(root, DEBIAN_CONF, diagnostics).orElse(""));
    if (mode.isPresent() && !mode.get().equalsIgnoreCase("daemon")) {
      return Optional.of(List.of());
    }
    ServicePorts services =
        ServicePorts.parse(ConfigFiles.read(root, "/etc/services", diagnostics).orElse(""));
    HostNames names = HostNames.of(root, diagnostics);
    Listens listens = new Listens();
    boolean any = false;
    for (Line line : lines(text.get())) {
      if (!line.text().startsWith("O DaemonPortOptions=")
          && !line.text().startsWith("O DaemonPortOptions =")) {
        continue;
      }
      any = true;
      String where = CONFIG + ":" + line.number();
      DaemonOptions options;
      try {
        options = parse(line.text().substring(line.text().indexOf('=') + 1));
      } catch (IllegalArgumentException e) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, e.getMessage());
        continue;
      }
      String family = options.family() == null ? "inet" : options.family().toLowerCase(Locale.ROOT);
      if (family.equals("local") || family.equals("unix")) {
        continue;
      }
      if (!family.equals("inet") && !family.equals("inet6")) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, "unknown Family " + options.family());
        continue;
      }
      boolean v6 = family.equals("inet6");
      OptionalInt port =
          options.port() == null ? OptionalInt.of(25) : services.port(options.port(), "tcp");
      if (port.isEmpty()) {
        diagnostics.add(Diagnostics.Kind.MALFORMED, where, "unknown Port " + options.port());
        continue;
      }
      List<String> addresses =
          options.address() == null
              ? List.of(v6 ? "::" : "0.0.0.0")
              : names.resolve(options.address(), v6);
      if (addresses.isEmpty()) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            where,
            "Addr "
                + options.address()
                + ": not an address of Family "
                + family
                + ", and not in the root's /etc/hosts");
      }
      for (String address : addresses) {
        listens.add(Protocol.TCP, port.getAsInt(), address, CONFIG, line.number());
      }
    }
    if (!any) {
      listens.add(Protocol.TCP, 25, "0.0.0.0", null, 0);
    }
    return Optional.of(listens.toList(diagnostics, CONFIG));
  }

  /** A logical line of sendmail.cf (continued by lines starting with a blank). */
  private record Line(int number, String text) {}

  private static List<Line> lines(String text) {
    List<Line> lines = new ArrayList<>();
    String[] physical = text.split("\n", -1);
    for (int i = 0; i < physical.length; i++) {
      String s = physical[i];
      if (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(0) == '\t') && !lines.isEmpty()) {
        Line last = lines.remove(lines.size() - 1);
        lines.add(new Line(last.number(), last.text() + " " + s.strip()));
      } else {
        lines.add(new Line(i + 1, s.stripTrailing()));
      }
    }
    return lines;
  }

  /**
   * Parses the value of DaemonPortOptions.
   *
   * <pre>
   * O DaemonPortOptions=Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1
   * </pre>
   *
   * @throws IllegalArgumentException for a pair without "="
   */
  static DaemonOptions parse(String value) {
    String family = null;
    String address = null;
    String port = null;
    String name = null;
    for (String pair : value.split(",")) {
      String p = pair.strip();
      if (p.isEmpty()) {
        continue;
      }
      int equals = p.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("DaemonPortOptions: no value in " + p);
      }
      String v = p.substring(equals + 1).strip();
      switch (p.charAt(0)) {
        case 'A' -> address = v;
        case 'F' -> family = v;
        case 'P' -> port = v;
        case 'N' -> name = v;
        default -> {
          // Modifiers, queue and load limits, filters: not where it binds.
        }
      }
    }
    return new DaemonOptions(family, address, port, name);
  }

  /** DAEMON_MODE of Debian's sendmail.conf: "Daemon", "inetd" or "none". */
  static Optional<String> daemonMode(String text) {
    String mode = null;
    for (String line : text.split("\n", -1)) {
      // DAEMON_MODE="Daemon";
      String s = line.strip();
      if (s.startsWith("DAEMON_MODE=")) {
        mode = s.substring(12).replace(";", "").replace("\"", "").replace("'", "").strip();
      }
    }
    return Optional.ofNullable(mode);
  }
}
