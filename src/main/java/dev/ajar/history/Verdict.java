package dev.ajar.history;

import dev.ajar.model.Severity;

/**
 * What the judge ({@code assess.Auditor}, with the watcher's policy or the knowledge base) said of
 * a port when it opened: the finding's id, severity and rule. A port the judge has nothing against
 * has no verdict (null).
 *
 * @param id the finding's stable id, "telnet/tcp/23@host"
 * @param rule "knowledge base", "policy FILE:LINE" or "policy FILE: default deny"
 * @param why the finding's reason; null when read back from the history (it is not stored)
 */
public record Verdict(String id, Severity severity, String rule, String why) {
  public Verdict {
    java.util.Objects.requireNonNull(severity, "severity");
  }
}
