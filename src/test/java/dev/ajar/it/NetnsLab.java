package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A test host: a network namespace in which real Debian daemons run (src/test/lab/netns-lab.sh:
 * inetd serving finger and daytime, sshd, rpcbind, and a python listener as nobody).
 */
final class NetnsLab implements AutoCloseable {
  final String name;
  final Path stateDir;
  final Map<String, String> env = new HashMap<>();

  private NetnsLab(String name, Path stateDir) {
    this.name = name;
    this.stateDir = stateDir;
  }

  static NetnsLab up(String prefix) throws Exception {
    Integration.requireRoot();
    for (String cmd :
        new String[] {
          "/usr/sbin/ip",
          "/usr/sbin/inetd",
          "/usr/sbin/in.fingerd",
          "/usr/sbin/sshd",
          "/usr/sbin/rpcbind",
          "/usr/bin/ss"
        }) {
      Integration.requireCommand(cmd);
    }
    String name = Integration.uniqueName(prefix);
    Path dir = Files.createTempDirectory("ajar-lab-");
    NetnsLab lab = new NetnsLab(name, dir);
    var r = Integration.exec(Duration.ofSeconds(60), script(), "up", name, dir.toString());
    if (r.code() != 0) {
      lab.close();
    }
    assertThat(r.code()).as("netns-lab.sh up: %s%s", r.out(), r.err()).isZero();
    for (String line : Files.readAllLines(dir.resolve("lab.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        lab.env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return lab;
  }

  int pid(String key) {
    return Integer.parseInt(env.get(key));
  }

  /** Runs a command inside the lab's namespace. */
  Integration.Result exec(String... argv) throws IOException, InterruptedException {
    String[] full = new String[argv.length + 4];
    full[0] = "ip";
    full[1] = "netns";
    full[2] = "exec";
    full[3] = name;
    System.arraycopy(argv, 0, full, 4, argv.length);
    return Integration.exec(Duration.ofSeconds(60), full);
  }

  @Override
  public void close() throws IOException {
    try {
      Integration.exec(Duration.ofSeconds(60), script(), "down", name, stateDir.toString());
      Integration.deleteTree(stateDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking the lab down", e);
    }
  }

  private static String script() {
    return Integration.projectDir().resolve("src/test/lab/netns-lab.sh").toString();
  }
}
