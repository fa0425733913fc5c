package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.model.PackageRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The byte index of .list files answers as the decoded lines in a FileOwners do. */
class DpkgFilesTest {
  private static final String[] PIECES = {
    "/", "usr", "bin", "sbin", "lib", ".", "..", "a", "é", "\u00ff", "x y", "", "\r", "\0", "b.d",
    "sshd", "//", "/./", "/.", "ä", "\t"
  };

  /** What DpkgDatabase did before: every line decoded, normalized, into a FileOwners. */
  private static final class Reference {
    final FileOwners owners = new FileOwners();
    final Map<String, List<PackageRef>> shippers = new HashMap<>();
    int junk;

    void add(byte[] list, PackageRef ref, Set<String> watched) {
      owners.addPackage(ref);
      for (String line : ControlText.lines(list)) {
        if (line.isEmpty()) {
          continue;
        }
        if (line.charAt(0) != '/' || line.indexOf('\0') >= 0) {
          junk++;
          continue;
        }
        String path = PackagePaths.normalize(line);
        owners.add(path, ref);
        if (watched.contains(path)) {
          shippers.computeIfAbsent(path, p -> new ArrayList<>()).add(ref);
        }
      }
    }
  }

  @Test
  void answersAsTheDecodedLinesDo() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        paths.add(randomPath(random));
      }
      Set<String> watched = new LinkedHashSet<>();
      for (int i = 0; i < 3; i++) {
        watched.add(PackagePaths.normalize(paths.get(random.nextInt(paths.size()))));
      }
      Reference reference = new Reference();
      DpkgFiles files = new DpkgFiles(watched);
      Map<String, List<PackageRef>> shippers = new HashMap<>();
      int junk = 0;
      List<PackageRef> refs = new ArrayList<>();
      for (int p = 0; p < 6; p++) {
        PackageRef ref = new PackageRef("dpkg", "p" + (p % 4), p % 2 == 0 ? "1" : "");
        refs.add(ref);
        byte[] list = randomList(random, paths);
        reference.add(list, ref, watched);
        junk +=
            files.add(
                list, ref, path -> shippers.computeIfAbsent(path, k -> new ArrayList<>()).add(ref));
      }
      assertThat(junk).isEqualTo(reference.junk);
      assertThat(shippers).isEqualTo(reference.shippers);
      Set<String> asked = new LinkedHashSet<>();
      for (String path : paths) {
        asked.add(path);
        asked.add(PackagePaths.normalize(path));
        asked.add(PackagePaths.normalize(path) + "x");
      }
      asked.add("/\uDCC3\uDCA9");
      asked.add("/\uD800");
      for (String path : asked) {
        assertThat(files.owner(path)).as("%s", path).isEqualTo(reference.owners.owner(path));
      }
      for (PackageRef ref : refs) {
        assertThat(files.files(ref)).isEqualTo(reference.owners.files(ref));
        PackageRef unversioned = new PackageRef("dpkg", ref.name(), "");
        assertThat(files.files(unversioned)).isEqualTo(reference.owners.files(unversioned));
      }
    }
  }

  @Test
  void manyPathsGrowTheTable() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20000; i++) {
      sb.append("/usr/share/doc/p").append(i).append('\n').append("/usr\n");
    }
    DpkgFiles files = new DpkgFiles(Set.of());
    PackageRef a = new PackageRef("dpkg", "a", "1");
    PackageRef b = new PackageRef("dpkg", "b", "1");
    files.add(sb.toString().getBytes(StandardCharsets.UTF_8), a, p -> {});
    files.add("/usr\n/only/b\n".getBytes(StandardCharsets.UTF_8), b, p -> {});
    assertThat(files.owner("/usr/share/doc/p19999")).contains(a);
    assertThat(files.owner("/usr")).contains(a);
    assertThat(files.owner("/only/b")).contains(b);
    assertThat(files.owner("/usr/share/doc/p20000")).isEmpty();
    assertThat(files.files(a)).hasSize(40000);
  }

  private static String randomPath(Random random) {
    StringBuilder sb = new StringBuilder(random.nextInt(8) == 0 ? "" : "/");
    int parts = random.nextInt(5);
    for (int i = 0; i < parts; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
      if (random.nextBoolean()) {
        sb.append('/');
      }
    }
    return sb.toString();
  }

  private static byte[] randomList(Random random, List<String> paths) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int lines = random.nextInt(20);
    for (int i = 0; i < lines; i++) {
      byte[] line = paths.get(random.nextInt(paths.size())).getBytes(StandardCharsets.UTF_8);
      out.writeBytes(line);
      if (random.nextInt(10) == 0) {
        out.write(0xff); // not UTF-8
      }
      if (random.nextInt(10) == 0) {
        out.write('\r');
      }
      if (i < lines - 1 || random.nextBoolean()) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }
}
