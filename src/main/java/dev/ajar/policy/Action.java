package dev.ajar.policy;

import java.util.Locale;

/** What a policy says about a socket: it may stay open (allow) or should be closed (deny). */
public enum Action {
  ALLOW,
  DENY;

  /** The word used in policy files and reports: "allow", "deny". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
