package dev.ajar.remedy.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic, synced file-system operations. Each one makes its change visible with one rename (or one
 * unlink, one chmod) and then syncs what it touched, so after it returns the change survives a
 * crash of the process or of the machine, as far as the disk honours fsync.
 */
final class Durable {
  private static final Set<OpenOption> NEW_FILE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private Durable() {}

  /**
   * Creates {@code p} for writing, readable by its owner only: never an existing file, never
   * through a link.
   */
  static FileChannel createOwnerOnly(Path p) throws IOException {
    return FileChannel.open(
        p,
        NEW_FILE,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /** fsync of a directory: makes the names created, renamed or removed in it durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Makes {@code target} a regular file with this content and metadata: written under {@code temp}
   * (a name in the same directory), synced, renamed over the target, directory synced. {@code
   * uid}/{@code gid} and the times are left as created when null.
   */
  static void replaceWithFile(
      Path target,
      String temp,
      byte[] content,
      Integer uid,
      Integer gid,
      int mode,
      FileTime mtime,
      FileTime atime,
      Checkpoint checkpoint,
      String label)
      throws IOException {
    replace(
        target,
        temp,
        checkpoint,
        label + ": temporary file ready",
        tmp -> {
          try (FileChannel out = createOwnerOnly(tmp)) {
            writeFully(out, ByteBuffer.wrap(content));
            // Owner first: chown clears set-UID/GID, so the mode comes after it.
            setOwner(tmp, uid, gid);
            setMode(tmp, mode);
            if (mtime != null) {
              setTimes(tmp, mtime, atime);
            }
            out.force(true);
          }
        });
  }

  /**
   * Makes {@code target} a symbolic link: created under {@code temp} in the same directory, renamed
   * over the target, directory synced. A link has no data of its own to sync; its inode goes to
   * disk with the directory (see the package documentation).
   */
  static void replaceWithLink(
      Path target,
      String temp,
      String linkTarget,
      Integer uid,
      Integer gid,
      FileTime mtime,
      FileTime atime,
      Checkpoint checkpoint,
      String label)
      throws IOException {
    replace(
        target,
        temp,
        checkpoint,
        label + ": temporary link ready",
        tmp -> {
          Files.createSymbolicLink(tmp, Path.of(linkTarget));
          setOwner(tmp, uid, gid);
          if (mtime != null) {
            setTimes(tmp, mtime, atime);
          }
        });
  }

  /** Makes what replaces a path, at the temporary path it is given. */
  @FunctionalInterface
  private interface Replacement {
    void makeAt(Path tmp) throws IOException;
  }

  /**
   * The one way a path is replaced: {@code temp} in the target's directory cleared of a leftover,
   * the replacement made there, {@code ready} reached, renamed over the target, directory synced.
   */
  private static void replace(
      Path target, String temp, Checkpoint checkpoint, String ready, Replacement replacement)
      throws IOException {
    Path dir = target.getParent();
    Path tmp = dir.resolve(temp);
    deleteLeftover(tmp);
    replacement.makeAt(tmp);
    checkpoint.reached(ready);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(dir);
  }

  static void delete(Path target) throws IOException {
    Files.delete(target);
    syncDirectory(target.getParent());
  }

  /** rename(2): atomic, replaces {@code to} if it exists (callers check before). */
  static void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(to.getParent());
    if (!to.getParent().equals(from.getParent())) {
      syncDirectory(from.getParent());
    }
  }

  /**
   * Sets the owner of a file or of a link itself, when it differs (only root may give files away).
   */
  static void setOwner(Path p, Integer uid, Integer gid) throws IOException {
    if (uid != null && !uid.equals(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
      Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    }
    if (gid != null && !gid.equals(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS))) {
      Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * chmod of a regular file in place, then fsync. The descriptor for the fsync is opened first:
   * after chmod 0 a user who is not root could not open the file any more.
   */
  static void changeModeDurably(Path p, int mode) throws IOException {
    try (FileChannel channel =
        FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      setMode(p, mode);
      channel.force(true);
    }
  }

  /**
   * chmod of a regular file, through a descriptor opened with O_NOFOLLOW (never a link's target).
   */
  static void setMode(Path p, int mode) throws IOException {
    Files.setAttribute(p, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
  }

  static void setTimes(Path p, FileTime mtime, FileTime atime) throws IOException {
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(mtime, atime, null);
  }

  /** Removes a temporary file of ours left by a crash; never a directory. */
  static boolean deleteLeftover(Path tmp) throws IOException {
    if (Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(tmp + ": is a directory, expected ajar's temporary file");
    }
    return Files.deleteIfExists(tmp);
  }
}
