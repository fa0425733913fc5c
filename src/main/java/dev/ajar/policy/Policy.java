package dev.ajar.policy;

import java.util.List;

/**
 * A parsed policy: its rules in the order they are tried (file order, each include expanded where
 * its {@code include:} key stands), and what happens to a socket no rule matches.
 *
 * @param file the top policy file, as it was named to the parser
 */
public record Policy(String file, Action defaultAction, List<Rule> rules) {
  public Policy {
    rules = List.copyOf(rules);
  }
}
