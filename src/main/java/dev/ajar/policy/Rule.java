package dev.ajar.policy;

/**
 * One rule of a policy, as written.
 *
 * @param file the file that holds it (the top policy or an included file), as the parser named it
 * @param line the 1-based line of the rule (its first key)
 * @param comment the rule's {@code why:} text, or null
 */
public record Rule(String file, int line, Action action, String comment, Match match) {
  /** "policy.yaml:12", where the rule is written. */
  public String location() {
    return file + ":" + line;
  }

  /** The rule as it reads in YAML: "allow {protocol: tcp, port: 22}". */
  @Override
  public String toString() {
    return action.label() + " " + match.toYaml();
  }
}
