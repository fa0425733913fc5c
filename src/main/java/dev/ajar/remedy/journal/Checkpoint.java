package dev.ajar.remedy.journal;

/**
 * Named points between the durable steps of applying and undoing, for tests that kill a process at
 * each of them. Production code never sets one.
 */
@FunctionalInterface
interface Checkpoint {
  Checkpoint NONE = name -> {};

  void reached(String name);
}
