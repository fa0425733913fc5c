package dev.ajar.supervisors;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the init script that starts a program, for the supervisors whose entries are shell scripts
 * (SysV init, OpenRC, Slackware): nothing says which script started a process, so the scripts are
 * read and scored by how they name its program.
 */
public final class InitScripts {
  /** A script of a directory, with its text. */
  public record Script(String path, String name, String text) {
    /** The script as an entry of that kind: named after the script, no program or port known. */
    public ServiceEntry entry(SupervisorKind kind, boolean enabled) {
      return new ServiceEntry(new Owner(kind, name, path, 0, null), enabled, List.of());
    }
  }

  /** A script's best claim to a program. */
  public record Match(Script script, int line, int score) {}

  /** A holder's program and the script that claims it. */
  public record Claim(String program, Match match) {
    /** The owner of that kind this claim names: the script, the line naming the program. */
    public Owner owner(SupervisorKind kind) {
      return new Owner(kind, match.script().name(), match.script().path(), match.line(), program);
    }
  }

  /**
   * A supervisor's scripts in each root, read once per root into a {@link Catalog}; none in a root
   * where the supervisor is not present, which is asked every time before anything is read.
   */
  public static final class Catalogs {
    private final RootCache<Catalog> cache = new RootCache<>();
    private final Predicate<Host> present;
    private final BiFunction<Host, Diagnostics, List<Script>> reader;

    public Catalogs(Predicate<Host> present, BiFunction<Host, Diagnostics, List<Script>> reader) {
      this.present = present;
      this.reader = reader;
    }

    /** {@link Catalog#claim} of the socket's holders over the root's scripts. */
    public Optional<Claim> claim(Host root, OpenSocket socket, Diagnostics diagnostics) {
      if (!present.test(root)) {
        return Optional.empty();
      }
      return cache
          .get(root, diagnostics, (r, d) -> new Catalog(reader.apply(r, d)))
          .claim(socket.processes());
    }
  }

  /**
   * The scripts of one directory, with each program's best match remembered: attribution asks once
   * per socket, and thousands of sockets share a handful of programs.
   */
  public static final class Catalog {
    private final List<Script> scripts;
    private final java.util.Map<String, java.util.Optional<Match>> matches =
        new java.util.HashMap<>();

    public Catalog(List<Script> scripts) {
      this.scripts = List.copyOf(scripts);
    }

    public List<Script> scripts() {
      return scripts;
    }

    /** The first holder whose program a script names, with that script's claim. */
    public java.util.Optional<Claim> claim(List<dev.ajar.model.ProcessInfo> holders) {
      for (dev.ajar.model.ProcessInfo p : holders) {
        Match m = bestFor(p.exe());
        if (m != null) {
          return java.util.Optional.of(new Claim(p.exe(), m));
        }
      }
      return java.util.Optional.empty();
    }

    /** {@link InitScripts#bestFor} over these scripts, remembered per program. */
    public synchronized Match bestFor(String program) {
      return matches
          .computeIfAbsent(
              String.valueOf(program),
              p -> java.util.Optional.ofNullable(InitScripts.bestFor(scripts, program)))
          .orElse(null);
    }
  }

  /** Larger scripts are not init scripts: skipped. */
  private static final long SCRIPT_LIMIT = 1 << 20;

  // DAEMON=/usr/sbin/sshd, command="/usr/sbin/vsftpd", prog=/usr/sbin/named, EXEC=..., BIN=...
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "^\\s*(?:export\\s+|local\\s+)?([A-Za-z_][A-Za-z0-9_]*)=[\"']?([^\"'\\s;]+)",
          Pattern.MULTILINE);

  private InitScripts() {}

  /** Every regular file of a directory, read (unreadable or huge ones named in diagnostics). */
  public static List<Script> read(Host root, String dir, Diagnostics diagnostics) {
    List<Script> scripts = new ArrayList<>();
    List<String> names;
    try {
      names = root.list(dir);
    } catch (IOException e) {
      return scripts;
    }
    names.sort(null);
    for (String name : names) {
      String path = dir + "/" + name;
      if (name.startsWith(".") || name.endsWith("~") || !root.isRegularFile(path)) {
        continue;
      }
      try {
        scripts.add(
            new Script(
                path,
                name,
                new String(
                    root.read(path, SCRIPT_LIMIT), java.nio.charset.StandardCharsets.UTF_8)));
      } catch (IOException e) {
        diagnostics.add(Diagnostics.Kind.UNREADABLE, path, Errors.describe(e));
      }
    }
    return scripts;
  }

  /**
   * The script that best names {@code program}: 30 when a variable is set to it (DAEMON=, command=,
   * ...), 20 when its full path appears, 10 when the script is only named after it, plus 1 for a
   * script named after it. Scripts that do not name it never match.
   */
  public static Match bestFor(List<Script> scripts, String program) {
    if (program == null || !program.startsWith("/")) {
      return null;
    }
    List<String> forms = pathForms(program);
    String base = program.substring(program.lastIndexOf('/') + 1);
    Match best = null;
    for (Script s : scripts) {
      Match m = score(s, forms, base);
      if (m != null && (best == null || m.score() > best.score())) {
        best = m;
      }
    }
    return best;
  }

  private static Match score(Script s, List<String> forms, String base) {
    String bare = s.name().startsWith("rc.") ? s.name().substring(3) : s.name();
    // A script named after the program wins ties: rc.sshd over rc.inet2 when both name sshd.
    int named =
        bare.equals(base)
                || (base.endsWith("d") && bare.equals(base.substring(0, base.length() - 1)))
            ? 1
            : 0;
    Matcher a = ASSIGNMENT.matcher(s.text());
    while (a.find()) {
      String name = a.group(1).toUpperCase(Locale.ROOT);
      String value = a.group(2);
      boolean programVariable =
          name.equals("DAEMON")
              || name.equals("COMMAND")
              || name.equals("EXEC")
              || name.equals("PROG")
              || name.equals("BIN")
              || name.equals("BINARY")
              || name.endsWith("_BIN");
      if (programVariable && (forms.contains(value) || value.equals(base))) {
        return new Match(s, lineOf(s.text(), a.start()), 30 + named);
      }
    }
    for (String form : forms) {
      int at = indexOfPath(s.text(), form);
      if (at >= 0) {
        return new Match(s, lineOf(s.text(), at), 20 + named);
      }
    }
    return named == 1 ? new Match(s, 0, 10) : null;
  }

  /** Index of a path in text, only where it stands as a whole word (not /usr/sbin/sshd-keygen). */
  private static int indexOfPath(String text, String path) {
    int from = 0;
    while (true) {
      int at = text.indexOf(path, from);
      if (at < 0) {
        return -1;
      }
      int end = at + path.length();
      boolean before = at == 0 || !isPathChar(text.charAt(at - 1));
      boolean after = end >= text.length() || !isPathChar(text.charAt(end));
      if (before && after) {
        return at;
      }
      from = at + 1;
    }
  }

  private static boolean isPathChar(char c) {
    return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '-' || c == '_';
  }

  /**
   * A program's path and its merged-/usr twin: /usr/sbin/x and /sbin/x name the same file on Debian
   * 12, and scripts use either.
   */
  public static List<String> pathForms(String program) {
    List<String> forms = new ArrayList<>(2);
    forms.add(program);
    for (int i = 0; i < MERGED.length; i++) {
      if (program.startsWith(USR_MERGED[i])) {
        forms.add(program.substring(4));
      } else if (program.startsWith(MERGED[i])) {
        forms.add("/usr" + program);
      }
    }
    return forms;
  }

  private static final String[] MERGED = {"/bin/", "/sbin/", "/lib/", "/lib64/"};
  private static final String[] USR_MERGED = {
    "/usr/bin/", "/usr/sbin/", "/usr/lib/", "/usr/lib64/"
  };

  public static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
