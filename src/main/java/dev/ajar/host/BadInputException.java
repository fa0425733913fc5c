package dev.ajar.host;

/** Bad input or state named precisely: the CLI prints the message on one line and exits 3. */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
