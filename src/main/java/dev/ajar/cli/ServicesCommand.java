package dev.ajar.cli;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Text;
import dev.ajar.report.ServicesJsonWriter;
import dev.ajar.report.ServicesTableWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar services`: every supervisor entry of the host or of an offline root, with its package. */
@Command(
    name = "services",
    header = "List what can start network services.",
    mixinStandardHelpOptions = true,
    description = {
      "List what can start network services: inetd and xinetd entries, systemd units and",
      "sockets, init scripts, with whether each starts at boot and its package.",
      "Works on the running host and on an offline root (--root DIR)."
    })
final class ServicesCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;

  @Option(names = "--enabled", description = "Only entries that start at boot (or are active).")
  boolean enabledOnly;

  @Option(
      names = "--supervisor",
      paramLabel = "KIND",
      split = ",",
      description =
          "Only these supervisors (inetd, xinetd, systemd, sysv, openrc, slackware, runit).")
  List<String> kinds = List.of();

  @Option(names = "--wide", description = "Do not cut columns.")
  boolean wide;

  @Option(names = "--json", description = "Print the ajar.services/1 JSON document.")
  boolean json;

  @Override
  public Integer call() {
    Host host = parent.host();
    Diagnostics diagnostics = parent.thisRun().diagnostics();
    List<ServiceCatalogue.Listing> listings =
        parent.thisRun().catalogue().stream()
            .filter(l -> !enabledOnly || l.entry().enabled())
            .filter(l -> kinds.isEmpty() || kinds.contains(l.entry().owner().supervisor().label()))
            .toList();
    if (json) {
      ServicesJsonWriter.write(listings, diagnostics, parent.out);
      parent.out.println();
    } else {
      ServicesTableWriter.write(listings, wide, parent.out);
      for (Diagnostics.Diagnostic d : diagnostics.all()) {
        parent.err.println("ajar services: note: " + Text.forTerminal(d.toString()));
      }
    }
    parent.out.flush();
    return ExitCodes.OK;
  }
}
