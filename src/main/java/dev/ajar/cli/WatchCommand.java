package dev.ajar.cli;

import dev.ajar.history.HistoryStore;
import dev.ajar.policy.PolicyParser;
import dev.ajar.watch.Watch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `ajar watch`: a snapshot of the open ports at an interval, every change recorded. */
@Command(
    name = "watch",
    header = "Record every port that opens or closes, and who opened it.",
    mixinStandardHelpOptions = true,
    description = {
      "Take a snapshot of the listening and bound ports of every namespace at an interval",
      "and record each change (opened, closed: protocol, address, namespace, owner, package,",
      "time) in the history, a line on stdout and syslog each, judged by the policy or the",
      "knowledge base, and passed to the hooks as JSON. Runs until SIGTERM; the systemd",
      "unit packaging/systemd/ajar-watch.service runs it as a service."
    })
final class WatchCommand implements Callable<Integer> {
  @ParentCommand AjarCommand parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Seconds between snapshots (default: ${DEFAULT-VALUE}).")
  int interval;

  @Option(
      names = "--metrics",
      paramLabel = "HOST:PORT",
      description =
          "Serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 127.0.0.1:9425; off"
              + " unless given).")
  String metrics;

  @Option(
      names = "--once",
      description = "Take one snapshot, record what changed since the last one, exit (cron).")
  boolean once;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "The history database (default: /var/lib/ajar/history.db).")
  Path db;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Judge each new port by this policy (default: the knowledge base).")
  Path policyFile;

  @Option(
      names = "--hook",
      paramLabel = "CMD",
      description = {
        "Run CMD (split at blanks, no shell) for each change, the change as JSON on its",
        "stdin (ajar.change/1). May be given more than once."
      })
  List<String> hooks = new ArrayList<>();

  @Option(
      names = "--hook-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Kill a hook that runs longer (default: ${DEFAULT-VALUE}).")
  int hookTimeout;

  @Option(
      names = "--settle",
      paramLabel = "N",
      defaultValue = "2",
      description = {
        "Snapshots in a row a change must be seen in before it is recorded: shorter",
        "flaps are not changes (default: ${DEFAULT-VALUE}; 1 records every difference)."
      })
  int settle;

  @Option(
      names = "--netns",
      paramLabel = "all|host|NAME|PID",
      defaultValue = "all",
      description = "Network namespaces to watch (default: ${DEFAULT-VALUE}).")
  String netns;

  @Option(
      names = "--syslog",
      paramLabel = "auto|yes|no",
      defaultValue = "auto",
      description = {
        "Also send each change to syslog (/dev/log); auto: unless stdout is the journal",
        "already (default: ${DEFAULT-VALUE})."
      })
  Watch.SyslogMode syslog;

  @Option(
      names = "--stats",
      paramLabel = "SECONDS",
      defaultValue = "3600",
      description = {
        "Write what the snapshots cost on stderr this often, 0 never (default:",
        "${DEFAULT-VALUE})."
      })
  int stats;

  @Option(
      names = "--owners-every",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = {
        "While the kernel lists the very sockets of the last snapshot, look up their",
        "owners again only this often, 0 at every snapshot (default: ${DEFAULT-VALUE})."
      })
  int ownersEvery;

  @Override
  public Integer call() {
    positive("--interval", interval, 1);
    positive("--hook-timeout", hookTimeout, 1);
    positive("--settle", settle, 1);
    positive("--stats", stats, 0);
    positive("--owners-every", ownersEvery, 0);
    for (String h : hooks) {
      if (h.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--hook: empty command");
      }
    }
    Watch.run(
        parent.host(),
        new Watch.Request(
            Duration.ofSeconds(interval),
            once,
            settle,
            db == null ? HistoryStore.DEFAULT : db,
            policyFile == null ? null : PolicyParser.parse(policyFile),
            hooks,
            Duration.ofSeconds(hookTimeout),
            netns,
            syslog,
            Duration.ofSeconds(stats),
            Duration.ofSeconds(ownersEvery),
            new AjarCommand.Version().get(),
            metrics),
        parent.out,
        parent.err);
    return ExitCodes.OK;
  }

  private void positive(String option, int value, int least) {
    if (value < least) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + ": " + value + " is less than " + least);
    }
  }
}
