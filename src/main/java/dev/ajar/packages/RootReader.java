package dev.ajar.packages;

import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
      Path resolved = root.resolve(path);
      if (!Files.exists(resolved)) {
        if (mustExist) {
          log.add(Kind.UNREADABLE, path, "no such file");
        }
        return null;
      }
      if (!Files.isRegularFile(resolved)) {
        log.add(Kind.SKIPPED, path, "not a regular file, not read");
        return null;
      }
      if (budget <= 0) {
        budgetExhausted(path);
        return null;
      }
      long size = Files.size(resolved);
      if (size > limit) {
        log.add(Kind.SKIPPED, path, "larger than " + limit + " bytes, not read");
        return null;
      }
      if (size > budget) {
        budgetExhausted(path);
        return null;
      }
      byte[] data = root.read(path, Math.min(limit, budget));
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
