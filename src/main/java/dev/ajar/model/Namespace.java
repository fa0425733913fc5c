package dev.ajar.model;

/**
 * A network namespace, named for people: "host" for init's, the `ip netns` name, a container's name
 * or id, or "netns:[inode]" when nothing better is known.
 */
public record Namespace(long inode, String name, Kind kind) {
  /** Where the friendly name came from. */
  public enum Kind {
    HOST,
    NAMED,
    CONTAINER,
    ANONYMOUS
  }

  public boolean isHost() {
    return kind == Kind.HOST;
  }
}
