package dev.ajar.remedy.journal;

import dev.ajar.change.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The journal's files: one header line {@code ajar-journal 1 <length> <sha256>\n} then the body.
 * Written to NAME.tmp, synced, renamed to NAME, and the directory synced: once {@link #write}
 * returns the file is on disk under its name. A file that is cut short or altered (a crash while it
 * was written on a file system that made the rename durable before the data, or damage) fails the
 * length or checksum test and reads as {@code null}.
 */
final class Frames {
  static final String MAGIC = "ajar-journal 1 ";

  /** Record bodies hold at most a 16 MiB copy, base64-encoded. */
  static final long READ_LIMIT = 64L << 20;

  private Frames() {}

  static void write(Path dir, String name, byte[] body, Checkpoint checkpoint, String label)
      throws IOException {
    byte[] header =
        (MAGIC + body.length + " " + Hashes.sha256(body) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[header.length + body.length];
    System.arraycopy(header, 0, framed, 0, header.length);
    System.arraycopy(body, 0, framed, header.length, body.length);

    Path tmp = dir.resolve(name + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel out = Durable.createOwnerOnly(tmp)) {
      int half = framed.length / 2;
      Durable.writeFully(out, ByteBuffer.wrap(framed, 0, half));
      checkpoint.reached(label + ": half written");
      Durable.writeFully(out, ByteBuffer.wrap(framed, half, framed.length - half));
      out.force(true);
    }
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    Durable.syncDirectory(dir);
  }

  /** The body, or null when the file is torn (short, altered, not a journal file). */
  static byte[] read(Path file) throws IOException {
    byte[] all;
    try (FileChannel in =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = in.size();
      if (size > READ_LIMIT) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && in.read(buffer) != -1) {
        // keep reading
      }
      all = Arrays.copyOf(buffer.array(), buffer.position());
    }
    int newline = -1;
    for (int i = 0; i < Math.min(all.length, 200); i++) {
      if (all[i] == '\n') {
        newline = i;
        break;
      }
    }
    if (newline < 0) {
      return null;
    }
    String header = new String(all, 0, newline, StandardCharsets.US_ASCII);
    if (!header.startsWith(MAGIC)) {
      return null;
    }
    String[] parts = header.substring(MAGIC.length()).split(" ");
    if (parts.length != 2) {
      return null;
    }
    long length;
    try {
      length = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return null;
    }
    if (length != all.length - newline - 1L) {
      return null;
    }
    byte[] body = Arrays.copyOfRange(all, newline + 1, all.length);
    return Hashes.sha256(body).equals(parts[1]) ? body : null;
  }
}
