package dev.ajar.cli;

import dev.ajar.history.Event;
import dev.ajar.history.HistoryJson;
import dev.ajar.history.HistoryQuery;
import dev.ajar.history.HistoryStore;
import dev.ajar.history.HistoryTextWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** `ajar history`: what `ajar watch` recorded. */
@Command(
    name = "history",
    header = "Show when each port opened and closed, and who opened it.",
    mixinStandardHelpOptions = true,
    description = {
      "Show the changes ajar watch recorded, oldest first: of every port, of one port",
      "(22, tcp/22, 53/udp), or of what a word names (a service, a unit, an entry, a",
      "package, a program or a process name)."
    })
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Parameters(arity = "0..1", paramLabel = "PORT|SERVICE", description = "What to show.")
  String what;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = Since.class,
      description = "Only changes from TIME on: 2h, 7d, 2026-12-01, 2026-12-01T14:30, ...")
  Instant since;

  @Option(names = "--json", description = "Print the ajar.history/1 JSON document.")
  boolean json;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "The history database (default: /var/lib/ajar/history.db, under --root).")
  Path db;

  @Override
  public Integer call() {
    Path file = db;
    if (file == null) {
      file =
          parent.root == null
              ? HistoryStore.DEFAULT
              : parent.root.resolve(HistoryStore.DEFAULT.toString().substring(1));
    }
    List<Event> events;
    try (HistoryStore store = HistoryStore.openForReading(file)) {
      events = store.events(HistoryQuery.of(what, since));
    }
    if (json) {
      HistoryJson.write(events, file, parent.out);
      parent.out.println();
    } else {
      HistoryTextWriter.write(events, ZoneId.systemDefault(), parent.out);
    }
    parent.out.flush();
    return ExitCodes.OK;
  }

  /** A time as --since takes it ({@link HistoryQuery#parseTime}). */
  static final class Since implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return HistoryQuery.parseTime(value, Instant.now(), ZoneId.systemDefault());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
