package dev.ajar.model;

/**
 * Who can reach a socket: only this host (loopback), every interface (any), or the interfaces
 * holding one address. For a wildcard IPv6 socket, {@code v6Only} says whether IPv4 clients are
 * excluded (null when it cannot be known from /proc).
 *
 * @param interfaceName for ADDRESS: the interface holding it, or null when none does
 */
public record Exposure(Scope scope, Boolean v6Only, String interfaceName) {
  /** The three scopes, named as in the JSON output. */
  public enum Scope {
    LOOPBACK("loopback"),
    ANY("any"),
    ADDRESS("address");

    private final String label;

    Scope(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The scope with this label, or empty. */
    public static java.util.Optional<Scope> fromLabel(String label) {
      for (Scope s : values()) {
        if (s.label.equals(label)) {
          return java.util.Optional.of(s);
        }
      }
      return java.util.Optional.empty();
    }

    /** The wider of two scopes: any beats address beats loopback. */
    public Scope wider(Scope other) {
      return this == ANY || other == ANY
          ? ANY
          : this == ADDRESS || other == ADDRESS ? ADDRESS : LOOPBACK;
    }
  }

  /** The widest reach among sockets: any beats address beats loopback. */
  public static Scope widest(java.util.List<OpenSocket> sockets) {
    Scope widest = Scope.LOOPBACK;
    for (OpenSocket s : sockets) {
      widest = widest.wider(s.exposure().scope());
    }
    return widest;
  }
}
