package dev.ajar.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writable copies of a built Debian root for the tests of one class: each copy has its own /etc
 * (the rest hard-linked, since nothing the tests do writes there), all in one work directory that
 * {@link #clean} removes after each test.
 */
final class RootCopies {
  private final String prefix;
  private Path work;

  RootCopies(String prefix) {
    this.prefix = prefix;
  }

  Path copy(Path root, String name) throws Exception {
    return RootLab.copyWithOwnEtc(root, work().resolve(name));
  }

  /** The work directory of the current test (made on first use). */
  Path work() throws IOException {
    if (work == null) {
      work = Files.createTempDirectory(prefix);
    }
    return work;
  }

  void clean() throws IOException {
    if (work != null) {
      Integration.deleteTree(work);
      work = null;
    }
  }
}
