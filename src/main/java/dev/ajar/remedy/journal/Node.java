package dev.ajar.remedy.journal;

import dev.ajar.change.Fingerprint;
import dev.ajar.change.Hashes;
import dev.ajar.host.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Map;

/**
 * What one path is at one moment, with everything undo needs to make it so again. Read without
 * following the last component: a link is a link.
 */
sealed interface Node {
  /** Copies of larger files are not kept; a change that would destroy one is refused. */
  long CONTENT_LIMIT = 16L << 20;

  Fingerprint fingerprint();

  /** Nothing at the path. */
  record Absent() implements Node {
    @Override
    public Fingerprint fingerprint() {
      return Fingerprint.ABSENT;
    }
  }

  /**
   * A regular file. {@code content} is null when no copy was kept (not asked for, or larger than
   * {@link #CONTENT_LIMIT}); the hash is always there.
   */
  record Regular(
      String sha256,
      long size,
      int mode,
      int uid,
      int gid,
      FileTime mtime,
      FileTime atime,
      int nlink,
      byte[] content)
      implements Node {
    @Override
    public Fingerprint fingerprint() {
      return Fingerprint.file(sha256, mode);
    }
  }

  /** A symbolic link; its target as written. */
  record Link(String target, int uid, int gid, FileTime mtime, FileTime atime) implements Node {
    @Override
    public Fingerprint fingerprint() {
      return Fingerprint.symlink(target);
    }
  }

  /** A directory, fifo, socket or device: never changed by the journal. */
  record Other(String kind) implements Node {
    @Override
    public Fingerprint fingerprint() {
      return Fingerprint.other(kind);
    }
  }

  Node ABSENT = new Absent();

  /**
   * Reads the state of {@code p} (its last component not followed). Attributes are read before the
   * content, so the access time is the one before ajar looked.
   */
  static Node read(Path p, boolean keepContent) throws IOException {
    try {
      return readUnchecked(p, keepContent);
    } catch (AccessDeniedException e) {
      // ajar compares and copies files by their bytes: a file it cannot read (mode 0000 of a
      // user who is not root) can be neither changed nor undone safely.
      throw new BadInputException(
          p + ": permission denied while reading it; changing or" + " undoing it needs root");
    }
  }

  private static Node readUnchecked(Path p, boolean keepContent) throws IOException {
    Map<String, Object> a;
    try {
      a =
          Files.readAttributes(
              p,
              "unix:mode,uid,gid,size,nlink,lastModifiedTime,lastAccessTime",
              LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return ABSENT;
    }
    int mode = (Integer) a.get("mode");
    int uid = (Integer) a.get("uid");
    int gid = (Integer) a.get("gid");
    FileTime mtime = (FileTime) a.get("lastModifiedTime");
    FileTime atime = (FileTime) a.get("lastAccessTime");
    return switch (mode & 0170000) {
      case 0120000 -> new Link(Files.readSymbolicLink(p).toString(), uid, gid, mtime, atime);
      case 0100000 -> {
        Contents c = Contents.read(p, (Long) a.get("size"), keepContent);
        yield new Regular(
            c.sha256(),
            c.size(),
            mode & 07777,
            uid,
            gid,
            mtime,
            atime,
            (Integer) a.get("nlink"),
            c.copy());
      }
      case 0040000 -> new Other("directory");
      case 0010000 -> new Other("fifo");
      case 0140000 -> new Other("socket");
      case 0020000 -> new Other("character device");
      case 0060000 -> new Other("block device");
      default -> new Other("file of unknown type");
    };
  }

  /**
   * What a regular file holds: the SHA-256 and length of its bytes, and a copy of them when one was
   * asked for and the file is within {@link #CONTENT_LIMIT}, else null.
   */
  record Contents(String sha256, long size, byte[] copy) {
    /**
     * Reads the file once, hashing it and copying it if {@code keep}.
     *
     * @param size the size its attributes gave, to size the copy (a file that grows past the limit
     *     while it is read is hashed but not copied)
     */
    static Contents read(Path p, long size, boolean keep) throws IOException {
      MessageDigest digest = Hashes.sha256();
      ByteArrayOutputStream copy =
          keep && size <= CONTENT_LIMIT ? new ByteArrayOutputStream((int) size) : null;
      long total = 0;
      // NOFOLLOW: if the file was replaced by a link since the attributes were read, this fails
      // (ELOOP) instead of reading whatever the link points to.
      try (FileChannel in =
          FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int n;
        while ((n = in.read(buffer)) != -1) {
          digest.update(buffer.array(), 0, n);
          if (copy != null) {
            if (total + n > CONTENT_LIMIT) {
              copy = null;
            } else {
              copy.write(buffer.array(), 0, n);
            }
          }
          total += n;
          buffer.clear();
        }
      }
      return new Contents(Hashes.hex(digest), total, copy == null ? null : copy.toByteArray());
    }
  }
}
