package dev.ajar.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsers without regular expressions give what the ones with them gave. */
class ServiceNameParsingTest {
  @Property(tries = 2000)
  void servicesAsTheRegexParserDid(@ForAll("servicesText") String text) {
    assertThat(ServicesFileParser.parse(text)).isEqualTo(regexServices(text));
  }

  @Property(tries = 2000)
  void protocolsAsTheRegexParserDid(@ForAll("protocolsText") String text) {
    assertThat(ServicesFileParser.parseProtocols(text)).isEqualTo(regexProtocols(text));
  }

  @Provide
  Arbitrary<String> servicesText() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "ssh",
                "22/tcp",
                "079/udp",
                "99999/tcp",
                "1/",
                "/tcp",
                "7/ddp",
                "#x",
                "alias",
                "65535/udp",
                "0/tcp"),
            Arbitraries.strings().withChars(" \t\u000b\f\r\n\u0001#/9a").ofMaxLength(3))
        .list()
        .ofMaxSize(30)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> protocolsText() {
    return Arbitraries.oneOf(
            Arbitraries.of("icmp", "1", "58", "070", "256", "99999", "#", "IPv6"),
            Arbitraries.strings().withChars(" \t\u000b\f\r\n\u0001#7z").ofMaxLength(3))
        .list()
        .ofMaxSize(30)
        .map(l -> String.join("", l));
  }

  @Test
  void hostFilesOfThisMachineAsBefore() throws Exception {
    for (String f : new String[] {"/etc/services", "/etc/protocols"}) {
      Path p = Path.of(f);
      if (java.nio.file.Files.isReadable(p)) {
        String text = java.nio.file.Files.readString(p, StandardCharsets.ISO_8859_1);
        assertThat(ServicesFileParser.parse(text)).isEqualTo(regexServices(text));
        assertThat(ServicesFileParser.parseProtocols(text)).isEqualTo(regexProtocols(text));
      }
    }
  }

  /** The binary search relies on it; scripts/reduce-iana.py writes the lines so. */
  @Test
  void theBundledRegistryIsSortedByPortThenProtocol() throws Exception {
    try (InputStream in = ServiceCatalog.class.getResourceAsStream("iana-ports.tsv")) {
      String previous = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", 4);
        String key = String.format("%05d %s", Integer.parseInt(f[0]), f[1]);
        if (previous != null) {
          assertThat(key).as(line).isGreaterThanOrEqualTo(previous);
        }
        previous = key;
      }
    }
  }

  @Test
  void everyIanaNameAsBefore(@TempDir Path root) throws Exception {
    Map<String, String> before = new HashMap<>();
    try (InputStream in = ServiceCatalog.class.getResourceAsStream("iana-ports.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", 4);
        before.putIfAbsent(f[0] + "/" + f[1], f[2]);
      }
    }
    ServiceCatalog.Iana iana = ServiceCatalog.Iana.load();
    int named = 0;
    for (int port = 0; port <= 65535; port++) {
      assertThat(iana.name("tcp", port)).isEqualTo(before.get(port + "/tcp"));
      assertThat(iana.name("udp", port)).isEqualTo(before.get(port + "/udp"));
      named += (iana.name("tcp", port) != null ? 1 : 0) + (iana.name("udp", port) != null ? 1 : 0);
    }
    assertThat(named).isEqualTo(before.size()).isGreaterThan(10_000);
    var catalog = ServiceCatalog.load(Host.offline(root), new Diagnostics());
    assertThat(catalog.name(Protocol.UDPLITE, 53)).isEqualTo(before.get("53/udp"));
    assertThat(catalog.name(Protocol.TCP, 70000)).isNull();
    assertThat(catalog.name(Protocol.TCP, -1)).isNull();
  }

  private static Map<String, String> regexServices(String text) {
    Map<String, String> names = new HashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String content = hash >= 0 ? line.substring(0, hash) : line;
      String[] fields = content.trim().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      int slash = fields[1].indexOf('/');
      if (slash <= 0) {
        continue;
      }
      String port = fields[1].substring(0, slash);
      String proto = fields[1].substring(slash + 1);
      if (!isPort(port) || proto.isEmpty()) {
        continue;
      }
      names.putIfAbsent(Integer.parseInt(port) + "/" + proto, fields[0]);
    }
    return names;
  }

  private static Map<Integer, String> regexProtocols(String text) {
    Map<Integer, String> names = new HashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      if (fields.length >= 2 && isPort(fields[1])) {
        names.putIfAbsent(Integer.parseInt(fields[1]), fields[0]);
      }
    }
    return names;
  }

  private static boolean isPort(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return Integer.parseInt(s) <= 65535;
  }
}
