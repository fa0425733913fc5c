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
import java.util.HashMap;
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
  private Map<String, String> iana;

  private ServiceCatalog(Map<String, String> hostServices, Map<Integer, String> hostProtocols) {
    this.hostServices = hostServices;
    this.hostProtocols = hostProtocols;
  }

  public static ServiceCatalog load(Host host, Diagnostics diagnostics) {
    return new ServiceCatalog(
        ServicesFileParser.parse(readOrEmpty(host, "/etc/services", diagnostics)),
        ServicesFileParser.parseProtocols(readOrEmpty(host, "/etc/protocols", diagnostics)));
  }

  /** The service name of a port, or null when neither source names it. */
  public String name(Protocol protocol, int port) {
    if (protocol == Protocol.RAW) {
      return hostProtocols.get(port);
    }
    // UDP-Lite shares UDP's port assignments.
    String proto = protocol == Protocol.TCP ? "tcp" : "udp";
    String key = port + "/" + proto;
    String name = hostServices.get(key);
    return name != null ? name : iana().get(key);
  }

  private Map<String, String> iana() {
    if (iana == null) {
      iana = loadIana();
    }
    return iana;
  }

  private static Map<String, String> loadIana() {
    Map<String, String> names = new HashMap<>(16_384);
    try (InputStream in = ServiceCatalog.class.getResourceAsStream(IANA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource missing: " + IANA_RESOURCE);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", 4);
        names.putIfAbsent(f[0] + "/" + f[1], f[2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
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
