package dev.ajar.policy;

/**
 * The verdict on one socket.
 *
 * @param rule the first rule that matched, or null when the policy's default decided
 */
public record Decision(Action action, Rule rule) {
  public boolean byDefault() {
    return rule == null;
  }
}
