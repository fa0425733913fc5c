package dev.ajar.remedy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A writable root for close/plan/apply tests: the Debian 12 inetd and systemd fixture roots of
 * src/test/resources/supervisors (README there) merged into one directory, links kept as links,
 * plus rpcbind.service as a unit file of its own in /etc/systemd/system (an administrator's copy),
 * which must be moved aside before it can be masked.
 */
public final class RootFixture {
  private RootFixture() {}

  public static Path make(Path dir) throws IOException {
    copyTree(Path.of("src/test/resources/supervisors/inetd/debian12"), dir);
    copyTree(Path.of("src/test/resources/supervisors/systemd/debian12"), dir);
    Files.copy(
        dir.resolve("usr/lib/systemd/system/rpcbind.service"),
        dir.resolve("etc/systemd/system/rpcbind.service"));
    return dir;
  }

  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Every path under dir: type, permission bits, and content hash or link target. */
  public static SortedMap<String, String> snapshot(Path dir) throws IOException {
    SortedMap<String, String> map = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        String rel = dir.relativize(p).toString();
        String mode =
            Integer.toOctalString(
                ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue()
                    & 07777);
        if (Files.isSymbolicLink(p)) {
          map.put(rel, "link " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          map.put(rel, "dir " + mode);
        } else {
          try {
            map.put(
                rel,
                "file "
                    + mode
                    + " "
                    + HexFormat.of()
                        .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return map;
  }
}
