package dev.ajar.policy;

import dev.ajar.yaml.YamlException;

/**
 * A policy that cannot be used, named precisely on one line: {@code FILE:LINE:COLUMN: what is wrong
 * (offending value)}. When there is no position (the file itself cannot be read) the message is
 * {@code FILE: what is wrong}.
 */
final class PolicyException extends YamlException {
  private static final long serialVersionUID = 1L;

  /**
   * @param line 1-based, or 0 when the problem has no position
   * @param column 1-based, or 0
   * @param value the offending value as written, or null
   */
  public PolicyException(String file, int line, int column, String what, String value) {
    super(file, line, column, what, value);
  }

  /** The same problem, found by the YAML reader in a policy file. */
  PolicyException(YamlException e) {
    this(e.file(), e.line(), e.column(), e.what(), e.value());
    initCause(e);
  }
}
