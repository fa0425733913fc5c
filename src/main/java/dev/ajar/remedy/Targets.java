package dev.ajar.remedy;

import dev.ajar.model.Owner;
import java.util.List;

/**
 * What a close request comes to: the entries to disable, in order, and what the administrator
 * should hear about.
 *
 * @param leftOpen ports --unlisted does not close, each with why ("tcp/8080: nothing starts it")
 * @param idleSuperServers the entries that start inetd or xinetd when their last active entries
 *     close; in {@code list} too when the request asked for it, else only offered
 * @param removals the package removal, when the request asked for one, else null
 */
public record Targets(
    List<Target> list,
    List<String> leftOpen,
    List<Owner> idleSuperServers,
    PackageRemoval.Plan removals) {
  public Targets {
    list = List.copyOf(list);
    leftOpen = List.copyOf(leftOpen);
    idleSuperServers = List.copyOf(idleSuperServers);
  }

  /** The ports the targets close. */
  public List<Integer> ports() {
    return list.stream().flatMap(t -> t.ports().stream()).distinct().toList();
  }
}
