package dev.ajar.supervisors.xinetd;

import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import dev.ajar.supervisors.Disabler;
import dev.ajar.supervisors.Lines;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * xinetd: "disable = yes" in the service's block, in the file that defines it (its name may differ
 * from the service's), replacing a "disable = no" or added after the opening brace; then xinetd
 * reloads (SIGHUP).
 */
final class XinetdDisabler implements Disabler {
  /** SIGHUP: xinetd re-reads its configuration. */
  static final DisablePlan.RuntimeStep RELOAD =
      new DisablePlan.RuntimeStep(
          "make xinetd re-read its configuration", List.of("pkill", "-HUP", "-x", "xinetd"));

  private static final Pattern DISABLE =
      Pattern.compile("^(\\s*disable\\s*=\\s*)(\\S+)(.*)$", Pattern.DOTALL);

  @Override
  public DisablePlan plan(Host root, Owner owner) throws IOException {
    if (owner.file() == null || owner.line() <= 0) {
      throw new BadInputException("xinetd: no file and line for service '" + owner.entry() + "'");
    }
    Lines lines = Lines.of(root.read(owner.file()));
    int line = owner.line();
    if (line > lines.size()
        || !lines.get(line).contains("service")
        || !lines.get(line).contains(owner.entry())) {
      throw new BadInputException(
          owner.file()
              + ":"
              + line
              + ": no longer 'service "
              + owner.entry()
              + "' (the file changed since it was read)");
    }
    int open = line;
    while (open <= lines.size() && !lines.get(open).contains("{")) {
      open++;
    }
    if (open > lines.size()) {
      throw new BadInputException(owner.file() + ":" + line + ": service block has no '{'");
    }
    for (int i = open + 1; i <= lines.size() && !lines.get(i).trim().startsWith("}"); i++) {
      Matcher m = DISABLE.matcher(lines.get(i));
      if (m.matches()) {
        if (m.group(2).equals("yes")) {
          throw new BadInputException(
              owner.file() + ":" + i + ": service '" + owner.entry() + "' is already disabled");
        }
        lines.set(i, m.group(1) + "yes" + m.group(3));
        return plan(owner.file(), lines);
      }
    }
    lines.insertAfter(open, "\tdisable\t\t= yes");
    return plan(owner.file(), lines);
  }

  private static DisablePlan plan(String file, Lines lines) {
    return new DisablePlan(List.of(new WriteFile(file, lines.bytes())), List.of(RELOAD), List.of());
  }
}
