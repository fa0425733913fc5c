package dev.ajar.supervisors;

import dev.ajar.model.ProcessInfo;

/** Processes by pid, read on demand (to walk up the parent chain). Null when gone. */
@FunctionalInterface
public interface ProcessLookup {
  ProcessInfo process(int pid);
}
