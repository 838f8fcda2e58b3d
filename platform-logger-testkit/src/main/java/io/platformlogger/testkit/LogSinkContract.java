package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSink;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LogSink} must show, as JUnit 5 tests a sink's author inherits:
 *
 * <pre>{@code
 * class MySinkContractTest extends LogSinkContract {
 *   protected LogSink createSink() { return new MySink(...); }
 *   protected List<LogEntry> storedEntries(LogSink sink) { return readBackFromTheStore(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh sink from {@link #createSink()}, writes to it, calls {@code flush()},
 * {@link #awaitStored} and then reads back through {@link #storedEntries}; the sink is closed after
 * each test. Stored entries are compared with {@link #assertStoredEntry}, which names the first
 * differing field. See docs/writing-a-sink.md.
 *
 * <p>The tests write from several threads at once (so sinks must be thread-safe) and build their
 * entries on the test thread in order, so their ids ascend in writing order: a store without an
 * order may return its entries sorted by id.
 */
public abstract class LogSinkContract {
  private static final int MAX_TESTED_BATCH = 100_000;
  private static final String FILLER =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-";

  private LogSink sink;

  /** A fresh, empty sink for one test. */
  protected abstract LogSink createSink() throws Exception;

  /**
   * Everything {@code sink} stored, in stored order (or sorted by id for a store without an
   * order), read back from the store itself. Must also work after the sink is closed.
   */
  protected abstract List<LogEntry> storedEntries(LogSink sink) throws Exception;

  /**
   * Waits until at least {@code expectedCount} entries are visible, for stores that make writes
   * visible asynchronously (a search index's refresh, a topic's consumer). Called after {@code
   * flush()} and before {@link #storedEntries}. Default: nothing to wait for.
   */
  protected void awaitStored(LogSink sink, int expectedCount) throws Exception {}

  /** Length of the message in {@link #storesALargeMessageIntact()}. Default 1 MiB of chars. */
  protected int largeMessageChars() {
    return 1_048_576;
  }

  /**
   * The precision at which the store keeps timestamps; the tests' timestamps are truncated to it.
   * Default microseconds (as in PostgreSQL); return {@link ChronoUnit#MILLIS} for a store that
   * keeps milliseconds.
   */
  protected ChronoUnit timestampPrecision() {
    return ChronoUnit.MICROS;
  }

  /**
   * Asserts that {@code stored} is {@code expected}. Default: every field equal, failing with the
   * first differing field named. Override only for a store that by design keeps less.
   */
  protected void assertStoredEntry(LogEntry expected, LogEntry stored) {
    LogEntryDiff.assertSameEntry(expected, stored);
  }

  /** The sink of the current test. */
  protected final LogSink sink() {
    return sink;
  }

  /**
   * A builder for a test entry: INFO, the message, a timestamp at {@link #timestampPrecision()},
   * service and logger name set. Build entries in writing order: their ids ascend.
   */
  protected LogEntry.Builder entry(String message) {
    return LogEntry.builder()
        .timestamp(Instant.now().truncatedTo(timestampPrecision()))
        .level(Level.INFO)
        .message(message)
        .service("contract-test")
        .loggerName("io.platformlogger.testkit.LogSinkContract");
  }

  @BeforeEach
  public void createSinkForTest() throws Exception {
    sink = createSink();
    assertThat(sink).as("createSink()").isNotNull();
  }

  @AfterEach
  public void closeSinkAfterTest() throws Exception {
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  public void hasANonBlankName() {
    assertThat(sink.name()).as("name()").isNotBlank();
  }

  @Test
  public void maxBatchSizeIsPositive() {
    assertThat(sink.maxBatchSize()).as("maxBatchSize()").isPositive();
  }

  @Test
  public void deliversABatchCompleteAndInOrder() throws Exception {
    List<LogEntry> batch = numbered("single", 10);

    sink.write(batch);

    assertStoredExactly(batch);
  }

  @Test
  public void keepsTheOrderOfSeveralBatches() throws Exception {
    List<LogEntry> all = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      List<LogEntry> batch = numbered("batch " + b, 7);
      sink.write(batch);
      all.addAll(batch);
    }

    assertStoredExactly(all);
  }

  /**
   * Sends batches the way the pipeline does for a sink that acknowledges asynchronously: up to
   * {@code maxBatchesInFlight()} (at most 3 here) sent and not yet awaited, the oldest awaited when
   * that many are on their way, then a {@code flush()} and the rest awaited in order. For a sink
   * that keeps the default {@code send} (write, then a done delivery) this is a plain write.
   */
  @Test
  public void sentBatchesAreStoredInOrderOnceTheirDeliveriesReturn() throws Exception {
    int window = Math.max(1, Math.min(sink.maxBatchesInFlight(), 3));
    List<LogEntry> all = new ArrayList<>();
    ArrayDeque<Delivery> unawaited = new ArrayDeque<>();
    for (int b = 0; b < window + 3; b++) {
      if (unawaited.size() >= window) {
        unawaited.poll().await();
      }
      List<LogEntry> batch = numbered("sent " + b, 5);
      Delivery delivery = sink.send(batch);
      assertThat(delivery).as("the Delivery send(batch %d) returned", b).isNotNull();
      unawaited.add(delivery);
      all.addAll(batch);
    }
    sink.flush();
    while (!unawaited.isEmpty()) {
      unawaited.poll().await();
    }

    assertStoredExactly(all);
  }

  @Test
  public void aRetriedBatchIsStoredOnceWhenIdempotentAndAtLeastOnceOtherwise() throws Exception {
    List<LogEntry> batch = numbered("retried", 10);

    sink.write(batch);
    sink.write(batch);

    if (sink.idempotent()) {
      assertStoredExactly(batch);
      return;
    }
    List<LogEntry> stored = readStored(batch.size());
    Map<String, LogEntry> byId = byId(batch);
    for (LogEntry s : stored) {
      LogEntry expected = byId.get(s.id());
      if (expected == null) {
        fail("stored an entry that was never written: " + s);
      }
      assertStoredEntry(expected, s);
    }
    assertThat(stored.stream().map(LogEntry::id).collect(Collectors.toSet()))
        .as("ids stored after a retry of a non-idempotent sink (each at least once)")
        .containsAll(byId.keySet());
    assertThat(stored).as("entries stored after writing 10 twice").hasSizeLessThanOrEqualTo(20);
  }

  @Test
  public void storesEveryEntryFromConcurrentWritersKeepingEachWritersOrder() throws Exception {
    int writers = 4;
    int batchesPerWriter = 20;
    int batchSize = 25;
    List<List<List<LogEntry>>> plan = new ArrayList<>();
    Map<String, LogEntry> written = new LinkedHashMap<>();
    for (int w = 0; w < writers; w++) {
      List<List<LogEntry>> batches = new ArrayList<>();
      for (int b = 0; b < batchesPerWriter; b++) {
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
          LogEntry e =
              entry("writer " + w + " batch " + b + " entry " + i)
                  .putData("writer", (long) w)
                  .putData("seq", (long) (b * batchSize + i))
                  .build();
          batch.add(e);
          written.put(e.id(), e);
        }
        batches.add(batch);
      }
      plan.add(batches);
    }

    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (List<List<LogEntry>> batches : plan) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (List<LogEntry> batch : batches) {
                    sink.write(batch);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<LogEntry> stored = readStored(written.size());
    assertThat(stored.size())
        .as("number of entries stored by %d concurrent writers", writers)
        .isEqualTo(written.size());
    for (LogEntry s : stored) {
      LogEntry expected = written.get(s.id());
      if (expected == null) {
        fail("stored an entry that was never written: " + s);
      }
      assertStoredEntry(expected, s);
    }
    for (int w = 0; w < writers; w++) {
      Object writer = (long) w;
      List<String> expectedOrder =
          plan.get(w).stream().flatMap(List::stream).map(LogEntry::id).collect(Collectors.toList());
      List<String> storedOrder =
          stored.stream()
              .filter(e -> writer.equals(e.data().get("writer")))
              .map(LogEntry::id)
              .collect(Collectors.toList());
      assertThat(storedOrder).as("ids of writer %d in stored order", w).isEqualTo(expectedOrder);
    }
  }

  @Test
  public void storesALargeMessageIntact() throws Exception {
    int length = largeMessageChars();
    StringBuilder message = new StringBuilder(length + 64);
    // A position stamp every 64 characters makes a dropped or repeated chunk visible.
    for (int pos = 0; message.length() < length; pos += 64) {
      String stamp = "@" + pos + ":";
      message.append(stamp).append(FILLER, 0, 64 - stamp.length());
    }
    message.setLength(length);
    LogEntry large = entry(message.toString()).build();

    sink.write(List.of(large));

    assertStoredExactly(List.of(large));
  }

  @Test
  public void storesNonAsciiAndEmojiIntact() throws Exception {
    String text =
        "订单已创建 — مرحبا بالعالم (RTL) — e\u0301 n\u0303 a\u0308\u0304 — "
            + "👩‍💻 👨‍👩‍👧‍👦 🏳️‍🌈 🇯🇵 — Ωmega ß Ǆ ﬁ";
    LogEntry e =
        entry(text)
            .putData("城市", "Zürich 👋")
            .putData("نص", text)
            .tenantSlug("café-ü")
            .userId("用户-1")
            .build();

    sink.write(List.of(e));

    assertStoredExactly(List.of(e));
  }

  @Test
  public void storesControlCharactersExactlyAndNulExactlyOrAsReplacementCharacter()
      throws Exception {
    StringBuilder controls = new StringBuilder("start:");
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    controls.append('\u007f');
    for (char c = 0x80; c <= 0x9f; c++) {
      controls.append(c);
    }
    controls.append("\u2028\u2029\r\n\u001b[31m red \u001b[0m:end");
    String exact = controls.toString();
    String replaced = exact.replace('\u0000', '\uFFFD');
    LogEntry written = entry(exact).putData("controls", exact).build();

    sink.write(List.of(written));

    List<LogEntry> stored = readStored(1);
    assertThat(stored).as("stored entries").hasSize(1);
    LogEntry s = stored.get(0);
    // NUL may be stored as is or replaced by U+FFFD (PostgreSQL text cannot hold it), in which
    // case the sink may say so in `sanitized` (markers ending in "nul_replaced"); every other
    // character must come back exactly.
    for (String marker : s.sanitized()) {
      assertThat(marker).as("sanitized marker of a stored entry").endsWith("nul_replaced");
    }
    LogEntry expected =
        written.toBuilder()
            .message(replaced.equals(s.message()) ? replaced : exact)
            .putData("controls", replaced.equals(s.data().get("controls")) ? replaced : exact)
            .sanitized(s.sanitized())
            .build();
    assertStoredEntry(expected, s);
  }

  @Test
  public void roundTripsEverySchemaField() throws Exception {
    LogEntry full = fullyPopulated();

    sink.write(List.of(full));

    assertStoredExactly(List.of(full));
  }

  @Test
  public void closeMakesEverythingWrittenVisibleAndIsIdempotent() throws Exception {
    List<LogEntry> batch = numbered("before close", 3);
    sink.write(batch);

    sink.close();
    sink.close();

    awaitStored(sink, batch.size());
    assertStoredInOrder(batch, storedEntries(sink));
  }

  @Test
  public void writeAfterCloseThrowsIllegalStateException() throws Exception {
    sink.close();

    List<LogEntry> late = numbered("after close", 1);
    Throwable thrown = catchThrowable(() -> sink.write(late));
    assertThat(thrown)
        .as("what write after close threw (it must throw IllegalStateException)")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  public void acceptsABatchOfExactlyMaxBatchSizeEntries() throws Exception {
    // Capped so a sink declaring a huge maximum does not exhaust the test's memory.
    int size = Math.min(sink.maxBatchSize(), MAX_TESTED_BATCH);
    List<LogEntry> batch = numbered("full batch", size);

    sink.write(batch);

    assertStoredExactly(batch);
  }

  /** An entry with every schema field set, {@code data} holding every normalized value type. */
  protected LogEntry fullyPopulated() {
    Map<String, Object> deep = new LinkedHashMap<>();
    deep.put("deep", Arrays.asList(1.5, "x", null));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("inner", deep);
    map.put("empty", Map.of());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("string", "text with \"quotes\" and \\ backslash");
    data.put("long", 9_007_199_254_740_993L); // 2^53 + 1: lost if a store goes through a double
    data.put("negative", -7L);
    data.put("double", 3.25);
    data.put("small", -0.001);
    data.put("bool", true);
    data.put("false", false);
    data.put("null", null);
    data.put("list", Arrays.asList(1L, "two", false, null, Map.of("k", "v")));
    data.put("emptyList", List.of());
    data.put("map", map);
    return entry("every field")
        .level(Level.WARN)
        .data(data)
        .service("billing")
        .environment(Environment.STAGING)
        .version("1.4.2")
        .region("eu-west-1")
        .instanceId("pod-7f9c")
        .eventType("order.placed")
        .stream("events")
        .tenantId("t-123")
        .tenantSlug("acme")
        .workspaceId("w-1")
        .projectId("p-9")
        .userId("u-42")
        .sessionId("s-77")
        .impersonatorId("op-5")
        .requestId("r-abc")
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .spanId("00f067aa0ba902b7")
        .sourceFile("OrderService.java")
        .sourceLine(42)
        .sourceClass("com.acme.OrderService")
        .sourceMethod("place")
        .action("checkout")
        .errorType("java.lang.IllegalStateException")
        .errorCode("E42")
        .errorStack(
            "java.lang.IllegalStateException: declined\n"
                + "\tat com.acme.OrderService.place(OrderService.java:42)\n")
        .errorSignature("a1b2c3d4e5f60718")
        .loggerName("com.acme.OrderService")
        .threadName("http-nio-8080-exec-1")
        .markers(List.of("AUDIT", "SECURITY"))
        .sanitized(List.of("message_truncated"))
        .build();
  }

  /** {@code count} entries with messages {@code "<prefix> <i>"} and {@code data.i = i}. */
  protected List<LogEntry> numbered(String prefix, int count) {
    List<LogEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(entry(prefix + " " + i).putData("i", (long) i).build());
    }
    return entries;
  }

  /** Flushes, waits for and reads the stored entries. */
  protected List<LogEntry> readStored(int expectedCount) throws Exception {
    sink.flush();
    awaitStored(sink, expectedCount);
    List<LogEntry> stored = storedEntries(sink);
    assertThat(stored).as("storedEntries()").isNotNull();
    return stored;
  }

  /** Asserts the store holds exactly {@code expected}, in order. */
  protected void assertStoredExactly(List<LogEntry> expected) throws Exception {
    assertStoredInOrder(expected, readStored(expected.size()));
  }

  private void assertStoredInOrder(List<LogEntry> expected, List<LogEntry> stored) {
    if (stored.size() != expected.size()) {
      Set<String> expectedIds = ids(expected);
      Set<String> storedIds = ids(stored);
      Set<String> missing = new HashSet<>(expectedIds);
      missing.removeAll(storedIds);
      Set<String> unexpected = new HashSet<>(storedIds);
      unexpected.removeAll(expectedIds);
      fail(
          "expected %d stored entries but found %d (%d missing, %d unexpected, %d duplicate);"
              + " first missing: %s",
          expected.size(),
          stored.size(),
          missing.size(),
          unexpected.size(),
          stored.size() - storedIds.size(),
          expected.stream().filter(e -> missing.contains(e.id())).findFirst().orElse(null));
    }
    for (int i = 0; i < expected.size(); i++) {
      LogEntry e = expected.get(i);
      LogEntry s = stored.get(i);
      if (!e.id().equals(s.id())) {
        int at = indexOfId(expected, s.id());
        fail(
            "stored entry %d is %s, expected %s (the stored one was written at position %d):"
                + " the order is not kept",
            i,
            describe(s),
            describe(e),
            at);
      }
      assertStoredEntry(e, s);
    }
  }

  private static String describe(LogEntry e) {
    String m = e.message();
    return e.id() + " \"" + (m.length() > 60 ? m.substring(0, 60) + "..." : m) + "\"";
  }

  private static int indexOfId(List<LogEntry> entries, String id) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static Set<String> ids(List<LogEntry> entries) {
    return entries.stream().map(LogEntry::id).collect(Collectors.toSet());
  }

  private static Map<String, LogEntry> byId(List<LogEntry> entries) {
    return entries.stream()
        .collect(
            Collectors.toMap(LogEntry::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }
}
