package dev.ajar.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The header blob format, on real blobs from the fixture's rpmdb.sqlite and on hostile ones. */
class RpmHeaderTest {
  static List<byte[]> realBlobs() {
    Path db = Fixtures.fixture("rpm").resolve("var/lib/rpm/rpmdb.sqlite");
    List<byte[]> blobs = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + RpmDatabase.sqliteUri(db) + "?mode=ro&immutable=1");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
      while (rows.next()) {
        blobs.add(rows.getBytes(1));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return blobs;
  }

  @Test
  void realHeadersHoldNameVersionFilesAndStates() throws Exception {
    List<byte[]> blobs = realBlobs();
    assertThat(blobs).hasSize(3);
    List<String> names = new ArrayList<>();
    for (byte[] blob : blobs) {
      RpmHeader h = RpmHeader.parse(blob);
      names.add(h.string(RpmHeader.NAME));
      assertThat(h.has(RpmHeader.BASENAMES)).isTrue();
      assertThat(h.bytes(RpmHeader.FILESTATES)).hasSameSizeAs(h.int32s(RpmHeader.DIRINDEXES));
    }
    assertThat(names).containsExactlyInAnyOrder("tinyd", "tinyd-legacy", "tinyctl");
    RpmHeader tinyd = RpmHeader.parse(blobs.get(names.indexOf("tinyd")));
    assertThat(tinyd.int32s(RpmHeader.EPOCH)).containsExactly(2);
    assertThat(tinyd.string(RpmHeader.VERSION)).isEqualTo("1.4.2");
    assertThat(tinyd.string(RpmHeader.RELEASE)).isEqualTo("3.ajar");
    assertThat(tinyd.strings(RpmHeader.DIRNAMES)).contains("/usr/sbin/", "/etc/");
    assertThat(tinyd.strings(RpmHeader.BASENAMES)).contains("tinyd", "tinyd.conf");
    RpmHeader tinyctl = RpmHeader.parse(blobs.get(names.indexOf("tinyctl")));
    assertThat(tinyctl.has(RpmHeader.EPOCH)).isFalse();
    assertThat(tinyctl.int32s(RpmHeader.EPOCH)).isNull();
  }

  @Test
  void aHeaderWithTheRpmFileMagicInFrontIsAcceptedToo() throws Exception {
    byte[] blob = realBlobs().getFirst();
    byte[] withMagic = new byte[blob.length + 8];
    withMagic[0] = (byte) 0x8e;
    withMagic[1] = (byte) 0xad;
    withMagic[2] = (byte) 0xe8;
    withMagic[3] = 1;
    System.arraycopy(blob, 0, withMagic, 8, blob.length);
    assertThat(RpmHeader.parse(withMagic).string(RpmHeader.NAME))
        .isEqualTo(RpmHeader.parse(blob).string(RpmHeader.NAME));
  }

  /** A header of one entry: tag, type, offset, count, then the data store. */
  static byte[] header(int tag, int type, int offset, int count, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + 16 + data.length);
    b.putInt(1).putInt(data.length).putInt(tag).putInt(type).putInt(offset).putInt(count);
    b.put(data);
    return b.array();
  }

  @Test
  void offsetsAndCountsOutsideTheDataStoreAreRefused() throws Exception {
    byte[] name = "sshd\0".getBytes(StandardCharsets.US_ASCII);
    assertThat(RpmHeader.parse(header(1000, 6, 0, 1, name)).string(1000)).isEqualTo("sshd");
    assertThatThrownBy(() -> RpmHeader.parse(header(1000, 6, 5, 1, name)).string(1000))
        .isInstanceOf(RpmHeader.MalformedHeaderException.class);
    assertThatThrownBy(() -> RpmHeader.parse(header(1000, 6, -1, 1, name)).string(1000))
        .isInstanceOf(RpmHeader.MalformedHeaderException.class);
    assertThatThrownBy(
            () ->
                RpmHeader.parse(header(1000, 6, 0, 1, "sshd".getBytes(StandardCharsets.US_ASCII)))
                    .string(1000))
        .hasMessageContaining("without its NUL");
    assertThatThrownBy(
            () -> RpmHeader.parse(header(1117, 8, 0, Integer.MAX_VALUE, name)).strings(1117))
        .isInstanceOf(RpmHeader.MalformedHeaderException.class);
    assertThatThrownBy(() -> RpmHeader.parse(header(1116, 4, 0, 2, name)).int32s(1116))
        .isInstanceOf(RpmHeader.MalformedHeaderException.class);
    assertThatThrownBy(() -> RpmHeader.parse(header(1000, 4, 0, 1, name)).string(1000))
        .hasMessageContaining("not a string");
    assertThatThrownBy(() -> RpmHeader.parse(new byte[] {0, 0, 0, 0, 0, 0, 0, 0}))
        .hasMessageContaining("index count");
    assertThatThrownBy(() -> RpmHeader.parse(new byte[] {0x7f, 0, 0, 0, 0, 0, 0, 0}))
        .hasMessageContaining("index count");
    assertThatThrownBy(() -> RpmHeader.parse(new byte[] {0, 0, 0, 1, 0x7f, 0, 0, 0}))
        .hasMessageContaining("data length");
    assertThatThrownBy(() -> RpmHeader.parse(new byte[] {0, 0, 0, 1, 0, 0, 0, 1}))
        .hasMessageContaining("larger than the blob");
  }

  @Property(tries = 300)
  void arbitraryBytesNeverThrowAnythingButMalformed(@ForAll("blobs") byte[] blob) {
    readEverything(blob);
  }

  @Property(tries = 300)
  void realHeadersWithBytesFlippedNeverThrowAnythingButMalformed(
      @ForAll("flips") List<Integer> flips) {
    byte[] blob = realBlobs().getFirst().clone();
    for (int flip : flips) {
      int at = Math.floorMod(flip, blob.length);
      blob[at] = (byte) (blob[at] ^ (flip >>> 16 | 1));
    }
    readEverything(blob);
  }

  static void readEverything(byte[] blob) {
    try {
      RpmHeader h = RpmHeader.parse(blob);
      for (int tag :
          new int[] {
            RpmHeader.NAME, RpmHeader.VERSION, RpmHeader.RELEASE, RpmHeader.EPOCH,
            RpmHeader.BASENAMES, RpmHeader.DIRNAMES, RpmHeader.DIRINDEXES, RpmHeader.FILESTATES
          }) {
        try {
          h.string(tag);
        } catch (RpmHeader.MalformedHeaderException expected) {
          // fine
        }
        try {
          h.strings(tag);
        } catch (RpmHeader.MalformedHeaderException expected) {
          // fine
        }
        try {
          h.int32s(tag);
        } catch (RpmHeader.MalformedHeaderException expected) {
          // fine
        }
        try {
          h.bytes(tag);
        } catch (RpmHeader.MalformedHeaderException expected) {
          // fine
        }
      }
    } catch (RpmHeader.MalformedHeaderException expected) {
      // fine
    }
  }

  @Provide
  Arbitrary<byte[]> blobs() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> plausible =
        Arbitraries.integers()
            .between(1, 4)
            .flatMap(
                il ->
                    Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMaxSize(120)
                        .map(
                            rest -> {
                              ByteBuffer b = ByteBuffer.allocate(8 + rest.length);
                              b.putInt(il).putInt(Math.max(0, rest.length - il * 16)).put(rest);
                              return b.array();
                            }));
    return Arbitraries.oneOf(random, plausible);
  }

  @Provide
  Arbitrary<List<Integer>> flips() {
    return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(8);
  }
}
