package dev.ajar.remedy.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.FileChange;
import dev.ajar.change.Fingerprint;
import dev.ajar.change.Hashes;
import dev.ajar.change.JsonTree.MalformedException;
import dev.ajar.change.RemovePath;
import dev.ajar.change.RenamePath;
import dev.ajar.change.WriteFile;
import dev.ajar.remedy.journal.UndoRecord.Touched;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record format: everything undo needs survives a write and a read, bit for bit. */
class UndoRecordTest {
  private static final FileTime T1 = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));
  private static final FileTime T2 = FileTime.from(Instant.parse("1999-12-31T23:59:59.000000001Z"));

  @Test
  void aRecordOfEveryNodeKindReadsBackTheSame() throws MalformedException {
    byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xc3, '\n', '"', '\\'};
    var file =
        new Node.Regular(Hashes.sha256(binary), binary.length, 04755, 65534, 0, T1, T2, 2, binary);
    var link = new Node.Link("../init.d/telnetd", 65534, 65534, T2, T1);
    var records =
        List.of(
            new UndoRecord(
                1,
                "write-file",
                "write /etc/x (3 bytes)",
                List.of(
                    new Touched(
                        "/etc/x",
                        ".ajar.abcdef.1.0",
                        file,
                        Fingerprint.file("00".repeat(32), 0640)))),
            new UndoRecord(
                2,
                "rename",
                "rename /etc/rc2.d/S20t -> /etc/rc2.d/K80t",
                List.of(
                    new Touched("/etc/rc2.d/S20t", ".ajar.abcdef.2.0", link, Fingerprint.ABSENT),
                    new Touched(
                        "/etc/rc2.d/K80t", ".ajar.abcdef.2.1", Node.ABSENT, link.fingerprint()))));
    FileChange change = new WriteFile("/etc/x", "new".getBytes(StandardCharsets.UTF_8), 0640);
    List<FileChange> changes =
        List.of(change, new RenamePath("/etc/rc2.d/S20t", "/etc/rc2.d/K80t"));
    for (int i = 0; i < records.size(); i++) {
      UndoRecord back = UndoRecord.fromJson(records.get(i).toJson(changes.get(i)));
      assertThat(back).usingRecursiveComparison().isEqualTo(records.get(i));
    }
    Node.Regular back =
        (Node.Regular)
            UndoRecord.fromJson(records.getFirst().toJson(change)).touched().getFirst().before();
    assertThat(back.content()).isEqualTo(binary);
    assertThat(back.mode()).isEqualTo(04755);
    assertThat(back.mtime()).isEqualTo(T1);
    assertThat(back.atime().toInstant().getNano()).isEqualTo(1);
  }

  @Test
  void recordsWrittenBeforeTheChangeCodecReadBack() throws Exception {
    // src/test/resources/change/README.md: a rename's source was "from", the change had no kind.
    List<String> lines =
        Files.readAllLines(
            Path.of(
                UndoRecordTest.class
                    .getResource("/change/journal-records-before-codec.jsonl")
                    .toURI()));
    assertThat(lines).hasSize(6).anySatisfy(l -> assertThat(l).contains("\"change\":{\"from\":"));
    List<UndoRecord> read = new ArrayList<>();
    for (String line : lines) {
      read.add(UndoRecord.fromJson(line.getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(read)
        .extracting(UndoRecord::kind)
        .containsExactly("write-file", "write-file", "create-symlink", "remove", "rename", "chmod");
    assertThat(read.get(4).touched())
        .extracting(Touched::path)
        .containsExactly("/etc/rc2.d/S20telnetd", "/etc/rc2.d/K80telnetd");
    assertThat(read.get(4).touched().get(1).after())
        .isEqualTo(Fingerprint.symlink("../init.d/telnetd"));
    assertThat(read.get(0).touched().getFirst().before())
        .isInstanceOfSatisfying(
            Node.Regular.class,
            f ->
                assertThat(f.content())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("telnet stream tcp\n"));
  }

  @Test
  void aChangeAboutOtherPathsThanTheRecordsIsRefused() {
    var record =
        new UndoRecord(
            1,
            "rename",
            "rename /etc/a -> /etc/b",
            List.of(
                new Touched("/etc/a", ".ajar.abcdef.1.0", Node.ABSENT, Fingerprint.ABSENT),
                new Touched("/etc/b", ".ajar.abcdef.1.1", Node.ABSENT, Fingerprint.ABSENT)));
    assertThatThrownBy(() -> UndoRecord.fromJson(record.toJson(new RenamePath("/etc/a", "/etc/c"))))
        .isInstanceOf(MalformedException.class)
        .hasMessage("the change is about /etc/a and /etc/c, its paths are not");
    assertThatThrownBy(() -> UndoRecord.fromJson(record.toJson(new RemovePath("/etc/a"))))
        .hasMessage("field change.kind is 'remove', the record's is 'rename'");
  }

  @Test
  void whatIsWrongIsNamed() {
    assertThatThrownBy(
            () ->
                UndoRecord.fromJson(
                    "{\"format\":\"ajar.journal.record/1\",\"kind\":\"remove\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedException.class)
        .hasMessage("missing field paths");
    assertThatThrownBy(
            () ->
                UndoRecord.fromJson(
                    "{\"format\":\"ajar.journal.record/9\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("written by another version of ajar");
    assertThatThrownBy(
            () ->
                UndoRecord.fromJson(
                    ("{\"format\":\"ajar.journal.record/1\",\"kind\":\"remove\","
                         + "\"seq\":1,\"summary\":\"s\",\"paths\":[{\"path\":\"/etc/x\",\"temp\":\"t\",\"before\":{\"type\":"
                         + "\"file\",\"sha256\":\""
                            + "00".repeat(32)
                            + "\",\"size\":1,\"mode\":\"0644\",\"uid\":0,\"gid\":0,"
                            + "\"mtime\":\"2001-01-01T00:00:00Z\",\"atime\":\"2001-01-01T00:00:00Z\",\"nlink\":1,"
                            + "\"content\":\"eA==\"},\"after\":{\"type\":\"absent\"}}]}")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage("content does not match its sha256");
    assertThatThrownBy(() -> UndoRecord.fromJson("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("not a JSON object");
    assertThatThrownBy(() -> UndoRecord.fromJson("{\"format\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedException.class);
  }
}
