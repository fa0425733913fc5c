package dev.ajar.verify.config;

/** Decimal port numbers as daemons write them. */
final class PortNumbers {
  private PortNumbers() {}

  /** A port 1..65535 written in decimal digits only, or -1. */
  static int parse(String text) {
    if (text == null || !text.equals(text.strip())) {
      return -1;
    }
    return Listens.port(text).filter(p -> p > 0).orElse(-1);
  }
}
