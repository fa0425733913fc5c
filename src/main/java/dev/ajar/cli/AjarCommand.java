package dev.ajar.cli;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.pipeline.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level command: global options and the list of subcommands. */
@Command(
    name = "ajar",
    mixinStandardHelpOptions = true,
    versionProvider = AjarCommand.Version.class,
    description = {
      "Finds every open network port, says who opened it and whether it should be open.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  ok",
      "  1  findings or violations",
      "  2  usage error",
      "  3  bad input or state (one line names what)",
      "  4  internal error (stack trace with --debug)"
    })
final class AjarCommand implements Runnable {
  /**
   * Every subcommand by its name, in the order {@code ajar --help} lists them. Registered by {@link
   * #addSubcommands} rather than in {@code @Command(subcommands)}: picocli builds the model of each
   * registered command by reflection at start, which costs more than the rest of the start-up of
   * {@code ajar ports}.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("ports", PortsCommand.class);
    m.put("services", ServicesCommand.class);
    m.put("audit", AuditCommand.class);
    m.put("explain", ExplainCommand.class);
    m.put("policy", PolicyCommand.class);
    m.put("plan", PlanCommand.class);
    m.put("close", CloseCommand.class);
    m.put("apply", ApplyCommand.class);
    m.put("menu", MenuCommand.class);
    m.put("log", JournalCommands.Log.class);
    m.put("undo", JournalCommands.Undo.class);
    m.put("boot", BootCommand.class);
    m.put("verify", VerifyCommand.class);
    m.put("watch", WatchCommand.class);
    m.put("history", HistoryCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /**
   * Registers with {@code cl} only the subcommand {@code args} invoke when that is plain to see
   * (global options, then a subcommand's name), none for a lone {@code --version}, else every
   * subcommand ({@code ajar --help}, {@code ajar help ports}, an unknown name, an {@code
   * @argfile}, no command), so help and usage errors are the same as with all of them.
   */
  static void addSubcommands(CommandLine cl, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return; // picocli prints the version before it looks at any subcommand
    }
    String invoked = invokedSubcommand(args);
    if (invoked != null && !invoked.equals("help")) {
      cl.addSubcommand(invoked, SUBCOMMANDS.get(invoked));
      return;
    }
    SUBCOMMANDS.forEach(cl::addSubcommand);
  }

  /** The name of the subcommand {@code args} invoke, or null when it is not plain to see. */
  static String invokedSubcommand(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--debug") || a.startsWith("--root=")) {
        continue;
      }
      if (a.equals("--root")) {
        i++;
        continue;
      }
      return SUBCOMMANDS.containsKey(a) ? a : null;
    }
    return null;
  }

  /** Where answers to questions come from; null when there is no terminal to ask on. */
  final InputStream in;

  final PrintStream out;
  final PrintStream err;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Analyse the system installed under DIR instead of the running one.")
  Path root;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of internal errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  AjarCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  private Run run;

  Host host() {
    return thisRun().host();
  }

  /** The run of this command: the root, the registries and the diagnostics, made once. */
  Run thisRun() {
    if (run == null) {
      run = new Run(root == null ? Host.live() : Host.offline(root), new Diagnostics());
    }
    return run;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ajar " + get()};
    }

    /** "0.1.0-SNAPSHOT", or "unknown" when not built by Maven. */
    String get() {
      Properties p = new Properties();
      try (InputStream in = AjarCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        return "unknown";
      }
      return p.getProperty("version", "unknown");
    }
  }
}
