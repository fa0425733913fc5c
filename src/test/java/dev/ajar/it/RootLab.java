package dev.ajar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Debian 12 root made with debootstrap (src/test/lab/debian-root.sh, cached between runs),
 * whose own daemons run chrooted in a network namespace (src/test/lab/root-lab.sh), the way a
 * container runs.
 */
final class RootLab implements AutoCloseable {
  final String name;
  final Path root;
  final Path stateDir;
  final Map<String, String> env = new HashMap<>();

  private RootLab(String name, Path root, Path stateDir) {
    this.name = name;
    this.root = root;
    this.stateDir = stateDir;
  }

  /** Builds (or copies from the cache) the root of a flavor under target/roots. */
  static Path buildRoot(String flavor) throws Exception {
    Integration.requireRoot();
    Integration.requireCommand("/usr/sbin/ip");
    Path root = Integration.projectDir().resolve("target/roots/" + flavor);
    var r =
        Integration.exec(
            Duration.ofMinutes(30), script("debian-root.sh"), "--force", flavor, root.toString());
    assertThat(r.code()).as("debian-root.sh %s: %s%s", flavor, r.out(), tail(r.err())).isZero();
    return root;
  }

  /**
   * A copy of a root in {@code dest} whose /etc is its own: the rest is hard-linked, since nothing
   * the tests do writes outside /etc.
   */
  static Path copyWithOwnEtc(Path root, Path dest) throws Exception {
    for (String[] argv :
        List.of(
            new String[] {"cp", "-al", root.toString(), dest.toString()},
            new String[] {"rm", "-rf", dest.resolve("etc").toString()},
            new String[] {
              "cp", "-a", root.resolve("etc").toString(), dest.resolve("etc").toString()
            })) {
      var r = Integration.exec(Duration.ofMinutes(2), argv);
      assertThat(r.code()).as(String.join(" ", argv) + ": " + r.err()).isZero();
    }
    return dest;
  }

  static RootLab up(String prefix, Path root) throws Exception {
    String name = Integration.uniqueName(prefix);
    Path state = Files.createTempDirectory("ajar-rootlab-");
    RootLab lab = new RootLab(name, root, state);
    var r =
        Integration.exec(
            Duration.ofMinutes(3),
            script("root-lab.sh"),
            "up",
            name,
            root.toString(),
            state.toString());
    if (r.code() != 0) {
      lab.close();
    }
    assertThat(r.code()).as("root-lab.sh up: %s%s", r.out(), tail(r.err())).isZero();
    for (String line : Files.readAllLines(state.resolve("lab.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        lab.env.put(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
      }
    }
    return lab;
  }

  List<String> daemons() {
    return List.of(env.getOrDefault("DAEMONS", "").split(","));
  }

  int pid(String daemon) {
    return Integer.parseInt(env.get("PID_" + daemon));
  }

  /** "tcp/22" entries of a daemon's ports. */
  List<String> ports(String daemon) {
    List<String> ports = new ArrayList<>();
    for (String p : env.getOrDefault("PORTS_" + daemon, "").split(",")) {
      if (!p.isBlank()) {
        ports.add(p);
      }
    }
    return ports;
  }

  /** The Version of an installed package in the root's own dpkg status file. */
  String installedVersion(String pkg) throws IOException {
    String status = Files.readString(root.resolve("var/lib/dpkg/status"));
    for (String stanza : status.split("\n\n")) {
      if (stanza.startsWith("Package: " + pkg + "\n")
          && stanza.contains("Status: install ok installed")) {
        for (String line : stanza.split("\n")) {
          if (line.startsWith("Version: ")) {
            return line.substring(9);
          }
        }
      }
    }
    throw new AssertionError(pkg + " is not installed in " + root);
  }

  @Override
  public void close() throws IOException {
    try {
      Integration.exec(
          Duration.ofMinutes(2), script("root-lab.sh"), "down", name, stateDir.toString());
      Integration.deleteTree(stateDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking the lab down", e);
    }
  }

  private static String script(String name) {
    return Integration.projectDir().resolve("src/test/lab/" + name).toString();
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}
