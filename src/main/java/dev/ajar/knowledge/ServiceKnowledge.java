package dev.ajar.knowledge;

import dev.ajar.model.Protocol;
import dev.ajar.model.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What ajar knows about one network service: where it listens, what runs it, which packages ship
 * it, how bad it is to expose and what to do instead. One bundled YAML file per service under
 * {@code src/main/resources/dev/ajar/knowledge/services/} (see the README there for the schema).
 *
 * @param id the file name without ".yaml": "finger", "rsh", "nfs", "redis"
 * @param name the human name: "Finger (user information)"
 * @param aliases other names people and /etc/services use: "fingerd", "in.fingerd"
 * @param ports the default ports (a range in the file, "6000-6063/tcp", is expanded here)
 * @param programs daemon program base names: "in.fingerd", "fingerd", "cfingerd"
 * @param packages distro family ({@link #FAMILIES}) → package names; a family without a package is
 *     absent rather than guessed
 * @param severity how bad it is when exposed beyond loopback
 * @param risks words of {@link #RISKS}
 * @param why 1-3 sentences: why it is risky
 * @param instead what to do instead
 * @param loopbackOk true when listening on loopback only is fine (MTAs, a local named, cups, a
 *     redis bound to 127.0.0.1)
 * @param references CIS recommendations, ComplianceAsCode rule ids, CVEs, documents
 */
public record ServiceKnowledge(
    String id,
    String name,
    List<String> aliases,
    List<PortSpec> ports,
    List<String> programs,
    Map<String, List<String>> packages,
    Severity severity,
    List<String> risks,
    String why,
    String instead,
    boolean loopbackOk,
    List<Reference> references) {

  /** The distro families of {@link #packages}, in the order the files list them. */
  public static final List<String> FAMILIES =
      List.of("debian", "rhel", "suse", "arch", "alpine", "slackware");

  /** The closed vocabulary of {@link #risks}. */
  public static final Set<String> RISKS =
      Set.of(
          "cleartext-credentials",
          "trust-based-authentication",
          "information-disclosure",
          "amplification",
          "remote-administration",
          "unauthenticated-data-store",
          "remote-code-execution-history",
          "denial-of-service",
          "unnecessary-by-default");

  /** The kinds of {@link Reference}. */
  public static final Set<String> REFERENCE_KINDS = Set.of("cis", "cac", "cve", "doc");

  public ServiceKnowledge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(instead, "instead");
    aliases = List.copyOf(aliases);
    ports = List.copyOf(ports);
    programs = List.copyOf(programs);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    packages.forEach((family, names) -> copy.put(family, List.copyOf(names)));
    packages = Collections.unmodifiableMap(copy);
    risks = List.copyOf(risks);
    references = List.copyOf(references);
  }

  /** True when one of the default ports is {@code port} over {@code protocol} (UDP-Lite as UDP). */
  public boolean listensOn(Protocol protocol, int port) {
    Protocol p = protocol == Protocol.UDPLITE ? Protocol.UDP : protocol;
    for (PortSpec spec : ports) {
      if (spec.port() == port && spec.protocol() == p) {
        return true;
      }
    }
    return false;
  }

  /** Every package name of every family, in file order, without repeats. */
  public List<String> allPackages() {
    return packages.values().stream().flatMap(List::stream).distinct().toList();
  }

  /** A default port: "79/tcp". */
  public record PortSpec(Protocol protocol, int port) {
    public PortSpec {
      Objects.requireNonNull(protocol, "protocol");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range 1..65535: " + port);
      }
    }

    @Override
    public String toString() {
      return port + "/" + protocol.label();
    }
  }

  /**
   * Where to read more.
   *
   * @param kind cis (a CIS Benchmark recommendation), cac (a ComplianceAsCode rule id), cve, doc (a
   *     man page, an RFC, a vendor's or CISA's page)
   * @param id "CVE-2022-0543", "package_rsh-server_removed", "RHEL 9 v2.0.0 2.1.15",
   *     "in.fingerd(8)"
   * @param title a short description; empty when the file gives none
   */
  public record Reference(String kind, String id, String title) {
    public Reference {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
      title = title == null ? "" : title;
    }
  }
}
