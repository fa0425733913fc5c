package dev.ajar.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bundled index of service ids (services/index.txt), read without the YAML parser, so that what
 * needs only a few fields of the files ({@link BundledPortDefaults}) does not load it.
 */
final class BundledIndex {
  /** What a service id looks like, here and in every file's {@code id:}. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private BundledIndex() {}

  /** The ids of the bundled index, in its order. */
  static List<String> ids() {
    String file = "services/" + KnowledgeLoader.INDEX;
    try (InputStream in =
        BundledIndex.class.getResourceAsStream(
            KnowledgeLoader.RESOURCE_DIR + KnowledgeLoader.INDEX)) {
      if (in == null) {
        throw new KnowledgeException(file, 0, 0, null, "not bundled");
      }
      return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of an index file's text: one a line, blank lines and "#" comments ignored. */
  static List<String> parse(String file, String text) {
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (id.isEmpty()) {
        continue;
      }
      int column = line.indexOf(id) + 1;
      if (!ID.matcher(id).matches()) {
        throw new KnowledgeException(file, i + 1, column, null, "not an id: \"" + id + "\"");
      }
      if (!seen.add(id)) {
        throw new KnowledgeException(file, i + 1, column, null, "id listed twice: " + id);
      }
      ids.add(id);
    }
    return ids;
  }
}
