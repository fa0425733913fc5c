package dev.ajar.remedy.journal;

import java.util.List;
import java.util.Objects;

/**
 * Removing one installed package with its manager, as a step of a change set: not a file change
 * (the manager changes many files and runs its scripts), so the record keeps what undo needs
 * instead: the exact version that was installed and the command that installs it again. Remove,
 * never purge: the configuration files stay, so the reinstalled package finds them as they were.
 *
 * @param manager dpkg (the only one ajar removes with so far)
 * @param name the package as the manager names it ("fingerd", "libfoo:amd64")
 * @param version the version installed before, as the manager prints it
 * @param remove argv that removes it, e.g. apt-get remove --no-auto-remove -y fingerd
 * @param reinstall argv that installs exactly that version again, e.g. apt-get install
 *     fingerd=0.17-17
 */
public record RemovePackage(
    String manager, String name, String version, List<String> remove, List<String> reinstall) {
  public RemovePackage {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    remove = List.copyOf(remove);
    reinstall = List.copyOf(reinstall);
    if (remove.isEmpty() || reinstall.isEmpty()) {
      throw new IllegalArgumentException("remove and reinstall commands are needed");
    }
  }

  /** One line for `ajar log`. */
  public String describe() {
    return "remove package " + name + " " + version + " (" + String.join(" ", remove) + ")";
  }
}
