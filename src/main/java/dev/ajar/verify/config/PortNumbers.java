package dev.ajar.verify.config;

/** Decimal port numbers as daemons write them. */
final class PortNumbers {
  private PortNumbers() {}

  /** A port 1..65535 written in decimal digits only, or -1. */
  static int parse(String text) {
    if (text == null || !text.matches("\\d{1,5}")) {
      return -1;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? port : -1;
  }
}
