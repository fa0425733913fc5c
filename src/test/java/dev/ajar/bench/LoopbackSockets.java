package dev.ajar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Listening TCP sockets on 127.0.0.1 held by the benchmark's own JVM, so a benchmark of the
 * discovery passes sees a loaded host without an outside load generator. Open in
 * {@code @Setup(Level.Trial)}, close in {@code @TearDown(Level.Trial)}.
 *
 * <p>Java cannot raise RLIMIT_NOFILE; HotSpot itself raises the soft limit to the hard one at
 * start. Each socket is one file descriptor, so the count must stay below {@code ulimit -Hn} with
 * {@link #SPARE} to spare for the JVM's own files: {@link #open} refuses more, naming the limit.
 */
public final class LoopbackSockets implements AutoCloseable {
  /** Descriptors left for the JVM itself (jars, JMH's link to its host VM, /proc reads). */
  public static final int SPARE = 512;

  private final List<ServerSocketChannel> channels;

  private LoopbackSockets(List<ServerSocketChannel> channels) {
    this.channels = channels;
  }

  public static LoopbackSockets open(int count) {
    long limit = openFilesLimit();
    if (count > 0 && limit >= 0 && count + SPARE > limit) {
      throw new IllegalStateException(
          count
              + " sockets need "
              + (count + SPARE)
              + " file descriptors, the limit is "
              + limit
              + " (ulimit -n, raised to ulimit -Hn by the JVM): use fewer, e.g. -p sockets="
              + (limit - SPARE));
    }
    List<ServerSocketChannel> channels = new ArrayList<>(count);
    try {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      for (int i = 0; i < count; i++) {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channels.add(channel);
        channel.bind(new InetSocketAddress(loopback, 0), 1);
      }
    } catch (IOException e) {
      new LoopbackSockets(channels).close();
      throw new UncheckedIOException("opening socket " + (channels.size()) + " of " + count, e);
    }
    return new LoopbackSockets(channels);
  }

  public int count() {
    return channels.size();
  }

  /** The soft "Max open files" of this process from /proc/self/limits, or -1 if unknown. */
  static long openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or a format this does not know: open and let the kernel say no
    }
    return -1;
  }

  @Override
  public void close() {
    for (ServerSocketChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing a listener we opened does not fail in practice; nothing to do if it does
      }
    }
    channels.clear();
  }
}
