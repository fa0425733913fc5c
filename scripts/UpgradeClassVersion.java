import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * Rewrites, in place, the classes of a jar whose class-file version is below 50 (Java 6) as version
 * 50 with stack maps. The JVM never stores such "old" classes (picocli is compiled for Java 5) in a
 * CDS archive or an AOT cache, so each start would load, parse and verify them from the jar again.
 * Only the version number and the added stack maps change, never an instruction; a class whose
 * stack maps the JDK's own verifier rejects stays as it was, and at version 50 the JVM may still
 * fall back to the old verifier.
 *
 * <p>Run by Maven after the shade step: {@code java scripts/UpgradeClassVersion.java JAR}.
 */
public final class UpgradeClassVersion {
  private static final int TARGET = ClassFile.JAVA_6_VERSION;

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    int upgraded = 0;
    int kept = 0;
    // zipfs rewrites only the entries written; the others (sqlite's native libraries) are
    // copied as they are, not inflated and deflated again.
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        FileSystem zip = FileSystems.newFileSystem(jar);
        Stream<Path> entries = Files.walk(zip.getPath("/"))) {
      ClassFile cf =
          ClassFile.of(
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(loader))
                      .cached()));
      ClassTransform version =
          (b, el) -> {
            if (el instanceof ClassFileVersion) {
              b.withVersion(TARGET, 0);
            } else {
              b.with(el);
            }
          };
      ClassTransform upgrade =
          version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!entry.toString().endsWith(".class")
            || entry.startsWith("/META-INF")
            || !Files.isRegularFile(entry)) {
          continue;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(entry)) {
          head = in.readNBytes(8);
        }
        if (major(head) >= TARGET) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(entry);
        try {
          byte[] newer = cf.transformClass(cf.parse(bytes), upgrade);
          if (!cf.verify(newer).isEmpty()) {
            kept++;
            continue;
          }
          FileTime time = Files.getLastModifiedTime(entry);
          Files.write(entry, newer);
          Files.setLastModifiedTime(entry, time);
          upgraded++;
        } catch (RuntimeException ex) {
          kept++;
        }
      }
    }
    if (kept > 0) {
      System.err.println(
          "UpgradeClassVersion: "
              + kept
              + " old classes of "
              + jar.getFileName()
              + " left as they were ("
              + upgraded
              + " upgraded): they will not be in the AOT cache");
    }
  }

  private static int major(byte[] b) {
    return b.length < 8 ? Integer.MAX_VALUE : ((b[6] & 0xff) << 8) | (b[7] & 0xff);
  }
}
