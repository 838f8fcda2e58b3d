package io.platformlogger.examples.customsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileSinkTest {
  @TempDir Path dir;

  private static List<LogEntry> entries(int from, int count, String padding) {
    List<LogEntry> list = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      list.add(
          LogEntry.builder()
              .timestamp(Instant.parse("2026-11-30T10:00:00Z").plusMillis(i))
              .level(Level.INFO)
              .service("svc")
              .message("entry " + i + " " + padding)
              .build());
    }
    return list;
  }

  private static List<String> messages(List<LogEntry> entries) {
    return entries.stream().map(LogEntry::message).toList();
  }

  @Test
  void rotatesBeforeAFileWouldPassItsSizeAndNeverSplitsAnEntry() throws Exception {
    List<LogEntry> written = entries(0, 40, "x".repeat(200));
    try (RotatingFileSink sink = new RotatingFileSink(dir, "app", 2_000, 1_000)) {
      sink.write(written.subList(0, 25));
      sink.write(written.subList(25, 40));

      List<Path> files = sink.files();
      assertThat(files).hasSizeGreaterThan(4);
      for (Path f : files) {
        assertThat(Files.size(f)).isLessThanOrEqualTo(2_000);
        assertThat(Files.readString(f)).endsWith("\n");
      }
      assertThat(messages(RotatingFileSinkContractTest.readAll(files))).isEqualTo(messages(written));
    }
  }

  @Test
  void keepsOnlyTheNewestFilesAndDeletesTheOldest() throws Exception {
    try (RotatingFileSink sink = new RotatingFileSink(dir, "app", 1_000, 3)) {
      for (int i = 0; i < 20; i++) {
        sink.write(entries(i * 5, 5, "y".repeat(150)));
      }
      List<Path> files = sink.files();
      assertThat(files).hasSize(3);
      List<String> kept = messages(RotatingFileSinkContractTest.readAll(files));
      assertThat(kept.get(kept.size() - 1)).startsWith("entry 99 ");
      assertThat(kept).noneMatch(m -> m.startsWith("entry 0 "));
      assertThat(files.get(0).getFileName().toString()).isNotEqualTo("app-000001.ndjson");
    }
  }

  @Test
  void anEntryLargerThanTheLimitGetsAFileOfItsOwn() throws Exception {
    try (RotatingFileSink sink = new RotatingFileSink(dir, "app", 500, 10)) {
      sink.write(entries(0, 1, "small"));
      sink.write(entries(1, 1, "z".repeat(5_000)));
      sink.write(entries(2, 1, "small"));

      List<Path> files = sink.files();
      assertThat(files).hasSize(3);
      assertThat(Files.size(files.get(1))).isGreaterThan(5_000);
    }
  }

  @Test
  void appendsToTheNewestFileAfterARestart() throws Exception {
    try (RotatingFileSink first = new RotatingFileSink(dir, "app", 10_000, 10)) {
      first.write(entries(0, 3, ""));
    }
    try (RotatingFileSink second = new RotatingFileSink(dir, "app", 10_000, 10)) {
      second.write(entries(3, 1, ""));

      assertThat(second.files()).extracting(p -> p.getFileName().toString()).containsExactly("app-000001.ndjson");
      assertThat(messages(RotatingFileSinkContractTest.readAll(second.files())))
          .containsExactly("entry 0 ", "entry 1 ", "entry 2 ", "entry 3 ");
    }
  }

  @Test
  void continuesTheNumberingAfterARestartInsteadOfOverwriting() throws Exception {
    try (RotatingFileSink first = new RotatingFileSink(dir, "app", 1_000, 10)) {
      first.write(entries(0, 12, "w".repeat(100)));
    }
    int before;
    try (RotatingFileSink second = new RotatingFileSink(dir, "app", 1_000, 10)) {
      before = second.files().size();
      second.write(entries(12, 1, "v".repeat(2_000))); // larger than the limit: a new file

      assertThat(second.files()).hasSize(before + 1);
      assertThat(messages(RotatingFileSinkContractTest.readAll(second.files())))
          .hasSize(13)
          .last()
          .asString()
          .startsWith("entry 12 ");
    }
  }

  @Test
  void ignoresFilesThatAreNotItsOwn() throws Exception {
    Files.writeString(dir.resolve("other-000009.ndjson"), "not ours\n");
    Files.writeString(dir.resolve("app-notanumber.ndjson"), "not ours\n");
    try (RotatingFileSink sink = new RotatingFileSink(dir, "app", 10_000, 10)) {
      sink.write(entries(0, 2, ""));
      assertThat(sink.files()).extracting(p -> p.getFileName().toString()).containsExactly("app-000001.ndjson");
    }
  }

  @Test
  void touchesNothingBeforeTheFirstWrite() throws Exception {
    Path missing = dir.resolve("not-yet");
    new RotatingFileSink(missing, "app", 10, 1).close();
    assertThat(missing).doesNotExist();
  }

  @Test
  void refusesWritesAfterClose() throws Exception {
    RotatingFileSink sink = new RotatingFileSink(dir, "app", 10_000, 10);
    sink.close();
    assertThatThrownBy(() -> sink.write(entries(0, 1, ""))).isInstanceOf(IllegalStateException.class);
  }
}
