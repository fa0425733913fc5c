package dev.ajar.model;

/** Address family, named as ss and the JSON output name it. */
public enum Family {
  INET("inet"),
  INET6("inet6");

  private final String label;

  Family(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
