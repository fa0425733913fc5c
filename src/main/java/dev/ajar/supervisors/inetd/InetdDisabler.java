package dev.ajar.supervisors.inetd;

import dev.ajar.change.FileChange;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import dev.ajar.supervisors.Lines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * inetd: every active line of the service, in inetd.conf and inetd.d, commented out with a single
 * "#". Debian's update-inetd treats a single "#" as the administrator's choice and keeps it across
 * upgrades; its own "#&lt;off&gt;# " would be undone by the next package upgrade. Then inetd is
 * told to re-read its configuration (SIGHUP).
 */
final class InetdDisabler implements Disabler {
  private static final String CONF = InetdSupervisor.CONF;
  private static final String DIR = InetdSupervisor.CONF_DIR;

  /** SIGHUP: inetd re-reads its configuration, closing or reopening the entries' ports. */
  static final DisablePlan.RuntimeStep RELOAD =
      new DisablePlan.RuntimeStep(
          "make inetd re-read its configuration", List.of("pkill", "-HUP", "-x", "inetd"));

  @Override
  public DisablePlan plan(Host root, Owner owner) throws IOException {
    List<FileChange> changes = new ArrayList<>();
    for (String file : files(root)) {
      byte[] content = root.read(file);
      InetdConfParser.Parsed parsed =
          InetdConfParser.parse(
              file,
              new String(content, StandardCharsets.ISO_8859_1),
              InetdConfParser.Dialect.OPENBSD);
      Lines lines = Lines.of(content);
      boolean changed = false;
      for (InetdEntry e : parsed.entries()) {
        if (!e.isActive()) {
          continue;
        }
        if (e.service().equals(owner.entry())) {
          lines.set(e.line(), "#" + lines.get(e.line()));
          changed = true;
        }
      }
      if (changed) {
        changes.add(new WriteFile(file, lines.bytes()));
      }
    }
    if (changes.isEmpty()) {
      throw new BadInputException(
          "inetd: no active entry '"
              + owner.entry()
              + "' in "
              + CONF
              + " or "
              + DIR
              + " (already disabled?)");
    }
    // Whether inetd is left with nothing to serve depends on every entry closed at once: the
    // caller asks Closer.idleSuperServers.
    return new DisablePlan(changes, List.of(RELOAD), List.of());
  }

  private static List<String> files(Host root) {
    List<String> files = new ArrayList<>();
    if (root.isRegularFile(CONF)) {
      files.add(CONF);
    }
    try {
      List<String> names = new ArrayList<>(root.list(DIR));
      names.sort(null);
      for (String name : names) {
        if (root.isRegularFile(DIR + "/" + name)) {
          files.add(DIR + "/" + name);
        }
      }
    } catch (IOException e) {
      // no inetd.d
    }
    return files;
  }
}
