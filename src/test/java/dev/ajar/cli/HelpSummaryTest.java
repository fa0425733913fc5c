package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command list of {@code --help} (of {@code ajar} and of every command with subcommands): one
 * line per subcommand, its {@code header}, a whole sentence that fits 80 columns. picocli lists a
 * command by the first line of its header, else by the first line of its description, which is cut
 * wherever the source wraps it; so a command without a header fails here.
 */
class HelpSummaryTest {
  /** A line of the command list: two spaces, the name, at least two spaces, the summary. */
  private static final Pattern ENTRY = Pattern.compile("  (\\S+) {2,}(\\S.*)");

  @Test
  void everyCommandListLineIsTheWholeHeaderOfItsCommand() {
    PrintStream nul = new PrintStream(OutputStream.nullOutputStream());
    CommandLine ajar = new CommandLine(new AjarCommand(null, nul, nul));
    AjarCommand.addSubcommands(ajar, "--help");
    List<CommandLine> parents = new ArrayList<>();
    collectParents(ajar, parents);
    assertThat(parents).extracting(CommandLine::getCommandName).contains("ajar", "policy");
    for (CommandLine parent : parents) {
      checkCommandList(parent);
    }
  }

  private static void collectParents(CommandLine cl, List<CommandLine> into) {
    if (!cl.getSubcommands().isEmpty()) {
      into.add(cl);
      cl.getSubcommands().values().forEach(sub -> collectParents(sub, into));
    }
  }

  private static void checkCommandList(CommandLine parent) {
    String path = parent.getCommandSpec().qualifiedName(" ");
    List<String> args = new ArrayList<>(List.of(path.split(" ")));
    args.removeFirst(); // "ajar"
    args.add("--help");
    CliTest.Run help = CliTest.run(args.toArray(String[]::new));
    assertThat(help.code()).as(path + " --help").isZero();

    Map<String, String> listed = new LinkedHashMap<>();
    for (String line : commandList(help.out(), path)) {
      assertThat(line.length()).as(path + " --help, line '%s'", line).isLessThanOrEqualTo(80);
      Matcher m = ENTRY.matcher(line);
      assertThat(m.matches())
          .as(
              path + " --help: '%s' is not 'NAME  SUMMARY' (a summary wrapped onto a second line?)",
              line)
          .isTrue();
      listed.put(m.group(1), m.group(2));
    }
    assertThat(listed.keySet())
        .as(path + " --help lists")
        .containsExactlyElementsOf(parent.getSubcommands().keySet());

    parent
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              String[] header = sub.getCommandSpec().usageMessage().header();
              assertThat(header).as(path + " " + name + ": @Command(header)").isNotEmpty();
              assertThat(header[0]).as(path + " " + name + ": @Command(header)").isNotBlank();
              String summary = listed.get(name);
              assertThat(summary)
                  .as(path + " --help, " + name)
                  .isEqualTo(header[0])
                  .endsWith(".")
                  .doesNotEndWith(",");
            });
  }

  /** The lines under "Commands:", up to the next blank line. */
  private static List<String> commandList(String help, String path) {
    List<String> lines = help.lines().toList();
    int start = lines.indexOf("Commands:");
    assertThat(start).as(path + " --help has a command list").isNotNegative();
    List<String> list = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.isBlank()) {
        break;
      }
      list.add(line);
    }
    return list;
  }
}
