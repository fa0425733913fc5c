package dev.ajar.remedy.journal;

import dev.ajar.host.CommandRunner;
import java.io.IOException;
import java.util.List;

/**
 * What the journal needs to remove a package and to put it back: the installed version, read from
 * the manager's database, and a way to run the manager on the live host. The journal itself runs
 * nothing; an undo without these (an offline root) refuses a change set that removed one.
 */
public interface PackageSteps {
  /** The version of {@code name} installed now, or null when it is not installed. */
  String installedVersion(String manager, String name) throws IOException;

  CommandRunner.Result run(List<String> argv) throws IOException;
}
