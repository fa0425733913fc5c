package dev.ajar.remedy.journal;

import dev.ajar.host.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A small host tree with what `ajar close` edits: inetd.conf, an xinetd.d file, systemd units (one
 * an admin's real file, the mask trap), SysV rc links, a set-UID binary owned by another user, a
 * private file. Every file and link gets fixed, old timestamps with nanoseconds, so a restore that
 * forgets them shows.
 */
final class Fixture {
  static final FileTime MTIME = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));
  static final FileTime ATIME = FileTime.from(Instant.parse("2002-03-04T05:06:07.987654321Z"));

  /** nobody/nogroup: a foreign owner, applied only when the tests run as root. */
  static final int NOBODY = 65534;

  static final String INETD =
      """
      # /etc/inetd.conf
      telnet  stream  tcp  nowait  root  /usr/sbin/tcpd  /usr/sbin/in.telnetd
      login   stream  tcp  nowait  root  /usr/sbin/tcpd  /usr/sbin/in.rlogind
      """;
  static final String INETD_CLOSED =
      """
      # /etc/inetd.conf
      #telnet  stream  tcp  nowait  root  /usr/sbin/tcpd  /usr/sbin/in.telnetd
      #login   stream  tcp  nowait  root  /usr/sbin/tcpd  /usr/sbin/in.rlogind
      """;
  static final String XINETD_TELNET =
      "service telnet\n{\n\tdisable = no\n\tserver = /usr/sbin/in.telnetd\n}\n";
  static final String XINETD_TELNET_CLOSED = XINETD_TELNET.replace("disable = no", "disable = yes");

  private Fixture() {}

  static boolean runningAsRoot() {
    return Host.live().isRunningAsRoot();
  }

  static Path build(Path root) throws IOException {
    for (String dir :
        new String[] {
          "etc/systemd/system",
          "etc/xinetd.d",
          "etc/init.d",
          "etc/rc2.d",
          "etc/rc3.d",
          "usr/sbin",
          "var/lib"
        }) {
      Files.createDirectories(root.resolve(dir));
    }
    file(root, "etc/inetd.conf", INETD, 0644, 0, 0);
    file(root, "etc/xinetd.d/telnet", XINETD_TELNET, 0644, 0, 0);
    file(root, "etc/init.d/telnetd", "#!/bin/sh\nexec /usr/sbin/in.telnetd\n", 0755, 0, 0);
    file(
        root,
        "etc/systemd/system/rsh.service",
        "[Service]\nExecStart=/usr/sbin/in.rshd\n",
        0644,
        0,
        0);
    file(root, "usr/sbin/in.rlogind", "\177ELF pretend binary \0\1\2\3", 04755, NOBODY, 0);
    file(root, "etc/obsolete.conf", "secret=1\n", 0600, NOBODY, NOBODY);
    link(root, "etc/rc2.d/S20telnetd", "../init.d/telnetd", NOBODY, NOBODY);
    link(root, "etc/rc3.d/S20telnetd", "../init.d/telnetd", 0, 0);
    return root;
  }

  static void file(Path root, String path, String content, int mode, int uid, int gid)
      throws IOException {
    Path p = root.resolve(path);
    Files.write(p, content.getBytes(StandardCharsets.ISO_8859_1));
    if (runningAsRoot()) {
      Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
    Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    times(p);
  }

  static void link(Path root, String path, String target, int uid, int gid) throws IOException {
    Path p = root.resolve(path);
    Files.createSymbolicLink(p, Path.of(target));
    if (runningAsRoot()) {
      Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
    times(p);
  }

  static void times(Path p) throws IOException {
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(MTIME, ATIME, null);
  }
}
