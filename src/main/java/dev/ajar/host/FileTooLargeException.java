package dev.ajar.host;

import java.io.IOException;

/** A file larger than ajar is willing to read into memory. */
public final class FileTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public FileTooLargeException(String path, long limit) {
    super(path + ": larger than " + limit + " bytes, not read");
  }
}
