package dev.ajar.remedy.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.change.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal file cut anywhere, or with any one bit flipped, or with bytes added, reads as torn:
 * exhaustively, at every offset, not by sampling.
 */
class FramesTest {
  @TempDir Path dir;

  private static final byte[] BODY =
      "{\"format\":\"ajar.journal.record/1\",\"seq\":1,\"content\":\"\\u0000\\u00ff\"}\n"
          .getBytes(StandardCharsets.UTF_8);

  private byte[] written() throws IOException {
    List<String> checkpoints = new ArrayList<>();
    Frames.write(dir, "000001.rec", BODY, checkpoints::add, "record 1");
    assertThat(checkpoints).containsExactly("record 1: half written");
    assertThat(dir.resolve("000001.rec.tmp")).doesNotExist();
    return Files.readAllBytes(dir.resolve("000001.rec"));
  }

  @Test
  void whatIsWrittenIsReadBack() throws IOException {
    byte[] framed = written();
    assertThat(new String(framed, StandardCharsets.ISO_8859_1))
        .startsWith("ajar-journal 1 " + BODY.length + " " + Hashes.sha256(BODY) + "\n");
    assertThat(Frames.read(dir.resolve("000001.rec"))).isEqualTo(BODY);
  }

  @Test
  void everyTruncationIsTorn() throws IOException {
    byte[] framed = written();
    Path file = dir.resolve("cut");
    for (int length = 0; length < framed.length; length++) {
      Files.write(file, Arrays.copyOf(framed, length));
      assertThat(Frames.read(file)).as("cut to %d of %d bytes", length, framed.length).isNull();
    }
  }

  @Test
  void everyFlippedBitIsTorn() throws IOException {
    byte[] framed = written();
    Path file = dir.resolve("flipped");
    for (int i = 0; i < framed.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] copy = framed.clone();
        copy[i] ^= (byte) (1 << bit);
        Files.write(file, copy);
        byte[] body = Frames.read(file);
        assertThat(body == null || Arrays.equals(body, BODY)).as("byte %d bit %d", i, bit).isTrue();
        if (i >= framed.length - BODY.length) {
          assertThat(body).as("body byte %d bit %d", i, bit).isNull();
        }
      }
    }
  }

  @Test
  void bytesAddedAfterTheBodyAreTorn() throws IOException {
    byte[] framed = written();
    Path file = dir.resolve("longer");
    Files.write(file, Arrays.copyOf(framed, framed.length + 1));
    assertThat(Frames.read(file)).isNull();
    Files.write(file, "not a journal file\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Frames.read(file)).isNull();
    Files.write(file, new byte[0]);
    assertThat(Frames.read(file)).isNull();
  }
}
