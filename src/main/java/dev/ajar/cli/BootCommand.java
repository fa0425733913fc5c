package dev.ajar.cli;

import dev.ajar.host.Diagnostics;
import dev.ajar.model.Text;
import dev.ajar.report.BootJsonWriter;
import dev.ajar.report.BootTableWriter;
import dev.ajar.verify.BootPrediction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar boot`: the ports the host or an offline root will open at its next boot. */
@Command(
    name = "boot",
    header = "Predict the ports that open at the next boot.",
    mixinStandardHelpOptions = true,
    description = {
      "Predict the ports that open at the next boot, without rebooting: from the boot",
      "configuration (systemd units and sockets, SysV links, OpenRC runlevels, Slackware rc.d,",
      "inetd and xinetd) and each daemon's own configuration. Works on an offline root (--root)."
    })
final class BootCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Option(names = "--wide", description = "Do not cut columns.")
  boolean wide;

  @Option(names = "--json", description = "Print the ajar.boot/1 JSON document.")
  boolean json;

  @Override
  public Integer call() {
    Diagnostics diagnostics = parent.thisRun().diagnostics();
    BootPrediction prediction = parent.thisRun().prediction();
    if (json) {
      BootJsonWriter.write(prediction, diagnostics, parent.out);
      parent.out.println();
    } else {
      BootTableWriter.write(prediction, wide, parent.out);
      for (Diagnostics.Diagnostic d : diagnostics.all()) {
        parent.err.println("ajar boot: note: " + Text.forTerminal(d.toString()));
      }
    }
    parent.out.flush();
    return ExitCodes.OK;
  }
}
