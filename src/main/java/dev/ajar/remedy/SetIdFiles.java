package dev.ajar.remedy;

import dev.ajar.change.ChangeMode;
import dev.ajar.change.FileChange;
import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.PackageRef;
import dev.ajar.packages.Essential;
import dev.ajar.packages.PackageDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * "Especially any that are set-UID or set-GID": the files of a service's package that carry those
 * bits, each to lose them (a {@link ChangeMode}, journaled). The mode is read through the root
 * without following the last component, so a link in the package never leads to a file outside it
 * (nor to one inside: the file it names is listed on its own). A package of the base system (su,
 * mount, passwd live there) is left alone, with a note.
 */
final class SetIdFiles {
  private SetIdFiles() {}

  /**
   * The changes for {@code pkg}; files whose identity (device and inode) is in {@code done} are
   * skipped and every file planned is added to it, so a file is changed once per change set.
   */
  static List<FileChange> strip(
      Host host,
      PackageDatabase db,
      PackageRef pkg,
      Set<Object> done,
      Diagnostics diagnostics,
      List<String> notes) {
    Essential essential = db.essential(host, pkg, diagnostics);
    if (essential.isEssential()) {
      notes.add(
          pkg.name()
              + " is part of the base system ("
              + essential.why()
              + "): its set-UID/GID files are left alone");
      return List.of();
    }
    List<FileChange> changes = new ArrayList<>();
    for (String path : db.filesOf(host, pkg, diagnostics)) {
      try {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.equals("/")) {
          continue;
        }
        Path file =
            host.resolve(slash == 0 ? "/" : path.substring(0, slash))
                .resolve(path.substring(slash + 1));
        PosixFileAttributes a =
            Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
          continue;
        }
        int mode =
            ((Number) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue()
                & 07777;
        if ((mode & 06000) != 0 && done.add(a.fileKey() == null ? path : a.fileKey())) {
          changes.add(new ChangeMode(path, mode & ~06000));
        }
      } catch (IOException | RuntimeException e) {
        // Listed but not on disk (removed by hand, a path of the other merged-/usr form): nothing
        // to strip.
      }
    }
    return changes;
  }

  /** The identity of a program ajar locks itself, so the package pass does not change it again. */
  static Object identity(Host host, String path) {
    try {
      return Files.readAttributes(
              host.resolve(path), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException | RuntimeException e) {
      return path;
    }
  }
}
