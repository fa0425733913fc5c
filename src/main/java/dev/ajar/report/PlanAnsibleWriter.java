package dev.ajar.report;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChangeJson;
import dev.ajar.change.Modes;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.host.BadInputException;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.supervisors.DisablePlan;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * `ajar plan --format ansible`: the plan as an Ansible playbook using only ansible.builtin modules,
 * for an administrator who runs changes through Ansible. Every path is prefixed with the variable
 * {@code ajar_root} (default "/"), so it can also run on a copy of a root; the commands that make
 * the change take effect now run only when ajar_root is "/".
 *
 * <p>It first checks (stat + assert, SHA-256) that every file is still as planned and fails,
 * changing nothing, when one is not. Text that came from the files (content, link targets,
 * commands, names) is tagged {@code !unsafe} so Ansible never evaluates a "{{" inside it; paths are
 * Jinja string literals appended to the prefix. The journal and `ajar undo` are ajar's: a playbook
 * run has neither.
 */
public final class PlanAnsibleWriter {
  private PlanAnsibleWriter() {}

  public static void write(ClosePlan plan, PrintStream out) {
    for (ClosePlan.Step s : plan.steps()) {
      if (s.change() instanceof WriteFile w && FileChangeJson.text(w.content()) == null) {
        throw new BadInputException(
            "plan --format ansible: the new "
                + w.path()
                + " is not UTF-8 text, which a playbook cannot carry exactly; use --format json or"
                + " sh");
      }
      for (String p : ClosePlan.paths(s.change())) {
        requireNoControl(p);
      }
    }
    List<String> y = new ArrayList<>();
    y.add(
        "# Written by `ajar plan --format ansible` for "
            + (plan.root().equals("/") ? "the running host" : "the root " + oneLine(plan.root()))
            + ".");
    y.add(
        "# The same changes as `ajar close`, without ajar's journal (no `ajar undo`). Review,"
            + " then:");
    y.add("#   ansible-playbook -i HOST, THIS.yml");
    y.add("#   ansible-playbook -i localhost, -c local -e ajar_root=/path/to/root THIS.yml");
    y.add("# It stops before changing anything when a file is no longer as planned.");
    y.add(
        "- name: "
            + unsafe(
                "ajar: disable "
                    + String.join(
                        ", ",
                        plan.targets().stream()
                            .map(t -> t.owner().supervisor().label() + " " + t.owner().entry())
                            .toList())));
    y.add("  hosts: all");
    y.add("  gather_facts: false");
    y.add("  any_errors_fatal: true");
    y.add("  vars:");
    y.add("    ajar_root: \"/\"");
    y.add("    ajar_prefix: \"{{ ajar_root | regex_replace('/+$', '') }}\"");
    y.add("  tasks:");
    int n = 0;
    for (ClosePlan.Check c : plan.initialChecks()) {
      n++;
      String var = "ajar_check_" + n;
      y.add("    - name: " + unsafe("check " + c.path() + " is " + c.expected().describe()));
      y.add("      ansible.builtin.stat:");
      y.add("        path: " + prefixed(c.path()));
      y.add("        follow: false");
      y.add("        checksum_algorithm: sha256");
      y.add("      register: " + var);
      y.add("    - name: " + unsafe("refuse if " + c.path() + " changed since the plan"));
      y.add("      ansible.builtin.assert:");
      y.add("        that:");
      for (String condition : conditions(var, c.expected())) {
        y.add("          - " + quote(condition));
      }
      y.add(
          "        fail_msg: "
              + unsafe(
                  c.path()
                      + " changed since the plan was made (expected "
                      + c.expected().describe()
                      + "); nothing was changed: plan again"));
      y.add("        quiet: true");
    }
    int step = 0;
    for (ClosePlan.Step s : plan.steps()) {
      step++;
      y.add(
          "    - name: "
              + unsafe(
                  step
                      + ". "
                      + s.change().describe()
                      + " (for "
                      + String.join(
                          ", ",
                          s.targets().stream()
                              .map(i -> plan.targets().get(i).owner().entry())
                              .toList())
                      + ")"));
      change(y, s);
    }
    for (ClosePlan.Entry t : plan.targets()) {
      for (DisablePlan.RuntimeStep r : t.runtime()) {
        y.add(
            "    - name: "
                + unsafe(r.why() + " (" + t.owner().entry() + "): " + String.join(" ", r.argv())));
        y.add("      ansible.builtin.command:");
        y.add("        argv:");
        for (String a : r.argv()) {
          y.add("          - " + unsafe(a));
        }
        y.add("      when: ajar_root == \"/\"");
        y.add("      ignore_errors: true");
      }
    }
    for (String line : y) {
      out.println(line);
    }
  }

  private static void change(List<String> y, ClosePlan.Step s) {
    switch (s.change()) {
      case WriteFile w -> {
        y.add("      ansible.builtin.copy:");
        y.add("        dest: " + prefixed(w.path()));
        block(y, "        content: ", FileChangeJson.text(w.content()));
        // A replaced file keeps its mode (as in the journal); a new one gets 0644.
        Integer mode =
            w.mode() != null
                ? w.mode()
                : s.expected() instanceof Precondition.Content ? null : 0644;
        if (mode != null) {
          y.add("        mode: \"" + Modes.octal(mode) + "\"");
        }
        y.add("        follow: false");
      }
      case CreateSymlink l -> {
        y.add("      ansible.builtin.file:");
        y.add("        path: " + prefixed(l.path()));
        y.add("        src: " + unsafe(l.target()));
        y.add("        state: link");
        y.add("        force: true");
        y.add("        follow: false");
      }
      case RemovePath r -> {
        y.add("      ansible.builtin.file:");
        y.add("        path: " + prefixed(r.path()));
        y.add("        state: absent");
      }
      case RenamePath r -> {
        y.add("      ansible.builtin.command:");
        y.add("        argv:");
        y.add("          - mv");
        y.add("          - --no-target-directory");
        y.add("          - --");
        y.add("          - " + prefixed(r.from()));
        y.add("          - " + prefixed(r.to()));
      }
      case ChangeMode m -> {
        y.add("      ansible.builtin.file:");
        y.add("        path: " + prefixed(m.path()));
        y.add("        mode: \"" + Modes.octal(m.mode()) + "\"");
        y.add("        follow: false");
      }
    }
  }

  /** Jinja conditions on a registered stat result that hold when the path is as expected. */
  static List<String> conditions(String var, Precondition expected) {
    String st = var + ".stat";
    return switch (expected) {
      case Precondition.Absent a -> List.of("not " + st + ".exists");
      case Precondition.Content c ->
          List.of(st + ".exists", st + ".isreg", st + ".checksum == " + jinja(c.sha256()));
      case Precondition.Symlink l ->
          List.of(st + ".exists", st + ".islnk", st + ".lnk_target == " + jinja(l.target()));
    };
  }

  /** The path under the prefix: "{{ ajar_prefix ~ '/etc/inetd.conf' }}", quoted for YAML. */
  static String prefixed(String path) {
    return quote("{{ ajar_prefix ~ " + jinja(path) + " }}");
  }

  /** A Jinja string literal: nothing inside is evaluated. */
  static String jinja(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A string Ansible must take as it is (no templating). */
  static String unsafe(String s) {
    return "!unsafe " + quote(s);
  }

  /**
   * A key with a text value: a literal block (readable, one line per line) when YAML can hold the
   * text as it is, else a double-quoted scalar with escapes.
   */
  static void block(List<String> y, String key, String text) {
    // A block of nothing but line breaks reads back as "": quote those too.
    if (text.chars().allMatch(c -> c == '\n') || !blockable(text)) {
      y.add(key + unsafe(text));
      return;
    }
    String chomp = !text.endsWith("\n") ? "-" : text.endsWith("\n\n") ? "+" : "";
    y.add(key + "!unsafe |2" + chomp);
    String indent = " ".repeat(key.length() - key.stripLeading().length() + 2);
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String line : body.split("\n", -1)) {
      y.add(line.isEmpty() ? "" : indent + line);
    }
  }

  /** Printable for YAML, and no character that PyYAML reads as a line break or BOM. */
  private static boolean blockable(String text) {
    return text.codePoints()
        .allMatch(
            c ->
                c == '\t'
                    || c == '\n'
                    || c >= 0x20 && c < 0x7f
                    || c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029
                    || c >= 0xe000 && c <= 0xfffd && c != 0xfeff
                    || c >= 0x10000 && c <= 0x10ffff);
  }

  /** A YAML double-quoted scalar; every character outside printable ASCII and text is escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                  if (c >= 0x20 && c < 0x7f
                      || c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029
                      || c >= 0xe000 && c <= 0xfffd && c != 0xfeff
                      || c >= 0x10000 && c <= 0x10ffff) {
                    sb.appendCodePoint(c);
                  } else if (c <= 0xff) {
                    sb.append(String.format("\\x%02x", c));
                  } else {
                    sb.append(String.format("\\u%04x", c));
                  }
                }
              }
            });
    return sb.append('"').toString();
  }

  private static void requireNoControl(String path) {
    if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new BadInputException(
          "plan --format ansible: the path "
              + dev.ajar.model.Text.forTerminal(path)
              + " has a control character; use --format json");
    }
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]", " ");
  }
}
