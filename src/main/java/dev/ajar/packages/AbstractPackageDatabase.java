package dev.ajar.packages;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Diagnostics.Kind;
import dev.ajar.host.Host;
import dev.ajar.host.Timing;
import dev.ajar.model.PackageRef;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What every database shares: it is read once per root (on the first question) and kept; what went
 * wrong while reading is told once to each {@link Diagnostics} that asks; a path is looked up under
 * its merged-/usr aliases too. Nothing here throws.
 */
abstract class AbstractPackageDatabase implements PackageDatabase {
  /** A parsed database: the owner of one normalized absolute path, and each package's paths. */
  interface Index {
    Index EMPTY =
        new Index() {
          @Override
          public Optional<PackageRef> owner(String path) {
            return Optional.empty();
          }

          @Override
          public List<String> files(PackageRef pkg) {
            return List.of();
          }
        };

    Optional<PackageRef> owner(String path);

    /** Every path the package lists (directories too), normalized, where it is on disk. */
    List<String> files(PackageRef pkg);

    default Essential essential(PackageRef pkg) {
      return Essential.unknown("ajar cannot tell from the " + pkg.manager() + " database");
    }

    default Optional<List<PackageRef>> alsoRemoved(List<PackageRef> pkgs) {
      return Optional.empty();
    }
  }

  private static final class Loaded {
    final Index index;
    final ParseLog log;
    final PathAliases aliases;

    /** The Diagnostics already told about {@link #log} (by identity; weakly, not to keep them). */
    final Set<Diagnostics> told = Collections.newSetFromMap(new WeakHashMap<>());

    Loaded(Index index, ParseLog log, PathAliases aliases) {
      this.index = index;
      this.log = log;
      this.aliases = aliases;
    }
  }

  private final Map<Host.Identity, Loaded> cache = new HashMap<>();

  @Override
  public final synchronized Optional<PackageRef> ownerOf(
      Host root, String path, Diagnostics diagnostics) {
    Loaded loaded = loaded(root, diagnostics);
    if (path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    for (String candidate : loaded.aliases.candidates(PackagePaths.normalize(path))) {
      Optional<PackageRef> owner = loaded.index.owner(candidate);
      if (owner.isPresent()) {
        return owner;
      }
    }
    return Optional.empty();
  }

  @Override
  public final synchronized List<String> filesOf(
      Host root, PackageRef pkg, Diagnostics diagnostics) {
    if (pkg == null || !pkg.manager().equals(manager())) {
      return List.of();
    }
    return loaded(root, diagnostics).index.files(pkg);
  }

  @Override
  public final synchronized Essential essential(
      Host root, PackageRef pkg, Diagnostics diagnostics) {
    return loaded(root, diagnostics).index.essential(pkg);
  }

  @Override
  public final synchronized Optional<List<PackageRef>> alsoRemoved(
      Host root, List<PackageRef> pkgs, Diagnostics diagnostics) {
    return loaded(root, diagnostics).index.alsoRemoved(pkgs);
  }

  private Loaded loaded(Host root, Diagnostics diagnostics) {
    Loaded loaded = cache.computeIfAbsent(root.identity(), k -> load(root));
    if (diagnostics != null && loaded.told.add(diagnostics)) {
      loaded.log.reportTo(diagnostics);
    }
    return loaded;
  }

  private Loaded load(Host root) {
    long start = Timing.start();
    try {
      return loadTimed(root);
    } finally {
      Timing.end("package database " + databaseName(), start);
    }
  }

  private Loaded loadTimed(Host root) {
    ParseLog log = new ParseLog();
    Index index;
    try {
      index = read(new RootReader(root, log));
    } catch (RuntimeException e) {
      // A bug of ours on strange input must not end the run: the database is then unknown.
      log.add(Kind.MALFORMED, databaseName(), "not understood: " + e);
      index = Index.EMPTY;
    }
    PathAliases aliases;
    try {
      aliases = PathAliases.of(root);
    } catch (RuntimeException e) {
      aliases = PathAliases.NONE;
    }
    return new Loaded(index, log, aliases);
  }

  /** The file or directory named in a diagnostic about the database as a whole. */
  abstract String databaseName();

  /** Reads and parses the whole database; logs problems to {@code reader.log()}. */
  abstract Index read(RootReader reader);
}
