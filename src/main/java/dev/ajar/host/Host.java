package dev.ajar.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way ajar reads a machine: every file under /proc, /etc, /run, /var goes through here.
 *
 * <p>A host is a root directory plus a command runner. The live host has root "/" and lets the
 * kernel resolve paths. Any other root (an offline image given with --root, a process's own root
 * under /proc/PID/root, a test fixture) is resolved by {@link RootedPaths}: every symlink is
 * followed inside the root, so neither ".." nor an absolute link leads out of it.
 */
public final class Host {
  /** Larger files are refused: a hostile root must not make ajar read forever. */
  public static final long DEFAULT_READ_LIMIT = 256L * 1024 * 1024;

  /**
   * What identifies a root in the per-root caches: the device and inode of its top directory, so
   * that /proc/PID/root of two processes of one container, or a root and a view of the same
   * directory, are one root.
   *
   * @param unread the path, when its top directory could not be stat'ed (then compared by it)
   */
  public record Identity(long device, long inode, String unread) {}

  private final Path root;
  private final boolean live;
  private final CommandRunner runner;
  private volatile Identity identity;

  private Host(Path root, boolean live, CommandRunner runner) {
    this.root = root;
    this.live = live;
    this.runner = runner;
  }

  /** The machine ajar runs on. */
  public static Host live() {
    return new Host(Path.of("/"), true, CommandRunner.system());
  }

  /** A root directory that is not running: nothing is executed from it, it has no processes. */
  public static Host offline(Path root) {
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw new BadInputException("--root " + root + ": " + Errors.describe(e));
    }
    if (!Files.isDirectory(real)) {
      throw new BadInputException("--root " + root + ": not a directory");
    }
    return new Host(real, false, CommandRunner.refusing("offline root " + real));
  }

  /**
   * A view of a directory of this host as a root of its own, e.g. "/proc/1234/root" to read a
   * container's /etc/passwd as that container sees it.
   */
  public Host within(String dir) throws IOException {
    // On the live host the path is kept as it is: /proc/PID/root is a magic link that leads
    // into the process's own mount namespace only when walked through, while its real path
    // ("/" for most containers) would lead back to our own root.
    Path inner = live ? Path.of(dir) : resolve(dir).toRealPath();
    if (!Files.isDirectory(inner)) {
      throw new IOException(dir + ": not a directory");
    }
    return new Host(inner, false, CommandRunner.refusing("root " + dir));
  }

  /** This root's identity, read once. */
  public Identity identity() {
    Identity id = identity;
    if (id == null) {
      id = identityOf("/");
      identity = id = id != null ? id : new Identity(-1, -1, root.toString());
    }
    return id;
  }

  /**
   * The identity of a directory of this host taken as a root ("/proc/PID/root" leads into the
   * process's own root), or null when it cannot be stat'ed.
   */
  public Identity identityOf(String dir) {
    try {
      Path p = resolve(dir);
      return new Identity(
          ((Number) Files.getAttribute(p, "unix:dev")).longValue(),
          ((Number) Files.getAttribute(p, "unix:ino")).longValue(),
          null);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Whether ajar itself runs as root (effective uid 0). */
  public boolean isRunningAsRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.substring(4).trim().split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  public boolean isLive() {
    return live;
  }

  public Path root() {
    return root;
  }

  public CommandRunner runner() {
    return runner;
  }

  /** Maps an absolute path of this host to a path of the running system, never leaving the root. */
  public Path resolve(String absolute) throws IOException {
    if (!absolute.startsWith("/")) {
      throw new IllegalArgumentException("not an absolute path: " + absolute);
    }
    if (live) {
      return Path.of(absolute);
    }
    return RootedPaths.resolve(root, absolute);
  }

  public boolean exists(String path) {
    try {
      return Files.exists(resolve(path));
    } catch (IOException e) {
      return false;
    }
  }

  /** A regular file (after following links inside the root). */
  public boolean isRegularFile(String path) {
    try {
      return Files.isRegularFile(resolve(path));
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the file's owner may execute it (links followed inside the root). */
  public boolean isExecutable(String path) {
    try {
      return Files.getPosixFilePermissions(resolve(path))
          .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Whether the path itself is a symbolic link (not followed). */
  public boolean isSymbolicLink(String path) {
    int slash = path.lastIndexOf('/');
    String parent = slash <= 0 ? "/" : path.substring(0, slash);
    try {
      return Files.isSymbolicLink(resolve(parent).resolve(path.substring(slash + 1)));
    } catch (IOException e) {
      return false;
    }
  }

  public boolean isDirectory(String path) {
    try {
      return Files.isDirectory(resolve(path));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a whole file, refusing one larger than {@code limit} bytes (proc files report size 0).
   */
  public byte[] read(String path, long limit) throws IOException {
    Path p = resolve(path);
    // Throws NoSuchFileException for a missing file, as callers expect.
    var attributes = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      // A FIFO or a device in an image would block or never end.
      throw new IOException(path + ": not a regular file");
    }
    return readResolved(p, path, limit);
  }

  /**
   * Reads a file this host already resolved (a path of the running system, inside the root),
   * refusing one larger than {@code limit} bytes. For readers that resolve a directory once and
   * read many files of it; {@code NOFOLLOW_LINKS} makes a link put there since fail to open.
   *
   * @param shownAs the path as the host names it, for the error
   */
  public static byte[] readResolved(Path file, String shownAs, long limit, LinkOption... options)
      throws IOException {
    try (InputStream in = Files.newInputStream(file, options)) {
      byte[] data = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
      if (data.length >= limit && in.read() != -1) {
        throw new FileTooLargeException(shownAs, limit);
      }
      return data;
    }
  }

  public byte[] read(String path) throws IOException {
    return read(path, DEFAULT_READ_LIMIT);
  }

  /** Reads a text file as UTF-8; invalid bytes become U+FFFD (use {@link #read} to keep them). */
  public String readText(String path) throws IOException {
    return new String(read(path), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Names in a directory, unsorted. */
  public List<String> list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(resolve(dir))) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    return names;
  }

  /** The target of a symbolic link, as written in the link. */
  public String readLink(String path) throws IOException {
    Path p;
    if (live) {
      p = Path.of(path);
    } else {
      int slash = path.lastIndexOf('/');
      String parent = slash <= 0 ? "/" : path.substring(0, slash);
      p = resolve(parent).resolve(path.substring(slash + 1));
    }
    return Files.readSymbolicLink(p).toString();
  }

  /** The inode number of a file, following links (inside the root). */
  public long inode(String path) throws IOException {
    Object ino = Files.getAttribute(resolve(path), "unix:ino");
    return ((Number) ino).longValue();
  }

  @Override
  public String toString() {
    return live ? "live host" : "root " + root;
  }
}
