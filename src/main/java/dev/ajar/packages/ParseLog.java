package dev.ajar.packages;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Errors;
import dev.ajar.host.FileTooLargeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went wrong while one database was read, kept with the parsed database so that every {@link
 * Diagnostics} that later asks about it hears it once. A file with a million broken lines makes one
 * entry with a count, not a million.
 */
final class ParseLog {
  private record Key(Kind kind, String subject, String message) {}

  private final Map<Key, Integer> counts = new LinkedHashMap<>();

  void add(Kind kind, String subject, String message) {
    counts.merge(new Key(kind, subject, message), 1, Integer::sum);
  }

  void malformed(String subject, String message) {
    add(Kind.MALFORMED, subject, message);
  }

  /** An I/O failure on {@code subject}: too large is a deliberate skip, the rest unreadable. */
  void failed(String subject, IOException e) {
    switch (e) {
      case FileTooLargeException t -> add(Kind.SKIPPED, subject, "too large, not read");
      case AccessDeniedException a -> add(Kind.UNREADABLE, subject, "permission denied");
      default -> add(Kind.UNREADABLE, subject, Errors.describe(e));
    }
  }

  void reportTo(Diagnostics diagnostics) {
    counts.forEach(
        (key, count) ->
            diagnostics.add(
                key.kind(),
                key.subject(),
                count > 1 ? key.message() + " (" + count + " times)" : key.message()));
  }
}
