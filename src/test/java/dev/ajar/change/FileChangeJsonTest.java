package dev.ajar.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ajar.change.FileChangeJson.Content;
import dev.ajar.change.JsonTree.MalformedException;
import dev.ajar.change.JsonTree.Obj;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one JSON form of a change: every kind round trips; the journal's form has the same names. */
class FileChangeJsonTest {
  static final byte[] BINARY = {0, (byte) 0xff, (byte) 0xc3, '\n', 'x'};

  static final List<FileChange> EVERY_KIND =
      List.of(
          new WriteFile(
              "/etc/inetd.conf", "#telnet\tstream\n\"é\" \\\n".getBytes(StandardCharsets.UTF_8)),
          new WriteFile("/etc/binary", BINARY, 0640),
          new WriteFile("/etc/empty", new byte[0], null),
          new CreateSymlink("/etc/systemd/system/telnet.socket", "/dev/null"),
          new RemovePath("/etc/rc3.d/S20telnetd"),
          new RenamePath("/etc/rc2.d/S20telnetd", "/etc/rc2.d/K80telnetd"),
          new ChangeMode("/usr/sbin/in.rlogind", 04755 & ~06000));

  static String json(FileChange change, Content content) {
    return new String(
            JsonTree.write(
                g -> {
                  g.writeStartObject();
                  FileChangeJson.writeFields(g, change, content);
                  g.writeEndObject();
                }),
            StandardCharsets.UTF_8)
        .strip();
  }

  static Obj tree(String json) throws MalformedException {
    return JsonTree.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyKindReadsBackEqual() throws MalformedException {
    for (FileChange change : EVERY_KIND) {
      assertThat(FileChangeJson.read(tree(json(change, Content.INLINE))))
          .as(change.describe())
          .isEqualTo(change);
    }
  }

  @Test
  void oneSetOfNamesForThePlanAndTheJournal() {
    FileChange rename = new RenamePath("/etc/rc2.d/S20telnetd", "/etc/rc2.d/K80telnetd");
    String expected =
        "{\"kind\":\"rename\",\"path\":\"/etc/rc2.d/S20telnetd\",\"to\":\"/etc/rc2.d/K80telnetd\"}";
    assertThat(json(rename, Content.INLINE)).isEqualTo(expected);
    assertThat(json(rename, Content.DIGEST)).isEqualTo(expected);
    assertThat(
            json(new WriteFile("/etc/x", "new\n".getBytes(StandardCharsets.UTF_8)), Content.INLINE))
        .isEqualTo(
            "{\"kind\":\"write-file\",\"path\":\"/etc/x\",\"text\":\"new\\n\",\"mode\":null}");
    assertThat(json(new WriteFile("/etc/x", BINARY, 0640), Content.INLINE))
        .isEqualTo(
            "{\"kind\":\"write-file\",\"path\":\"/etc/x\",\"base64\":\"AP/DCng=\",\"mode\":\"0640\"}");
    assertThat(json(new WriteFile("/etc/x", BINARY, 0640), Content.DIGEST))
        .isEqualTo(
            "{\"kind\":\"write-file\",\"path\":\"/etc/x\",\"size\":5,\"sha256\":\""
                + Hashes.sha256(BINARY)
                + "\",\"mode\":\"0640\"}");
    assertThat(json(new ChangeMode("/usr/sbin/in.rlogind", 0), Content.DIGEST))
        .isEqualTo("{\"kind\":\"chmod\",\"path\":\"/usr/sbin/in.rlogind\",\"mode\":\"0000\"}");
  }

  @Test
  void theJournalsPathsOfEveryKindInBothSpellings() throws MalformedException {
    for (FileChange change : EVERY_KIND) {
      List<String> paths =
          change instanceof RenamePath r ? List.of(r.path(), r.to()) : List.of(change.path());
      assertThat(
              FileChangeJson.recordedPaths(
                  tree(json(change, Content.DIGEST)), FileChangeJson.kind(change)))
          .as(change.describe())
          .isEqualTo(paths);
    }
    // As records written before this codec have it: no kind, a rename's source named "from".
    assertThat(
            FileChangeJson.recordedPaths(
                tree("{\"from\":\"/etc/rc2.d/S20t\",\"to\":\"/etc/rc2.d/K80t\"}"), "rename"))
        .containsExactly("/etc/rc2.d/S20t", "/etc/rc2.d/K80t");
    assertThat(
            FileChangeJson.recordedPaths(
                tree("{\"path\":\"/etc/x\",\"size\":1,\"sha256\":\"00\"}"), "write-file"))
        .containsExactly("/etc/x");
  }

  @Test
  void aRecordedChangeOfAnotherKindOrWithoutItsPathIsRefused() {
    assertThatThrownBy(
            () ->
                FileChangeJson.recordedPaths(
                    tree("{\"kind\":\"remove\",\"path\":\"/etc/x\"}"), "chmod"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("field kind is 'remove', the record's is 'chmod'");
    assertThatThrownBy(() -> FileChangeJson.recordedPaths(tree("{\"to\":\"/etc/y\"}"), "rename"))
        .hasMessage("missing field path");
  }

  @Test
  void aPlanReaderRefusesTheJournalsDigestForm() {
    assertThatThrownBy(
            () -> FileChangeJson.read(tree(json(new WriteFile("/etc/x", BINARY), Content.DIGEST))))
        .isInstanceOf(MalformedException.class)
        .hasMessage("unknown field size");
  }

  @Test
  void preconditionsRoundTrip() throws MalformedException {
    for (Precondition p :
        List.of(
            Precondition.absent(),
            Precondition.content(BINARY),
            Precondition.symlinkTo("../init.d/telnetd"))) {
      String json =
          new String(JsonTree.write(g -> FileChangeJson.write(g, p)), StandardCharsets.UTF_8);
      assertThat(FileChangeJson.readPrecondition(tree(json))).isEqualTo(p);
    }
  }

  @Test
  void textOnlyForValidUtf8() {
    assertThat(FileChangeJson.text("é\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("é\n");
    assertThat(FileChangeJson.text(BINARY)).isNull();
  }
}
