package dev.ajar.history;

/**
 * A change as the history holds it.
 *
 * @param id its row, increasing in the order changes were recorded
 * @param run the watcher run that recorded it
 */
public record Event(long id, long run, Change change) {}
