package dev.ajar.watch;

import dev.ajar.history.Change;
import dev.ajar.history.HistoryJson;
import dev.ajar.history.PortState;
import dev.ajar.model.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --hook} commands: each change is run past each hook, argv as given (no shell), with
 * the change as one JSON object ({@code ajar.change/1}) on stdin and {@code AJAR_EVENT}, {@code
 * AJAR_PROTOCOL}, {@code AJAR_PORT}, {@code AJAR_SEVERITY} in its environment. The hooks run one at
 * a time on a thread of their own, fed by a bounded queue, so a slow or hanging hook never holds up
 * the snapshots: it is killed after {@code timeout}, and what does not fit in the queue is dropped.
 * Every failure (cannot start, exit status, timeout, dropped) is a line on stderr.
 */
final class Hooks implements WatchListener {
  static final int QUEUE = 256;

  private final List<List<String>> hooks;
  private final Duration timeout;
  private final String hostName;
  private final PrintStream err;
  private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread worker;
  private volatile boolean stopping;

  private record Job(List<String> argv, Change change) {}

  Hooks(List<List<String>> hooks, Duration timeout, String hostName, PrintStream err) {
    this.hooks = List.copyOf(hooks);
    this.timeout = timeout;
    this.hostName = hostName;
    this.err = err;
    this.worker = Thread.ofPlatform().name("ajar-hooks").daemon().unstarted(this::work);
    worker.start();
  }

  /** "--hook 'CMD ARG'": the command split at blanks, no shell, no quoting. */
  static List<String> argv(String hook) {
    return List.of(hook.strip().split("\\s+"));
  }

  @Override
  public void snapshot(SnapshotStats stats, List<Change> changes, Collection<PortState> open) {
    for (Change c : changes) {
      for (List<String> argv : hooks) {
        if (!queue.offer(new Job(argv, c))) {
          say(argv, "queue full (" + QUEUE + "), not run for: " + ChangeText.line(c));
        }
      }
    }
  }

  /** Waits for the queued hooks, at most for each one's timeout, then stops the worker. */
  @Override
  public void stopped() {
    stopping = true;
    worker.interrupt(); // only wakes it from an empty queue: a running hook is waited for
    try {
      worker.join(timeout.multipliedBy(queue.size() + 1).plusSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void work() {
    while (true) {
      Job job;
      try {
        job = stopping ? queue.poll() : queue.take();
      } catch (InterruptedException e) {
        if (stopping) {
          job = queue.poll();
        } else {
          continue;
        }
      }
      if (job == null) {
        return;
      }
      run(job);
    }
  }

  private void run(Job job) {
    Change c = job.change();
    ProcessBuilder pb =
        new ProcessBuilder(job.argv())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = pb.environment();
    env.put("AJAR_EVENT", c.kind().label());
    env.put("AJAR_PROTOCOL", c.key().protocol());
    env.put("AJAR_PORT", Integer.toString(c.key().port()));
    env.put(
        "AJAR_SEVERITY", c.port().verdict() == null ? "" : c.port().verdict().severity().label());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      say(job.argv(), "cannot run: " + e.getMessage());
      return;
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(HistoryJson.change(c, hostName));
    } catch (IOException e) {
      // the hook exited or closed stdin without reading all of it: its exit status tells
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        say(job.argv(), "timed out after " + span(timeout) + ", killed");
        return;
      }
    } catch (InterruptedException e) {
      // stopping: wait for it anyway, up to its timeout
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          say(job.argv(), "timed out after " + span(timeout) + ", killed");
          return;
        }
      } catch (InterruptedException again) {
        p.destroyForcibly();
        return;
      }
    }
    if (p.exitValue() != 0) {
      say(job.argv(), "exited " + p.exitValue() + " for: " + ChangeText.line(c));
    }
  }

  private static String span(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private void say(List<String> argv, String what) {
    err.println("ajar watch: hook " + Text.forTerminal(String.join(" ", argv)) + ": " + what);
    err.flush();
  }
}
