package dev.ajar.cli;

import dev.ajar.host.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
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
    },
    subcommands = {
      PortsCommand.class,
      ServicesCommand.class,
      AuditCommand.class,
      ExplainCommand.class,
      PolicyCommand.class,
      PlanCommand.class,
      CloseCommand.class,
      ApplyCommand.class,
      JournalCommands.Log.class,
      JournalCommands.Undo.class,
      BootCommand.class,
      VerifyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AjarCommand implements Runnable {
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

  AjarCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  Host host() {
    return root == null ? Host.live() : Host.offline(root);
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
