package dev.ajar.change;

import java.util.Arrays;
import java.util.Objects;

/**
 * Replaces or creates a regular file, atomically: the new content is written to a temporary file in
 * the same directory, synced and renamed over the path. An existing symbolic link at the path is
 * replaced by the file (the link itself is kept in the journal).
 *
 * @param mode permission bits (07777) of the new file; null keeps those of the file replaced, or
 *     0644 for a new file. A replaced file also keeps its owner when ajar may set it.
 */
public record WriteFile(String path, byte[] content, Integer mode) implements FileChange {
  public WriteFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (mode != null) {
      ChangeMode.checkMode(mode);
    }
    content = content.clone();
  }

  public WriteFile(String path, byte[] content) {
    this(path, content, null);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content without a copy, for this package only. */
  byte[] contentView() {
    return content;
  }

  @Override
  public String describe() {
    return "write "
        + path
        + " ("
        + content.length
        + " bytes"
        + (mode == null ? "" : ", mode " + Modes.octal(mode))
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteFile w
        && w.path.equals(path)
        && Arrays.equals(w.content, content)
        && Objects.equals(w.mode, mode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, Arrays.hashCode(content), mode);
  }

  @Override
  public String toString() {
    return "WriteFile[" + describe() + "]";
  }
}
