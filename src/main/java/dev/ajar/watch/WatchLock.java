package dev.ajar.watch;

import dev.ajar.host.BadInputException;
import dev.ajar.host.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per history: {@code FILE.lock} beside the database, locked (fcntl, released by the
 * kernel when the holder dies, SIGKILL included) for as long as a watcher runs, holding its pid. A
 * second {@code ajar watch} (or {@code --once} while the service runs) on the same history is
 * refused with that pid rather than recording every change twice. A lock file of its own, never the
 * database: SQLite's own locks are fcntl locks on the database, which any other descriptor of the
 * same file in this process would drop on close.
 */
final class WatchLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private WatchLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static WatchLock acquire(Path database, long pid) {
    Path file = database.resolveSibling(database.getFileName() + ".lock");
    FileChannel ch = null;
    try {
      ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // this very process records into it already
      }
      if (lock == null) {
        String holder = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
        ch.close();
        throw new BadInputException(
            database
                + ": another ajar watch records into this history"
                + (holder.matches("[0-9]+") ? " (pid " + holder + ")" : ""));
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new WatchLock(ch, lock);
    } catch (IOException e) {
      try {
        if (ch != null) {
          ch.close();
        }
      } catch (IOException ignored) {
        // reporting the first error
      }
      throw new BadInputException(file + ": " + Errors.describe(e));
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // released by the kernel when the channel or the process goes
    }
  }
}
