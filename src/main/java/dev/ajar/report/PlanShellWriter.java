package dev.ajar.report;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.CreateSymlink;
import dev.ajar.change.FileChange;
import dev.ajar.change.Precondition;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.remedy.ClosePlan;
import dev.ajar.supervisors.DisablePlan;
import java.io.PrintStream;
import java.util.Base64;

/**
 * `ajar plan --format sh`: the same steps as a POSIX shell script an administrator can review, or
 * run on another copy of the system (paths under $ROOT, empty for /). It journals nothing: that is
 * what `ajar close` is for.
 */
public final class PlanShellWriter {
  private PlanShellWriter() {}

  /**
   * The composed plan (several entries' edits of one file already merged): first a check of every
   * path, refusing to run when one is no longer as planned, then the changes in order, then on the
   * live root only the commands that make them take effect.
   */
  public static void write(ClosePlan plan, PrintStream out) {
    out.println("#!/bin/sh");
    out.println("# Written by `ajar plan --format sh`. Review before running; ajar close journals");
    out.println(
        "# the same changes and can undo them, this script cannot. ROOT=/path for an image.");
    out.println("set -eu");
    out.println("ROOT=${ROOT:-}");
    out.println(
        "ajar_stale() { echo \"$1 changed since the plan was made; nothing was changed: plan"
            + " again\" >&2; exit 3; }");
    for (ClosePlan.Entry t : plan.targets()) {
      out.println(
          "# disable "
              + t.owner().supervisor().label()
              + " "
              + oneLine(t.owner().entry())
              + (t.owner().file() == null ? "" : " (" + oneLine(t.owner().file()) + ")"));
    }
    out.println();
    out.println("# every path as planned, before anything is changed");
    for (ClosePlan.Check c : plan.initialChecks()) {
      out.println(check(c.path(), c.expected()));
    }
    out.println();
    for (ClosePlan.Step step : plan.steps()) {
      out.print(command(step.change()));
    }
    out.println();
    out.println("if [ -z \"$ROOT\" ]; then");
    for (DisablePlan.RuntimeStep step : plan.runtime()) {
      StringBuilder sb = new StringBuilder("  ");
      for (String arg : step.argv()) {
        sb.append(quote(arg)).append(' ');
      }
      out.println(sb.toString().stripTrailing() + " || true");
    }
    out.println("  :");
    out.println("fi");
  }

  /** A test that exits 3, naming the path, when it is not as the plan expects. */
  static String check(String path, Precondition expected) {
    String p = "\"$ROOT\"" + quote(path);
    String test =
        switch (expected) {
          case Precondition.Absent a -> "[ ! -e " + p + " ] && [ ! -L " + p + " ]";
          case Precondition.Symlink l ->
              "[ -L " + p + " ] && [ \"$(readlink " + p + ")\" = " + quote(l.target()) + " ]";
          case Precondition.Content c ->
              "[ -f "
                  + p
                  + " ] && [ ! -L "
                  + p
                  + " ] && [ \"$(sha256sum < "
                  + p
                  + " | cut -d' ' -f1)\" = "
                  + quote(c.sha256())
                  + " ]";
        };
    return "{ " + test + "; } || ajar_stale " + quote(path);
  }

  static String command(FileChange c) {
    return switch (c) {
      case WriteFile w -> {
        String tmp = "\"$ROOT\"" + quote(w.path() + ".ajar-tmp");
        StringBuilder sb = new StringBuilder();
        sb.append("base64 -d > ").append(tmp).append(" <<'AJAR_EOF'\n");
        String b64 =
            Base64.getMimeEncoder(76, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(w.content());
        sb.append(b64).append(b64.isEmpty() ? "" : "\n").append("AJAR_EOF\n");
        if (w.mode() != null) {
          sb.append("chmod ")
              .append(Integer.toOctalString(w.mode()))
              .append(' ')
              .append(tmp)
              .append('\n');
        } else {
          sb.append("chmod --reference=\"$ROOT\"")
              .append(quote(w.path()))
              .append(' ')
              .append(tmp)
              .append(" 2>/dev/null || true\n");
        }
        sb.append("mv -f ").append(tmp).append(" \"$ROOT\"").append(quote(w.path())).append('\n');
        yield sb.toString();
      }
      case CreateSymlink l ->
          "ln -sfn " + quote(l.target()) + " \"$ROOT\"" + quote(l.path()) + "\n";
      case RemovePath r -> "rm -f \"$ROOT\"" + quote(r.path()) + "\n";
      case RenamePath r -> "mv \"$ROOT\"" + quote(r.from()) + " \"$ROOT\"" + quote(r.to()) + "\n";
      case ChangeMode m ->
          "chmod " + Integer.toOctalString(m.mode()) + " \"$ROOT\"" + quote(m.path()) + "\n";
    };
  }

  /** Single quotes, with ' written as '\''; nothing inside is interpreted by the shell. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\r\\n]", " ");
  }
}
