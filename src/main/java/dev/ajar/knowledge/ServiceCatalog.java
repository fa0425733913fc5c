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
    return iana.name(proto, port);
  }

  /**
   * The bundled registry, whose lines are {@code port<TAB>proto<TAB>name<TAB>description} sorted by
   * port and then protocol (scripts/reduce-iana.py writes them so; a test holds it). Looked up by
   * binary search over the line starts, the name decoded only for the port asked about: a host asks
   * about a few ports, and building a table of all 11,000 names cost more than the rest of an idle
   * `ajar ports`. The first line of a port and protocol wins.
   */
  static final class Iana {
    private final byte[] b;
    private final int[] lines;
    private final int count;

    private Iana(byte[] b, int[] lines, int count) {
      this.b = b;
      this.lines = lines;
      this.count = count;
    }

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
      int[] lines = new int[16_384];
      int count = 0;
      for (int from = 0, to; from < b.length; from = to + 1) {
        to = indexOf(b, (byte) '\n', from, b.length);
        if (to < 0) {
          to = b.length;
        }
        if (to == from || b[from] == '#') {
          continue; // a comment or a blank line
        }
        if (count == lines.length) {
          lines = java.util.Arrays.copyOf(lines, count * 2);
        }
        lines[count++] = from;
      }
      return new Iana(b, lines, count);
    }

    /** The name the registry gives the port for "tcp" or "udp", or null. */
    String name(String proto, int port) {
      int lo = 0;
      int hi = count - 1;
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = compare(lines[mid], port, proto);
        if (c < 0) {
          lo = mid + 1;
        } else {
          if (c == 0) {
            found = mid; // and look further left for the first such line
          }
          hi = mid - 1;
        }
      }
      if (found < 0) {
        return null;
      }
      int from = lines[found];
      int to = lineEnd(from);
      int tab2 = indexOf(b, (byte) '\t', indexOf(b, (byte) '\t', from, to) + 1, to);
      int tab3 = indexOf(b, (byte) '\t', tab2 + 1, to);
      return new String(b, tab2 + 1, (tab3 < 0 ? to : tab3) - tab2 - 1, StandardCharsets.UTF_8);
    }

    /** The line at {@code from} against (port, proto): by port, then by protocol's bytes. */
    private int compare(int from, int port, String proto) {
      int to = lineEnd(from);
      int tab1 = indexOf(b, (byte) '\t', from, to);
      int tab2 = tab1 < 0 ? -1 : indexOf(b, (byte) '\t', tab1 + 1, to);
      int linePort = tab1 < 0 ? -1 : port(b, from, tab1);
      if (tab2 < 0 || linePort < 0) {
        throw new IllegalStateException(IANA_RESOURCE + ": malformed line at byte " + from);
      }
      if (linePort != port) {
        return Integer.compare(linePort, port);
      }
      for (int i = 0; ; i++) {
        int x = tab1 + 1 + i < tab2 ? b[tab1 + 1 + i] & 0xff : -1;
        int y = i < proto.length() ? proto.charAt(i) : -1;
        if (x != y || x < 0) {
          return Integer.compare(x, y);
        }
      }
    }

    private int lineEnd(int from) {
      int to = indexOf(b, (byte) '\n', from, b.length);
      return to < 0 ? b.length : to;
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
