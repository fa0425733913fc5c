package dev.ajar.supervisors.slackware;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import dev.ajar.supervisors.Lines;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Slackware: a service with its own rc.NAME loses its execute bits (rc.M and rc.inet2 only run
 * executable scripts, as Slackware documents); a daemon started by a line of a system script has
 * that line commented out, as the seed advises.
 */
final class SlackwareDisabler implements Disabler {
  /**
   * The line that runs the program, at or after the line that names it: the line that names it may
   * be the "if [ -x ... ]" around it, and commenting that out would break the script.
   */
  private static int runningLine(Lines lines, Owner owner) {
    for (int i = Math.max(1, owner.line()); i <= lines.size(); i++) {
      String t = lines.get(i).trim();
      if (owner.program() != null && t.startsWith(owner.program())) {
        return i;
      }
    }
    throw new BadInputException(
        owner.file()
            + ": no line from "
            + owner.line()
            + " on runs "
            + owner.program()
            + " (already commented out?)");
  }

  @Override
  public DisablePlan plan(Host root, Owner owner) throws IOException {
    if (owner.file() == null) {
      throw new BadInputException("slackware: no script for '" + owner.entry() + "'");
    }
    List<DisablePlan.RuntimeStep> none = List.of();
    if (owner.entry().contains(":")) {
      Lines lines = Lines.of(root.read(owner.file()));
      int run = runningLine(lines, owner);
      lines.set(run, "#" + lines.get(run));
      return new DisablePlan(
          List.of(new WriteFile(owner.file(), lines.bytes())),
          none,
          List.of("stop the running daemon by hand: its line has no stop action"));
    }
    int mode =
        ((Number) Files.getAttribute(root.resolve(owner.file()), "unix:mode")).intValue() & 07777;
    if ((mode & 0111) == 0) {
      throw new BadInputException(owner.file() + " is not executable: already disabled");
    }
    return new DisablePlan(
        List.of(new ChangeMode(owner.file(), mode & ~0111)),
        List.of(new DisablePlan.RuntimeStep("stop the daemon now", List.of(owner.file(), "stop"))),
        List.of());
  }
}
