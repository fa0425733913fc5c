package dev.ajar.verify.config;

import java.util.List;

/** Every daemon configuration reader ajar has, in the order they are asked. */
public final class DaemonConfigReaders {
  private DaemonConfigReaders() {}

  public static List<DaemonConfigReader> all() {
    return List.of();
  }
}
