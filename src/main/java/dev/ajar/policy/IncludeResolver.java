package dev.ajar.policy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * Reads the files a policy includes. The parser resolves each {@code include:} entry itself (it
 * must be relative; it is taken relative to the including file's directory, normalized, and may not
 * lead out of the top policy's directory) and asks for the result by that name.
 */
@FunctionalInterface
interface IncludeResolver {
  /**
   * An included file.
   *
   * @param identity the same for two names of one file (a real path), to recognise cycles
   * @param text its content
   */
  record Source(String identity, String text) {}

  /**
   * @param name the include resolved against the including file, e.g. "policy.d/ssh.yaml"
   * @throws IOException when it cannot or must not be read ({@link dev.ajar.host.Errors#describe}
   *     of it says why; the parser reports it at the include)
   */
  Source read(String name) throws IOException;

  /** Includes refused: every include is reported as missing. */
  static IncludeResolver none() {
    return name -> {
      throw new NoSuchFileException(name);
    };
  }

  /** Includes from memory, by resolved name (for tests). */
  static IncludeResolver of(Map<String, String> files) {
    return name -> {
      String text = files.get(name);
      if (text == null) {
        throw new NoSuchFileException(name);
      }
      return new Source(name, text);
    };
  }
}
