package dev.ajar.remedy;

import java.util.List;

/**
 * What a close or an apply did: the change set that undoes it, and each runtime step and package
 * removal with its outcome ("ran: systemctl stop ...", "failed (exit 5): ...").
 */
public record CloseReport(String changeSet, List<String> steps) {
  public CloseReport {
    steps = List.copyOf(steps);
  }
}
