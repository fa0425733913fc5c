package dev.ajar.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What ajar could not see or did not understand while discovering: reported, never thrown. The same
 * message is kept once, with a count, so a thousand vanished processes make one line.
 */
public final class Diagnostics {
  /** One diagnostic: what kind, about which file or object, and what happened. */
  public record Diagnostic(Kind kind, String subject, String message, int count) {
    @Override
    public String toString() {
      String text = subject.isEmpty() ? message : subject + ": " + message;
      return count > 1 ? text + " (" + count + " times)" : text;
    }
  }

  /** Kinds are few and stable: scripts may match on them in the JSON output. */
  public enum Kind {
    /** Permission denied: run as root to see it. */
    UNREADABLE,
    /** A process or file vanished while being read: harmless churn. */
    VANISHED,
    /** Content ajar could not parse; the rest of the file was still used. */
    MALFORMED,
    /** Something ajar deliberately did not look at, and why. */
    SKIPPED
  }

  private final Map<String, Diagnostic> byKey = new LinkedHashMap<>();

  public void add(Kind kind, String subject, String message) {
    String key = kind + "\0" + subject + "\0" + message;
    byKey.merge(
        key,
        new Diagnostic(kind, subject, message, 1),
        (a, b) -> new Diagnostic(a.kind(), a.subject(), a.message(), a.count() + 1));
  }

  public List<Diagnostic> all() {
    return Collections.unmodifiableList(new ArrayList<>(byKey.values()));
  }

  public boolean isEmpty() {
    return byKey.isEmpty();
  }
}
