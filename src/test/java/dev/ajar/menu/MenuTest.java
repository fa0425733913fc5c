package dev.ajar.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.cli.Main;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.menu.MenuKeys.Action;
import dev.ajar.pipeline.Run;
import dev.ajar.remedy.RootFixture;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The menu's actions on a real offline root (the Debian 12 inetd and systemd fixture), without a
 * terminal: the rows are the root's next boot, a close goes through the journal, undo puts every
 * byte back.
 */
class MenuTest {
  @TempDir Path dir;

  static Menu menu(Path root) {
    Host host = Host.offline(root);
    return new Menu(
        new MenuChanges(
            new Run(host, new Diagnostics()), () -> new Run(host, new Diagnostics()), null, null));
  }

  /** Moves the cursor to the row of that name. */
  static void goTo(Menu menu, String name) {
    List<String> names = menu.model().rows().stream().map(MenuRow::name).toList();
    assertThat(names).contains(name);
    menu.handle(Action.FIRST);
    for (int i = 0; i < names.indexOf(name); i++) {
      menu.handle(Action.DOWN);
    }
    assertThat(menu.model().current().name()).isEqualTo(name);
  }

  static Set<String> nextBoot(Path root) {
    return new Run(Host.offline(root), new Diagnostics())
        .prediction().ports().stream()
            .map(p -> p.protocol().label() + "/" + p.port())
            .collect(Collectors.toSet());
  }

  static String ajar(String... args) {
    var out = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
            args);
    assertThat(code).as(String.join(" ", args)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theRowsAreTheNextBootsOwnersRiskiestFirstWithTheirRisk() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    MenuModel m = menu(root).model();
    assertThat(m.title()).isEqualTo(root.toRealPath() + ": its next boot");
    assertThat(m.rows().getFirst().name()).isEqualTo("inetd shell");
    assertThat(m.rows().getFirst().risk().label()).isEqualTo("critical");
    MenuRow rpcbind =
        m.rows().stream().filter(r -> r.name().equals("systemd rpcbind.socket")).findFirst().get();
    assertThat(rpcbind.ports()).containsExactly("tcp/111", "udp/111");
    assertThat(m.rows()).allMatch(MenuRow::closable);
  }

  @Test
  void fingerToggledOffIsPlannedAsAjarPlanPrintsItClosedAndUndoneByteForByte() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    Path inetdConf = root.resolve("etc/inetd.conf");
    byte[] before = Files.readAllBytes(inetdConf);
    SortedMap<String, String> etc = RootFixture.snapshot(root.resolve("etc"));
    Menu menu = menu(root);
    MenuModel m = menu.model();

    goTo(menu, "inetd finger");
    menu.handle(Action.TOGGLE);
    assertThat(m.closing()).extracting(MenuRow::name).containsExactly("inetd finger");

    menu.handle(Action.PLAN);
    assertThat(m.mode()).isEqualTo(MenuModel.Mode.VIEW);
    List<String> plan =
        Arrays.stream(ajar("--root", root.toString(), "plan", "--close", "finger").split("\n"))
            .filter(l -> !l.startsWith("  matched ")) // how a word matched: the menu names none
            .toList();
    assertThat(plan.getFirst())
        .isEqualTo("Disable inetd finger (/etc/inetd.conf:36), which opens port 79");
    assertThat(MenuModel.wrap(plan, m.screenColumns())).isEqualTo(m.viewLines());
    menu.handle(Action.BACK);

    menu.handle(Action.APPLY);
    assertThat(m.mode()).isEqualTo(MenuModel.Mode.CONFIRM);
    assertThat(m.question()).isEqualTo("Make these changes? [y/N]");
    menu.handle(Action.NO);
    assertThat(m.message()).isEqualTo("Not confirmed: nothing was changed.");
    assertThat(Files.readAllBytes(inetdConf)).isEqualTo(before);

    menu.handle(Action.APPLY);
    menu.handle(Action.YES);
    assertThat(m.message()).matches("Changed files: change set \\S+ \\(undo with: u\\)");
    assertThat(menu.transcript().getFirst())
        .matches("Changed files: change set (\\S+) \\(undo with: ajar undo \\1\\)");
    assertThat(MenuModel.wrap(menu.transcript(), m.screenColumns())).isEqualTo(m.viewLines());
    assertThat(Files.readString(inetdConf)).containsPattern("(?m)^#finger\\s+stream\\s+tcp");
    assertThat(nextBoot(root)).doesNotContain("tcp/79").contains("tcp/514");
    assertThat(m.rows()).extracting(MenuRow::name).doesNotContain("inetd finger");
    assertThat(ajar("--root", root.toString(), "log")).contains("menu: close inetd finger");

    menu.handle(Action.BACK);
    menu.handle(Action.UNDO);
    assertThat(m.mode()).isEqualTo(MenuModel.Mode.CONFIRM);
    assertThat(m.question()).matches("Undo change set \\S+\\? \\[y/N\\]");
    assertThat(m.viewLines()).contains("  menu: close inetd finger");
    assertThat(m.viewLines().getFirst()).endsWith("  applied  1 change");
    menu.handle(Action.YES);
    assertThat(m.message()).matches("Undid change set \\S+\\.");
    assertThat(Files.readAllBytes(inetdConf)).isEqualTo(before);
    SortedMap<String, String> after = RootFixture.snapshot(root.resolve("etc"));
    assertThat(after).isEqualTo(etc);
    assertThat(nextBoot(root)).contains("tcp/79");
    assertThat(m.rows()).extracting(MenuRow::name).contains("inetd finger");
    assertThat(menu.transcript()).anyMatch(l -> l.startsWith("Changed files: change set "));
    assertThat(menu.transcript()).anyMatch(l -> l.startsWith("Undid change set "));

    menu.handle(Action.BACK);
    menu.handle(Action.UNDO);
    assertThat(m.mode()).isEqualTo(MenuModel.Mode.LIST);
    assertThat(m.message()).startsWith("Nothing to undo");
  }

  @Test
  void planAndApplyWithNothingMarkedSaySo() throws Exception {
    Menu menu = menu(RootFixture.make(dir.resolve("root")));
    menu.handle(Action.APPLY);
    assertThat(menu.model().mode()).isEqualTo(MenuModel.Mode.LIST);
    assertThat(menu.model().message()).startsWith("Nothing is marked to close");
    menu.handle(Action.UNDO);
    assertThat(menu.model().message()).startsWith("Nothing to undo");
  }

  @Test
  void aFileEditedWhileTheQuestionWaitsIsRefusedByNameAndNothingChanges() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    Menu menu = menu(root);
    goTo(menu, "inetd finger");
    menu.handle(Action.TOGGLE);
    menu.handle(Action.APPLY);
    Path inetdConf = root.resolve("etc/inetd.conf");
    Files.writeString(inetdConf, "# edited meanwhile\n", StandardOpenOption.APPEND);
    byte[] edited = Files.readAllBytes(inetdConf);
    menu.handle(Action.YES);
    assertThat(menu.model().mode()).isEqualTo(MenuModel.Mode.LIST);
    assertThat(menu.model().message())
        .startsWith("/etc/inetd.conf changed since the plan was made");
    assertThat(Files.readAllBytes(inetdConf)).isEqualTo(edited);
    assertThat(menu.transcript()).isEmpty();
  }

  @Test
  void withoutATerminalTheMenuRefusesInOneLine() throws Exception {
    Path root = RootFixture.make(dir.resolve("root"));
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--root",
            root.toString(),
            "menu");
    assertThat(code).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ajar menu: no terminal: standard input and output must be a terminal (use ajar plan"
                + " and ajar close)\n");
    assertThat(out.size()).isZero();
  }
}
