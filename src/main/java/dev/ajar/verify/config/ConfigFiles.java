package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Errors;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reading daemon configuration files inside a root, shared by every reader: a size limit (a
 * configuration file is never megabytes; a huge one is a diagnostic), and the include globs most
 * daemons use ("Include /etc/ssh/sshd_config.d/*.conf", "!includedir", "IncludeOptional").
 */
final class ConfigFiles {
  /** No daemon configuration file is this large; a larger one is refused, not read. */
  public static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  /** Includes nest at most this deep: deeper is a loop in practice. */
  public static final int MAX_INCLUDE_DEPTH = 16;

  private ConfigFiles() {}

  /**
   * The text of a configuration file (UTF-8, invalid bytes replaced), or empty when it does not
   * exist. Unreadable, oversized or non-regular files are a diagnostic and empty.
   */
  public static Optional<String> read(Host root, String path, Diagnostics diagnostics) {
    try {
      return Optional.of(new String(root.read(path, MAX_CONFIG_BYTES), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      diagnostics.add(Diagnostics.Kind.UNREADABLE, path, Errors.describe(e));
      return Optional.empty();
    }
  }

  /**
   * The files an include pattern names, in name order (the order sshd, nginx, apache and MariaDB
   * read them). Wildcards ({@code *}, {@code ?}, {@code [...]}) are honoured in the last path
   * component only, which is all Debian's configurations use; a pattern without wildcards is the
   * file itself (or, when {@code directoryMeansAll}, every file of that directory, as apache's
   * Include and MariaDB's !includedir do). Relative patterns are taken from {@code base} (the
   * daemon's ServerRoot or configuration directory).
   */
  public static List<String> expand(
      Host root, String base, String pattern, boolean directoryMeansAll) {
    String absolute = pattern.startsWith("/") ? pattern : base + "/" + pattern;
    int slash = absolute.lastIndexOf('/');
    String dir = slash == 0 ? "/" : absolute.substring(0, slash);
    String last = absolute.substring(slash + 1);
    List<String> files = new ArrayList<>();
    if (!hasWildcard(last)) {
      if (directoryMeansAll && root.isDirectory(absolute)) {
        return expand(root, absolute, "*", false);
      }
      if (root.exists(absolute)) {
        files.add(absolute);
      }
      return files;
    }
    Pattern regex = globToRegex(last);
    List<String> names;
    try {
      names = root.list(dir);
    } catch (IOException e) {
      return files;
    }
    names.sort(null);
    String prefix = dir.equals("/") ? "/" : dir + "/";
    for (String name : names) {
      // Shell globs (and glob(3), which the daemons use) skip dot files unless asked.
      if (name.startsWith(".") && !last.startsWith(".")) {
        continue;
      }
      if (regex.matcher(name).matches() && root.isRegularFile(prefix + name)) {
        files.add(prefix + name);
      }
    }
    return files;
  }

  /**
   * Reads each of {@code files} that exists, in order, and gives its path and text to {@code
   * reader}.
   */
  static void readEach(
      Host root, List<String> files, Diagnostics diagnostics, BiConsumer<String, String> reader) {
    for (String file : files) {
      read(root, file, diagnostics).ifPresent(text -> reader.accept(file, text));
    }
  }

  /**
   * The diagnostic for an include that names no file where the daemon requires one, so it will not
   * start: {@code include} is the directive as written ("Include ports.conf"), {@code daemon} the
   * one that refuses ("nginx").
   */
  static void includeNotFound(
      Diagnostics diagnostics, String file, int line, String include, String daemon) {
    diagnostics.add(
        Diagnostics.Kind.UNREADABLE,
        file + ":" + line,
        include + ": no such file (" + daemon + " will not start)");
  }

  /**
   * The text of the file an include line names, to be read one level below {@code depth}; empty,
   * with a diagnostic at the include line, when includes nest too deep or the file cannot be read
   * (a missing {@code optional} one is no diagnostic).
   */
  static Optional<String> readInclude(
      Host root,
      String from,
      int line,
      String path,
      boolean optional,
      int depth,
      Diagnostics diagnostics) {
    if (depth >= MAX_INCLUDE_DEPTH) {
      Listens.malformed(diagnostics, from, line, "includes nested too deep: " + path);
      return Optional.empty();
    }
    Optional<String> text = read(root, path, diagnostics);
    if (text.isEmpty() && !optional) {
      diagnostics.add(
          Diagnostics.Kind.UNREADABLE, from + ":" + line, "include " + path + ": no such file");
    }
    return text;
  }

  /**
   * What an include of a file or of a directory names, relative to the including file {@code from}
   * (MariaDB's !include and !includedir, snmpd's includeFile and includeDir): the file (a pattern,
   * as {@link #expand} reads it), or the directory's files matching {@code glob}.
   */
  static List<String> fileOrDirectory(
      Host root, String from, String target, boolean directory, String glob) {
    String base = from.substring(0, from.lastIndexOf('/'));
    if (!directory) {
      return expand(root, base, target, false);
    }
    return expand(root, target.startsWith("/") ? target : base + "/" + target, glob, false);
  }

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 1);
          if (close < 0) {
            regex.append("\\[");
          } else {
            String set = glob.substring(i + 1, close);
            if (set.startsWith("!")) {
              set = "^" + set.substring(1);
            }
            regex.append('[').append(set.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
