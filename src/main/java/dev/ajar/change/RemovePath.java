package dev.ajar.change;

import java.util.Objects;

/** Removes a regular file or a symbolic link (never a directory). The journal keeps what it was. */
public record RemovePath(String path) implements FileChange {
  public RemovePath {
    Objects.requireNonNull(path, "path");
  }

  @Override
  public String describe() {
    return "remove " + path;
  }
}
