package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSinkException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemorySinkTest {
  private final InMemorySink sink = new InMemorySink();

  private static LogEntry entry(String message) {
    return LogEntry.builder().level(Level.INFO).message(message).build();
  }

  @Test
  void describesItselfAsAnIdempotentSinkNamedMemory() {
    assertThat(sink.name()).isEqualTo("memory");
    assertThat(sink.idempotent()).isTrue();
  }

  @Test
  void keepsARetriedEntryOnceAtItsFirstPosition() throws Exception {
    LogEntry a = entry("a");
    LogEntry b = entry("b");
    LogEntry c = entry("c");

    sink.write(List.of(a, b));
    sink.write(List.of(c, a));

    assertThat(sink.entries()).containsExactly(a, b, c);
  }

  @Test
  void entriesIsASnapshotThatLaterWritesDoNotChange() throws Exception {
    sink.write(List.of(entry("a")));
    List<LogEntry> snapshot = sink.entries();

    sink.write(List.of(entry("b")));

    assertThat(snapshot).hasSize(1);
    assertThat(sink.entries()).hasSize(2);
  }

  @Test
  void clearForgetsEntriesAndTheirIds() throws Exception {
    LogEntry a = entry("a");
    sink.write(List.of(a));

    sink.clear();
    assertThat(sink.entries()).isEmpty();
    sink.write(List.of(a));

    assertThat(sink.entries()).containsExactly(a);
  }

  @Test
  void failNextMakesExactlyThatManyWritesThrowWithoutStoring() throws Exception {
    LogSinkException failure = LogSinkException.retryable("server down", new IOException("eof"));
    sink.failNext(2, failure);
    LogEntry a = entry("a");

    assertThatThrownBy(() -> sink.write(List.of(a))).isSameAs(failure);
    assertThatThrownBy(() -> sink.write(List.of(a))).isSameAs(failure);
    sink.write(List.of(a));

    assertThat(sink.entries()).containsExactly(a);
    assertThat(sink.writeCount()).isEqualTo(3);
  }

  @Test
  void failNextRejectsANegativeCount() {
    assertThatThrownBy(() -> sink.failNext(-1, new IOException("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blockedWritesWaitUntilUnblocked() throws Exception {
    sink.blockWrites();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      LogEntry a = entry("a");
      Future<?> write = pool.submit(() -> {
        sink.write(List.of(a));
        return null;
      });

      sink.awaitBlockedWrite();
      assertThat(write).isNotDone();
      assertThat(sink.entries()).isEmpty();
      assertThat(sink.writeCount()).isEqualTo(1);

      sink.unblockWrites();
      write.get();
      assertThat(sink.entries()).containsExactly(a);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeReleasesABlockedWriteWhichThenThrows() throws Exception {
    sink.blockWrites();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> write = pool.submit(() -> {
        sink.write(List.of(entry("a")));
        return null;
      });
      sink.awaitBlockedWrite();

      sink.close();

      assertThatThrownBy(write::get).hasCauseInstanceOf(IllegalStateException.class);
      assertThat(sink.entries()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writeAfterCloseThrowsButEntriesStayReadable() throws Exception {
    LogEntry a = entry("a");
    sink.write(List.of(a));

    sink.close();
    sink.close();

    assertThatThrownBy(() -> sink.write(List.of(entry("late"))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(sink.entries()).containsExactly(a);
  }
}
