package dev.ajar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandRegistrationTest {
  @Test
  void eachNameIsTheNameItsClassDeclares() {
    AjarCommand.SUBCOMMANDS.forEach(
        (name, cls) ->
            assertThat(cls.getAnnotation(CommandLine.Command.class).name()).isEqualTo(name));
  }

  @Test
  void theInvokedSubcommandIsFoundAfterGlobalOptions() {
    assertThat(AjarCommand.invokedSubcommand("ports", "-a")).isEqualTo("ports");
    assertThat(AjarCommand.invokedSubcommand("--debug", "--root", "/r", "services"))
        .isEqualTo("services");
    assertThat(AjarCommand.invokedSubcommand("--root=/r", "boot", "--json")).isEqualTo("boot");
    assertThat(AjarCommand.invokedSubcommand("--help")).isNull();
    assertThat(AjarCommand.invokedSubcommand("@args")).isNull();
    assertThat(AjarCommand.invokedSubcommand("nosuch", "ports")).isNull();
    assertThat(AjarCommand.invokedSubcommand("--root")).isNull();
    assertThat(AjarCommand.invokedSubcommand()).isNull();
  }

  @Test
  void helpAndUnknownCommandsSeeEverySubcommand() {
    PrintStream nul = new PrintStream(OutputStream.nullOutputStream());
    for (String[] args : new String[][] {{"--help"}, {"help", "ports"}, {"nosuch"}, {}}) {
      CommandLine cl = new CommandLine(new AjarCommand(null, nul, nul));
      AjarCommand.addSubcommands(cl, args);
      assertThat(cl.getSubcommands().keySet())
          .containsExactlyElementsOf(AjarCommand.SUBCOMMANDS.keySet());
    }
    CommandLine cl = new CommandLine(new AjarCommand(null, nul, nul));
    AjarCommand.addSubcommands(cl, "--debug", "explain", "telnet");
    assertThat(cl.getSubcommands().keySet()).containsExactly("explain");
    CommandLine version = new CommandLine(new AjarCommand(null, nul, nul));
    AjarCommand.addSubcommands(version, "--version");
    assertThat(version.getSubcommands()).isEmpty();
  }
}
