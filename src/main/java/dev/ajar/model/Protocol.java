package dev.ajar.model;

/** The transport of a socket, named as in /proc/net and in the JSON output. */
public enum Protocol {
  TCP("tcp"),
  UDP("udp"),
  UDPLITE("udplite"),
  RAW("raw");

  private final String label;

  Protocol(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
