package dev.ajar.history;

import java.time.Instant;

/**
 * One recorded change: a port opened or closed. Polling sees a change between two snapshots, so it
 * happened after {@code since} and at or before {@code time}.
 *
 * @param time when the new state was first seen (for a damped change, the first of the snapshots
 *     that confirmed it)
 * @param since the last snapshot that still saw the old state, or null when there was none (the
 *     first snapshot of an empty history)
 * @param port the port, with who held it: for a closed port, as it was when last recorded open
 */
public record Change(Kind kind, How how, Instant time, Instant since, PortState port) {

  public Change {
    java.util.Objects.requireNonNull(kind, "kind");
    java.util.Objects.requireNonNull(how, "how");
    java.util.Objects.requireNonNull(time, "time");
    java.util.Objects.requireNonNull(port, "port");
  }

  public PortKey key() {
    return port.key();
  }

  /** Opened or closed. */
  public enum Kind {
    OPENED("opened"),
    CLOSED("closed");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Kind fromLabel(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return k;
        }
      }
      throw new IllegalArgumentException("no change kind '" + label + "'");
    }
  }

  /** How the change was seen. */
  public enum How {
    /** Between two snapshots of one running watcher. */
    POLL("poll"),
    /**
     * At the first snapshot of a watcher (or of {@code ajar watch --once}), against the open ports
     * the history last recorded: the change happened while nothing watched, after {@code since}.
     */
    START("start"),
    /** At the first snapshot of an empty history: open when watching began. */
    INITIAL("initial");

    private final String label;

    How(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static How fromLabel(String label) {
      for (How h : values()) {
        if (h.label.equals(label)) {
          return h;
        }
      }
      throw new IllegalArgumentException("no way of seeing a change '" + label + "'");
    }
  }
}
