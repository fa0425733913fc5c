package dev.ajar.knowledge;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * Names ports: the host's /etc/services first (what the administrator sees elsewhere), then the
 * IANA registry bundled with ajar (public domain), loaded only when the host's file has no name.
 * RAW sockets are named from /etc/protocols, their "port" being an IP protocol number.
 */
public final class ServiceCatalog {
  private static final String IANA_RESOURCE = "iana-ports.tsv";

  private final Map<String, String> hostServices;
  private final Map<Integer, String> hostProtocols;
  private Iana iana;

  private ServiceCatalog(Map<String, String> hostServices, Map<Integer, String> hostProtocols) {
    this.hostServices = hostServices;
    this.hostProtocols = hostProtocols;
  }

  public static ServiceCatalog load(Host host, Diagnostics diagnostics) {
    return new ServiceCatalog(
        ServicesFileParser.parse(readOrEmpty(host, "/etc/services", diagnostics)),
        ServicesFileParser.parseProtocols(readOrEmpty(host, "/etc/protocols", diagnostics)));
  }

  /** Marks a port looked up and found unnamed (compared by identity). */
  private static final String UNNAMED = new String("unnamed");

  /** Names already looked up, per transport (tcp, udp): a loaded host asks 70,000 times. */
  private final String[][] resolved = new String[2][];

  /** The service name of a port, or null when neither source names it. */
  public String name(Protocol protocol, int port) {
    if (protocol == Protocol.RAW || port < 0 || port > 65535) {
      return lookup(protocol, port);
    }
    int transport = protocol == Protocol.TCP ? 0 : 1;
    String[] names = resolved[transport];
    if (names == null) {
      names = resolved[transport] = new String[65536];
    }
    String name = names[port];
    if (name == null) {
      name = lookup(protocol, port);
      names[port] = name == null ? UNNAMED : name;
    }
    return name == UNNAMED ? null : name;
  }

  private String lookup(Protocol protocol, int port) {
    if (protocol == Protocol.RAW) {
      return hostProtocols.get(port);
    }
    // UDP-Lite shares UDP's port assignments.
    String proto = protocol == Protocol.TCP ? "tcp" : "udp";
    String key = port + "/" + proto;
    String name = hostServices.get(key);
    if (name != null || port < 0 || port > 65535) {
      return name;
    }
    if (iana == null) {
      iana = Iana.load();
    }
    return (protocol == Protocol.TCP ? iana.tcp : iana.udp)[port];
  }

  /**
   * The bundled registry's names by port, one table per transport (lookups only ask for tcp and
   * udp). Read straight from the resource's bytes: its lines are
   * {@code port<TAB>proto<TAB>name<TAB>description}, the first line of a port and proto wins.
   */
  record Iana(String[] tcp, String[] udp) {
    static Iana load() {
      byte[] b;
      try (InputStream in = ServiceCatalog.class.getResourceAsStream(IANA_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("bundled resource missing: " + IANA_RESOURCE);
        }
        b = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Iana iana = new Iana(new String[65536], new String[65536]);
      for (int from = 0, to; from < b.length; from = to + 1) {
        to = indexOf(b, (byte) '\n', from, b.length);
        if (to < 0) {
          to = b.length;
        }
        if (b[from] == '#') {
          continue;
        }
        int tab1 = indexOf(b, (byte) '\t', from, to);
        int tab2 = tab1 < 0 ? -1 : indexOf(b, (byte) '\t', tab1 + 1, to);
        int port = tab1 < 0 ? -1 : port(b, from, tab1);
        if (tab2 < 0 || port < 0) {
          continue; // a blank line (none is malformed: scripts/reduce-iana.py writes them)
        }
        String[] table = is(b, tab1 + 1, tab2, "tcp") ? iana.tcp
            : is(b, tab1 + 1, tab2, "udp") ? iana.udp
            : null;
        if (table != null && table[port] == null) {
          int tab3 = indexOf(b, (byte) '\t', tab2 + 1, to);
          table[port] = new String(b, tab2 + 1, (tab3 < 0 ? to : tab3) - tab2 - 1,
              StandardCharsets.UTF_8);
        }
      }
      return iana;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
      for (int i = from; i < to; i++) {
        if (b[i] == c) {
          return i;
        }
      }
      return -1;
    }

    /** The port written in {@code b[from, to)} as {@link Integer#toString} writes it, or -1. */
    private static int port(byte[] b, int from, int to) {
      if (to == from || to - from > 5 || (b[from] == '0' && to - from > 1)) {
        return -1;
      }
      int v = 0;
      for (int i = from; i < to; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return -1;
        }
        v = v * 10 + b[i] - '0';
      }
      return v <= 65535 ? v : -1;
    }

    private static boolean is(byte[] b, int from, int to, String ascii) {
      if (to - from != ascii.length()) {
        return false;
      }
      for (int i = 0; i < ascii.length(); i++) {
        if (b[from + i] != ascii.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }

  private static String readOrEmpty(Host host, String path, Diagnostics diagnostics) {
    try {
      return host.readText(path);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      diagnostics.add(Diagnostics.Kind.UNREADABLE, path, Errors.describe(e));
      return "";
    }
  }
}
