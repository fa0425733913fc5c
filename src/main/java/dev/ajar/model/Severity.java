package dev.ajar.model;

import java.util.Locale;

/** How bad a finding is, in increasing order (compare with {@link #compareTo}). */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "high" → HIGH; null for an unknown word. */
  public static Severity parse(String word) {
    for (Severity s : values()) {
      if (s.label().equalsIgnoreCase(word)) {
        return s;
      }
    }
    return null;
  }
}
