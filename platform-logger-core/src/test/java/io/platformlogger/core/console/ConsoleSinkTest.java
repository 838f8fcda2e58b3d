package io.platformlogger.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {
  private static final Instant T = Instant.parse("2026-11-22T08:12:31.123Z");

  private static LogEntry entry(Level level, String message) {
    return LogEntry.builder().timestamp(T).level(level).message(message).build();
  }

  private static ConsoleSink sink(ColorMode mode, Map<String, String> env, boolean terminal,
      StringBuilder out) {
    return new ConsoleSink(ConsoleSink.builder().color(mode).output(out), env::get, terminal);
  }

  @Test
  void hasSensibleDefaults() {
    ConsoleSink sink = ConsoleSink.builder().build();

    assertThat(sink.name()).isEqualTo("console");
    assertThat(sink.idempotent()).isFalse();
    assertThat(sink.maxBatchSize()).isPositive();
  }

  @Test
  void coloursEachLevelWhenColourIsAlwaysOn() throws Exception {
    StringBuilder out = new StringBuilder();
    ConsoleSink sink = sink(ColorMode.ALWAYS, Map.of(), false, out);

    sink.write(
        List.of(
            entry(Level.ERROR, "e"),
            entry(Level.WARN, "w"),
            entry(Level.INFO, "i"),
            entry(Level.DEBUG, "d"),
            entry(Level.TRACE, "t")));

    assertThat(out.toString().split("\n"))
        .containsExactly(
            "2026-11-22T08:12:31.123Z \u001b[31mERROR\u001b[0m e",
            "2026-11-22T08:12:31.123Z \u001b[33mWARN\u001b[0m  w",
            "2026-11-22T08:12:31.123Z \u001b[32mINFO\u001b[0m  i",
            "2026-11-22T08:12:31.123Z \u001b[36mDEBUG\u001b[0m d",
            "2026-11-22T08:12:31.123Z \u001b[90mTRACE\u001b[0m t");
  }

  @Test
  void neverColoursWhenColourIsOff() throws Exception {
    StringBuilder out = new StringBuilder();
    ConsoleSink sink = sink(ColorMode.NEVER, Map.of("TERM", "xterm-256color"), true, out);

    sink.write(List.of(entry(Level.ERROR, "e")));

    assertThat(out.toString()).doesNotContain("\u001b");
    assertThat(sink.colorEnabled()).isFalse();
  }

  @Test
  void autoColoursOnlyATerminalWithoutNoColorAndNotDumb() {
    assertThat(ConsoleSink.colorEnabled(ColorMode.AUTO, Map.of("TERM", "xterm")::get, true))
        .isTrue();
    assertThat(ConsoleSink.colorEnabled(ColorMode.AUTO, Map.<String, String>of()::get, true))
        .as("TERM unset, as on Windows")
        .isTrue();
    assertThat(ConsoleSink.colorEnabled(ColorMode.AUTO, Map.of("TERM", "xterm")::get, false))
        .as("not a terminal")
        .isFalse();
    assertThat(ConsoleSink.colorEnabled(ColorMode.AUTO, Map.of("NO_COLOR", "1")::get, true))
        .as("NO_COLOR set")
        .isFalse();
    assertThat(ConsoleSink.colorEnabled(ColorMode.AUTO, Map.of("NO_COLOR", "")::get, true))
        .as("NO_COLOR empty counts as unset")
        .isTrue();
    assertThat(ConsoleSink.colorEnabled(ColorMode.AUTO, Map.of("TERM", "dumb")::get, true))
        .as("dumb terminal")
        .isFalse();
  }

  @Test
  void alwaysAndNeverIgnoreTheEnvironment() {
    assertThat(ConsoleSink.colorEnabled(ColorMode.ALWAYS, Map.of("NO_COLOR", "1")::get, false))
        .isTrue();
    assertThat(ConsoleSink.colorEnabled(ColorMode.NEVER, Map.of("TERM", "xterm")::get, true))
        .isFalse();
  }

  @Test
  void autoColourDecidesFromTheInjectedEnvironmentAndTerminal() throws Exception {
    StringBuilder on = new StringBuilder();
    StringBuilder noColor = new StringBuilder();
    sink(ColorMode.AUTO, Map.of("TERM", "xterm"), true, on).write(List.of(entry(Level.INFO, "x")));
    sink(ColorMode.AUTO, Map.of("NO_COLOR", "yes"), true, noColor)
        .write(List.of(entry(Level.INFO, "x")));

    assertThat(on.toString()).contains("\u001b[32mINFO\u001b[0m");
    assertThat(noColor.toString()).doesNotContain("\u001b");
  }

  @Test
  void anEnvironmentThatCannotBeReadCountsAsUnset() {
    assertThat(
            ConsoleSink.colorEnabled(
                ColorMode.AUTO,
                name -> {
                  throw new SecurityException("no");
                },
                true))
        .isTrue();
  }

  @Test
  void autoDoesNotColourAStreamThatIsNotStandardOutput() {
    ConsoleSink sink = ConsoleSink.builder().output(new ByteArrayOutputStream()).build();

    assertThat(sink.colorEnabled()).isFalse();
  }

  @Test
  void writesTheWholeBatchAndThenFlushesOnce() throws Exception {
    RecordingWriter out = new RecordingWriter();
    ConsoleSink sink = ConsoleSink.builder().color(ColorMode.NEVER).output(out).build();

    sink.write(List.of(entry(Level.INFO, "a"), entry(Level.INFO, "b"), entry(Level.INFO, "c")));

    assertThat(out.flushes).isEqualTo(1);
    assertThat(out.writes).isEqualTo(1);
    assertThat(out.textAtLastFlush).hasLineCount(3).contains(" a\n", " b\n", " c\n");
  }

  @Test
  void writesUtf8ToARawOutputStream() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleSink sink = ConsoleSink.builder().output(bytes).build();

    sink.write(List.of(entry(Level.INFO, "Zürich 订单 👩‍💻")));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith(" Zürich 订单 👩‍💻\n");
  }

  @Test
  void closeFlushesIsIdempotentAndLeavesTheStreamOpen() throws Exception {
    TrackingStream target = new TrackingStream();
    ConsoleSink sink = ConsoleSink.builder().output((OutputStream) target).build();
    sink.write(List.of(entry(Level.INFO, "a")));

    sink.close();
    sink.close();

    assertThat(target.closed).isFalse();
    assertThat(target.flushes).isPositive();
    assertThat(target.toString(StandardCharsets.UTF_8)).endsWith(" a\n");
  }

  @Test
  void writeAfterCloseThrowsIllegalStateException() throws Exception {
    ConsoleSink sink = ConsoleSink.builder().output(new StringBuilder()).build();
    sink.close();

    assertThatThrownBy(() -> sink.write(List.of(entry(Level.INFO, "late"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void defaultSinkWritesToTheCurrentSystemOutAndNeverClosesIt() throws Exception {
    PrintStream original = System.out;
    TrackingStream target = new TrackingStream();
    PrintStream captured = new PrintStream(target, true, StandardCharsets.UTF_8);
    System.setOut(captured);
    try {
      ConsoleSink sink = ConsoleSink.builder().color(ColorMode.NEVER).build();
      sink.write(List.of(entry(Level.INFO, "to stdout")));
      sink.close();
      captured.print("still open");
      captured.flush();
    } finally {
      System.setOut(original);
    }

    assertThat(target.closed).isFalse();
    assertThat(captured.checkError()).isFalse();
    assertThat(target.toString(StandardCharsets.UTF_8)).endsWith(" to stdout\nstill open");
  }

  @Test
  void stderrFallbackPrintsPrettyLinesToTheCurrentSystemErr() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    System.setErr(new PrintStream(target, true, StandardCharsets.UTF_8));
    try {
      ConsoleSink fallback = ConsoleSink.stderrFallback();
      fallback.write(List.of(entry(Level.WARN, "sink postgres failed")));
      fallback.close();
    } finally {
      System.setErr(original);
    }

    assertThat(target.toString(StandardCharsets.UTF_8))
        .isEqualTo("2026-11-22T08:12:31.123Z WARN  sink postgres failed\n");
  }

  @Test
  void anErrorSwallowedByAPrintStreamSurfacesFromWrite() {
    PrintStream broken = new PrintStream(new FailingStream(), true, StandardCharsets.UTF_8);
    ConsoleSink sink = ConsoleSink.builder().output(broken).build();

    assertThatThrownBy(() -> sink.write(List.of(entry(Level.INFO, "x"))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anErrorFromARawStreamSurfacesFromWrite() {
    ConsoleSink sink = ConsoleSink.builder().output((OutputStream) new FailingStream()).build();

    assertThatThrownBy(() -> sink.write(List.of(entry(Level.INFO, "x"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("disk full");
  }

  @Test
  void concurrentBatchesNeverInterleave() throws Exception {
    StringBuilder out = new StringBuilder();
    ConsoleSink sink = ConsoleSink.builder().color(ColorMode.NEVER).output(out).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String thread = "t" + t;
        futures.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < 50; b++) {
                    List<LogEntry> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                      batch.add(entry(Level.INFO, thread + " " + b + " " + i));
                    }
                    sink.write(batch);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    // Each line's message is "thread batch index"; a batch's ten lines must be adjacent.
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(4 * 50 * 10);
    for (int i = 0; i < lines.length; i += 10) {
      String[] first = lines[i].substring(lines[i].indexOf("INFO  ") + 6).split(" ");
      for (int j = 0; j < 10; j++) {
        assertThat(lines[i + j]).endsWith(" INFO  " + first[0] + " " + first[1] + " " + j);
      }
    }
  }

  private static final class RecordingWriter extends Writer {
    private final StringBuilder text = new StringBuilder();
    int writes;
    int flushes;
    String textAtLastFlush = "";

    @Override
    public void write(char[] cbuf, int off, int len) {
      writes++;
      text.append(cbuf, off, len);
    }

    @Override
    public Writer append(CharSequence csq) {
      writes++;
      text.append(csq);
      return this;
    }

    @Override
    public void flush() {
      flushes++;
      textAtLastFlush = text.toString();
    }

    @Override
    public void close() {}
  }

  private static final class TrackingStream extends ByteArrayOutputStream {
    boolean closed;
    int flushes;

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final class FailingStream extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("disk full");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      throw new IOException("disk full");
    }
  }
}
