package dev.ajar.packages;

import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a package database's files through {@link Host} (so links never lead out of the root),
 * refusing what is not a regular file (a FIFO would block forever) and keeping a byte budget for
 * the whole database, so that a hostile root with many huge files cannot make ajar read forever.
 * Failures are logged, never thrown.
 */
final class RootReader {
  /** Whatever one database's files add up to, ajar reads no more than this. */
  static final long DEFAULT_BUDGET = 512L * 1024 * 1024;

  private final Host root;
  private final ParseLog log;
  private final long initialBudget;
  private long budget;
  private boolean budgetReported;

  /** Directories resolved in the root, by path; empty for one that is not a directory. */
  private final Map<String, Optional<Path>> directories = new HashMap<>();

  RootReader(Host root, ParseLog log) {
    this(root, log, DEFAULT_BUDGET);
  }

  RootReader(Host root, ParseLog log, long budget) {
    this.root = root;
    this.log = log;
    this.budget = budget;
    this.initialBudget = budget;
  }

  Host root() {
    return root;
  }

  ParseLog log() {
    return log;
  }

  /** The file's bytes, or null (logged) if it is missing, not a regular file, or too large. */
  byte[] read(String path, long limit) {
    return read(path, limit, true);
  }

  /** As {@link #read}, but a missing file is silently null: for optional files. */
  byte[] readIfExists(String path, long limit) {
    return read(path, limit, false);
  }

  private byte[] read(String path, long limit, boolean mustExist) {
    try {
      Path resolved = resolve(path);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(resolved, BasicFileAttributes.class);
      } catch (IOException e) {
        // As Files.exists has it: a file whose existence cannot be told is missing.
        if (mustExist) {
          log.add(Kind.UNREADABLE, path, "no such file");
        }
        return null;
      }
      if (!attributes.isRegularFile()) {
        log.add(Kind.SKIPPED, path, "not a regular file, not read");
        return null;
      }
      if (budget <= 0) {
        budgetExhausted(path);
        return null;
      }
      long size = attributes.size();
      if (size > limit) {
        log.add(Kind.SKIPPED, path, "larger than " + limit + " bytes, not read");
        return null;
      }
      if (size > budget) {
        budgetExhausted(path);
        return null;
      }
      byte[] data =
          Host.readResolved(resolved, path, Math.min(limit, budget), LinkOption.NOFOLLOW_LINKS);
      budget -= data.length;
      return data;
    } catch (NoSuchFileException e) {
      if (mustExist) {
        log.add(Kind.VANISHED, path, "vanished while being read");
      }
      return null;
    } catch (IOException e) {
      log.failed(path, e);
      return null;
    } catch (RuntimeException e) {
      log.add(Kind.UNREADABLE, path, String.valueOf(e.getMessage()));
      return null;
    }
  }

  /**
   * Where {@code path} is, as {@link Host#resolve} has it. A database reads hundreds of files of
   * one directory (dpkg's info/*.list): the directory is resolved once, and each file's own name
   * only checked for being a link (then the whole path is resolved after all).
   */
  private Path resolve(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    if (slash <= 0 || name.isEmpty() || name.equals(".") || name.equals("..")) {
      return root.resolve(path);
    }
    String parent = path.substring(0, slash);
    Optional<Path> dir = directories.get(parent);
    if (dir == null) {
      Path resolved = root.resolve(parent);
      // Only a real directory: for anything else Host says what is wrong with the whole path.
      dir =
          Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS)
              ? Optional.of(resolved)
              : Optional.empty();
      directories.put(parent, dir);
    }
    if (dir.isEmpty()) {
      return root.resolve(path);
    }
    Path candidate = dir.get().resolve(name);
    return Files.isSymbolicLink(candidate) ? root.resolve(path) : candidate;
  }

  /** As {@link Host#read} of a path resolved already; a link put there since is not followed. */
  private void budgetExhausted(String path) {
    if (!budgetReported) {
      budgetReported = true;
      log.add(
          Kind.SKIPPED,
          path,
          "the database's files add up to more than "
              + initialBudget
              + " bytes: this and later files not read");
    }
  }

  /** Names in a directory, sorted (so results do not depend on directory order); empty if none. */
  List<String> list(String dir) {
    try {
      List<String> names = new ArrayList<>(root.list(dir));
      Collections.sort(names);
      return names;
    } catch (NoSuchFileException e) {
      log.add(Kind.UNREADABLE, dir, "no such directory");
    } catch (IOException e) {
      log.failed(dir, e);
    } catch (RuntimeException e) {
      log.add(Kind.UNREADABLE, dir, String.valueOf(e.getMessage()));
    }
    return List.of();
  }

  boolean exists(String path) {
    return root.exists(path);
  }

  boolean isDirectory(String path) {
    return root.isDirectory(path);
  }

  /** Where {@code dir} really is (links followed inside the root), to read a directory once. */
  String realPath(String dir) {
    try {
      return root.resolve(dir).toRealPath().toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
