package dev.ajar.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of supervisor an {@link Owner} can name: the closed vocabulary of the output formats
 * (`owner.supervisor` in every JSON schema, docs/JSON.md), of policy files ({@code supervisor:},
 * docs/POLICY.md) and of the text reports. Each kind but {@link #MANUAL} has its implementation in
 * {@code dev.ajar.supervisors.<label>}; a new one adds its constant here, because the formats then
 * know one more word.
 */
public enum SupervisorKind {
  SYSTEMD("systemd"),
  SYSV("sysv"),
  INETD("inetd"),
  XINETD("xinetd"),
  OPENRC("openrc"),
  SLACKWARE("slackware"),
  RUNIT("runit"),
  /** A container engine: the socket is a container's (its namespace, a holder, docker-proxy). */
  CONTAINER("container"),
  /** Nothing in the root starts it: started by hand. */
  MANUAL("manual");

  private static final List<String> LABELS =
      Arrays.stream(values()).map(SupervisorKind::label).toList();

  private final String label;

  SupervisorKind(String label) {
    this.label = label;
  }

  /** The word the formats use: "systemd", "inetd", "manual". */
  public String label() {
    return label;
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return LABELS;
  }

  /** The kind a label names exactly ("inetd", never "INETD"), or empty. */
  public static Optional<SupervisorKind> fromLabel(String label) {
    for (SupervisorKind k : values()) {
      if (k.label.equals(label)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The label, so that text reports print the word they always printed. */
  @Override
  public String toString() {
    return label;
  }
}
