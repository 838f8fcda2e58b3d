package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresLogStoreTest {
  private static final Instant BASE = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final List<LogEntry> ALL = new ArrayList<>();
  private static String schema;
  private static PostgresLogStore store;

  private static LogEntry add(int second, Level level, String tenant, String message, UnaryOperator<LogEntry.Builder> more) {
    LogEntry e = more.apply(LogEntry.builder()
        .timestamp(BASE.plusSeconds(second)).level(level).tenantId(tenant).message(message)
        .service("checkout").environment(Environment.PRODUCTION).loggerName("com.acme.Checkout")).build();
    ALL.add(e);
    return e;
  }

  @BeforeAll
  static void storeFixture() throws Exception {
    add(1, Level.INFO, "t1", "order 1 placed", b -> b.traceId(TRACE).requestId("r-1").eventType("order.placed")
        .data(Map.of("amount", 42.5)));
    add(2, Level.WARN, "t1", "payment retry scheduled, attempt \"2\"", b -> b.service("billing")
        .environment(Environment.STAGING).requestId("r-2").loggerName("com.acme.Billing"));
    add(3, Level.ERROR, "t1", "connection refused by gateway", b -> b.service("billing")
        .errorType("java.net.ConnectException").errorSignature("sig-a").errorStack("java.net.ConnectException: refused\n\tat A.b(A.java:1)"));
    add(4, Level.ERROR, "t1", "connection refused again", b -> b.errorType("java.net.ConnectException")
        .errorSignature("sig-a").errorStack("stack 4"));
    add(5, Level.ERROR, "t1", "disk full", b -> b.service("billing").userId("u-7").errorSignature("sig-b").errorStack("stack 5"));
    add(6, Level.DEBUG, "t1", "cache warm,\nline two", b -> b);
    add(7, Level.ERROR, "t2", "connection refused for the other tenant", b -> b.service("search")
        .errorSignature("sig-a").errorStack("stack 7"));
    add(8, Level.INFO, "t2", "order 2 placed", b -> b.eventType("order.placed"));
    for (int i = 0; i < 25; i++) {
      add(100, Level.INFO, "t3", "tied " + i, b -> b);
    }
    schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(ALL);
    }
    store = PostgresLogStore.of(TestDatabase.dataSource(), schema);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  private static List<String> messages(LogQuery q) throws Exception {
    return store.query(q).entries().stream().map(LogEntry::message).collect(Collectors.toList());
  }

  @Test
  void filtersByEveryField() throws Exception {
    LogQuery.Builder t1 = LogQuery.forTenant("t1");
    assertThat(messages(LogQuery.forTenant("t1").levels(Level.ERROR).build()))
        .containsExactly("disk full", "connection refused again", "connection refused by gateway");
    assertThat(messages(LogQuery.forTenant("t1").minLevel(Level.WARN).build())).hasSize(4);
    assertThat(messages(LogQuery.forTenant("t1").service("billing").build()))
        .containsExactly("disk full", "connection refused by gateway", "payment retry scheduled, attempt \"2\"");
    assertThat(messages(LogQuery.forTenant("t1").environment(Environment.STAGING).build()))
        .containsExactly("payment retry scheduled, attempt \"2\"");
    assertThat(messages(LogQuery.forTenant("t1").from(BASE.plusSeconds(2)).to(BASE.plusSeconds(4)).build()))
        .containsExactly("connection refused by gateway", "payment retry scheduled, attempt \"2\"");
    assertThat(messages(LogQuery.forTenant("t1").traceId(TRACE).build())).containsExactly("order 1 placed");
    assertThat(messages(LogQuery.forTenant("t1").requestId("r-2").build()))
        .containsExactly("payment retry scheduled, attempt \"2\"");
    assertThat(messages(LogQuery.allTenants().eventType("order.placed").build()))
        .containsExactly("order 2 placed", "order 1 placed");
    assertThat(messages(LogQuery.forTenant("t1").errorSignature("sig-a").build()))
        .containsExactly("connection refused again", "connection refused by gateway");
    assertThat(messages(LogQuery.forTenant("t1").loggerName("com.acme.Billing").build()))
        .containsExactly("payment retry scheduled, attempt \"2\"");
    assertThat(messages(t1.levels(Level.ERROR).service("checkout").errorSignature("sig-a").build()))
        .containsExactly("connection refused again");
  }

  @Test
  void filtersBySeveralServicesSeveralTenantsAndUser() throws Exception {
    assertThat(messages(LogQuery.forTenants(List.of("t1", "t2")).levels(Level.ERROR)
            .services(List.of("search", "checkout")).build()))
        .containsExactly("connection refused for the other tenant", "connection refused again");
    assertThat(messages(LogQuery.forTenants(List.of("t2", "nobody")).build()))
        .containsExactly("order 2 placed", "connection refused for the other tenant");
    assertThat(messages(LogQuery.forTenant("t1").userId("u-7").build())).containsExactly("disk full");
    assertThat(messages(LogQuery.forTenant("t2").userId("u-7").build())).isEmpty();
    assertThatThrownBy(() -> LogQuery.forTenants(List.of())).hasMessageContaining("allTenants()");
  }

  @Test
  void findsOneEntryByIdOnlyWithinItsTenants() throws Exception {
    LogEntry disk = ALL.get(4);
    assertThat(store.find(LogQuery.forTenant("t1").build(), disk.id())).contains(disk);
    assertThat(store.find(LogQuery.allTenants().build(), disk.id())).contains(disk);
    assertThat(store.find(LogQuery.forTenant("t2").build(), disk.id())).isEmpty();
    assertThat(store.find(LogQuery.forTenant("t1").build(), "' OR '1'='1")).isEmpty();
  }

  @Test
  void findsAnEntryWhoseIdsTimeIsDaysFromItsOwn() throws Exception {
    // Ids never go back within a process, and may come from another producer's clock: an id's
    // UUIDv7 time says where to look first, never where the entry must be.
    String hex = String.format("%012x", BASE.plus(3, ChronoUnit.DAYS).toEpochMilli());
    String id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-7abc-8def-0123456789ab";
    LogEntry odd = LogEntry.builder().id(id).timestamp(BASE.plusSeconds(9)).level(Level.INFO).tenantId("t9")
        .message("an id from another clock").service("checkout").environment(Environment.PRODUCTION)
        .loggerName("com.acme.Checkout").build();
    String own = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(own).build()) {
      sink.write(List.of(odd));
    }
    try (PostgresLogStore other = PostgresLogStore.of(TestDatabase.dataSource(), own)) {
      assertThat(other.find(LogQuery.forTenant("t9").build(), id)).contains(odd);
      assertThat(other.find(LogQuery.forTenant("t1").build(), id)).isEmpty();
    }
  }

  @Test
  void readsTheContextOfAnEntryByInstanceTraceAndRequest() throws Exception {
    LogEntry third = ALL.get(2); // billing, t1, second 3
    EntryContext c = store.context(LogQuery.forTenant("t1").build(), third.id(), 5, 5, ContextScope.INSTANCE).orElseThrow();
    assertThat(c.entry()).isEqualTo(third);
    assertThat(c.before()).extracting(LogEntry::message).containsExactly("payment retry scheduled, attempt \"2\"");
    assertThat(c.after()).extracting(LogEntry::message).containsExactly("disk full");
    EntryContext one = store.context(LogQuery.forTenant("t1").build(), ALL.get(3).id(), 1, 1, ContextScope.INSTANCE)
        .orElseThrow();
    assertThat(one.before()).extracting(LogEntry::message).containsExactly("order 1 placed");
    assertThat(one.after()).extracting(LogEntry::message).containsExactly("cache warm,\nline two");
    EntryContext trace = store.context(LogQuery.forTenant("t1").build(), ALL.get(0).id(), 5, 5, ContextScope.TRACE)
        .orElseThrow();
    assertThat(trace.before()).isEmpty();
    assertThat(trace.after()).isEmpty();
    EntryContext noRequest = store.context(LogQuery.forTenant("t1").build(), third.id(), 5, 5, ContextScope.REQUEST)
        .orElseThrow();
    assertThat(noRequest.before()).isEmpty();
    assertThat(store.context(LogQuery.forTenant("t2").build(), third.id(), 5, 5, ContextScope.INSTANCE)).isEmpty();
  }

  @Test
  void countsEntriesPerLevelAndBucket() throws Exception {
    Histogram h = store.histogram(LogQuery.forTenant("t1").from(BASE).to(BASE.plusSeconds(10)).build(),
        java.time.Duration.ofSeconds(2));
    long total = 0;
    for (Level l : Level.values()) {
      for (long n : h.counts(l)) {
        total += n;
      }
    }
    assertThat(total).isEqualTo(6);
    assertThat(java.util.Arrays.stream(h.counts(Level.ERROR)).sum()).isEqualTo(3);
    assertThat(h.buckets()).isBetween(5, 6);
    assertThat(h.start()).isBeforeOrEqualTo(BASE);
    assertThat(Histogram.bucketFor(BASE, BASE.plusSeconds(86_400), 200)).isEqualTo(java.time.Duration.ofMinutes(10));
  }

  @Test
  void groupsErrorsWithFiltersAndCountsPerBucket() throws Exception {
    List<ErrorTrend> trends = store.errorTrends(
        LogQuery.allTenants().from(BASE).to(BASE.plusSeconds(20)).build(), ErrorGroupQuery.Order.COUNT, 10,
        java.time.Duration.ofSeconds(5));
    assertThat(trends).extracting(t -> t.group().errorSignature()).containsExactly("sig-a", "sig-b");
    assertThat(java.util.Arrays.stream(trends.get(0).counts()).sum()).isEqualTo(3);
    List<ErrorTrend> billing = store.errorTrends(
        LogQuery.forTenant("t1").service("billing").from(BASE).to(BASE.plusSeconds(20)).build(),
        ErrorGroupQuery.Order.COUNT, 10, java.time.Duration.ofSeconds(5));
    assertThat(billing).extracting(t -> t.group().count()).containsExactly(1L, 1L);
  }

  @Test
  void returnsEntriesWithEveryFieldAsWritten() throws Exception {
    LogEntry first = store.query(LogQuery.forTenant("t1").traceId(TRACE).build()).entries().get(0);
    assertThat(first).isEqualTo(ALL.get(0));
  }

  @Test
  void searchesMessagesAndErrorTypesInWebSearchSyntax() throws Exception {
    assertThat(messages(LogQuery.forTenant("t1").text("connection refused").build()))
        .containsExactly("connection refused again", "connection refused by gateway");
    assertThat(messages(LogQuery.forTenant("t1").text("ConnectException").build()))
        .containsExactly("connection refused again", "connection refused by gateway");
    assertThat(messages(LogQuery.forTenant("t1").text("connection -gateway").build()))
        .containsExactly("connection refused again");
    assertThat(messages(LogQuery.forTenant("t1").text("\"connection refused\" gateway").build()))
        .containsExactly("connection refused by gateway");
    assertThat(messages(LogQuery.forTenant("t1").text("\"refused connection\"").build())).isEmpty();
    assertThat(messages(LogQuery.allTenants().text("orders placed").build()))
        .containsExactly("order 2 placed", "order 1 placed"); // stemmed: orders ~ order
  }

  @Test
  void neverShowsOneTenantAnotherTenantsEntries() throws Exception {
    assertThat(store.query(LogQuery.forTenant("t1").pageSize(1000).build()).entries())
        .extracting(LogEntry::tenantId).containsOnly("t1").hasSize(6);
    assertThat(store.query(LogQuery.forTenant("t2").text("connection").build()).entries())
        .extracting(LogEntry::message).containsExactly("connection refused for the other tenant");
    assertThat(store.query(LogQuery.forTenant("nobody").build()).entries()).isEmpty();
    assertThat(store.query(LogQuery.allTenants().pageSize(1000).build()).entries()).hasSize(ALL.size());
    assertThatThrownBy(() -> LogQuery.forTenant("")).hasMessageContaining("allTenants()");
    assertThatThrownBy(() -> LogQuery.forTenant(null)).hasMessageContaining("tenantId is empty");
  }

  @Test
  void treatsInjectionAttemptsInEveryStringFilterAsPlainValues() throws Exception {
    String[] attacks = {
      "' OR '1'='1", "t1' --", "x'); DROP TABLE " + "platform_logs; --", "\\' OR 1=1 --", "t1\" OR \"\"=\"", "%", "_"
    };
    for (String a : attacks) {
      assertThat(store.query(LogQuery.forTenant(a).build()).entries()).as("tenant %s", a).isEmpty();
      List<LogQuery> queries = List.of(
          LogQuery.allTenants().service(a).build(),
          LogQuery.allTenants().traceId(a).build(),
          LogQuery.allTenants().requestId(a).build(),
          LogQuery.allTenants().eventType(a).build(),
          LogQuery.allTenants().errorSignature(a).build(),
          LogQuery.allTenants().loggerName(a).build(),
          LogQuery.forTenant("t1").text(a).build());
      for (LogQuery q : queries) {
        assertThat(store.query(q).entries()).as("attack %s", a).isEmpty();
      }
    }
    assertThat(store.query(LogQuery.allTenants().pageSize(1000).build()).entries()).hasSize(ALL.size());
  }

  @Test
  void pagesThroughEntriesWithTiedTimestampsWithoutGapsOrRepeats() throws Exception {
    for (boolean oldestFirst : new boolean[] {false, true}) {
      LogQuery.Builder b = LogQuery.forTenant("t3").pageSize(10);
      LogQuery q = oldestFirst ? b.oldestFirst().build() : b.build();
      List<LogEntry> seen = new ArrayList<>();
      List<Boolean> hasMore = new ArrayList<>();
      String cursor = null;
      do {
        LogPage page = store.query(q, cursor);
        seen.addAll(page.entries());
        hasMore.add(page.hasMore());
        cursor = page.nextCursor();
        assertThat(cursor == null).isEqualTo(!page.hasMore());
      } while (cursor != null);
      assertThat(hasMore).containsExactly(true, true, false);
      assertThat(seen).hasSize(25);
      assertThat(seen.stream().map(LogEntry::id).collect(Collectors.toSet())).hasSize(25);
      List<String> ids = seen.stream().map(LogEntry::id).collect(Collectors.toList());
      List<String> sorted = new ArrayList<>(ids);
      sorted.sort(oldestFirst ? null : java.util.Comparator.reverseOrder());
      assertThat(ids).isEqualTo(sorted);
    }
  }

  @Test
  void refusesCursorsItDidNotMakeAndPagesLargerThanTheCap() {
    assertThatThrownBy(() -> store.query(LogQuery.forTenant("t1").build(), "bm90LWEtY3Vyc29y"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a nextCursor");
    assertThatThrownBy(() -> store.query(LogQuery.forTenant("t1").build(), "%%%"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogQuery.forTenant("t1").pageSize(LogQuery.MAX_PAGE_SIZE + 1).build())
        .hasMessageContaining("pageSize is 1001");
    assertThatThrownBy(() -> LogQuery.forTenant("t1").from(BASE).to(BASE).build())
        .hasMessageContaining("is not before");
  }

  @Test
  void aggregatesErrorsBySignatureAcrossTenants() throws Exception {
    List<ErrorGroup> groups = store.errorGroups(ErrorGroupQuery.allTenants().build());
    assertThat(groups).extracting(ErrorGroup::errorSignature).containsExactly("sig-a", "sig-b");
    ErrorGroup a = groups.get(0);
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.tenantCount()).isEqualTo(2);
    assertThat(a.services()).containsExactlyInAnyOrder("billing", "checkout", "search");
    assertThat(a.firstSeen()).isEqualTo(BASE.plusSeconds(3));
    assertThat(a.lastSeen()).isEqualTo(BASE.plusSeconds(7));
    assertThat(a.level()).isEqualTo(Level.ERROR);
    assertThat(a.sampleMessage()).isEqualTo("connection refused for the other tenant");
    assertThat(a.sampleStack()).isEqualTo("stack 7");
  }

  @Test
  void aggregatesOneTenantsErrorsSortedByCountOrRecency() throws Exception {
    List<ErrorGroup> byCount = store.errorGroups(ErrorGroupQuery.forTenant("t1").build());
    assertThat(byCount).extracting(ErrorGroup::errorSignature).containsExactly("sig-a", "sig-b");
    assertThat(byCount.get(0).count()).isEqualTo(2);
    assertThat(byCount.get(0).tenantCount()).isEqualTo(1);
    assertThat(byCount.get(0).sampleMessage()).isEqualTo("connection refused again");
    assertThat(byCount.get(0).sampleErrorType()).isEqualTo("java.net.ConnectException");
    List<ErrorGroup> byRecency = store.errorGroups(
        ErrorGroupQuery.forTenant("t1").orderBy(ErrorGroupQuery.Order.LAST_SEEN).build());
    assertThat(byRecency).extracting(ErrorGroup::errorSignature).containsExactly("sig-b", "sig-a");
    List<ErrorGroup> windowed = store.errorGroups(
        ErrorGroupQuery.forTenant("t1").from(BASE.plusSeconds(4)).to(BASE.plusSeconds(5)).build());
    assertThat(windowed).singleElement().satisfies(g -> {
      assertThat(g.errorSignature()).isEqualTo("sig-a");
      assertThat(g.count()).isEqualTo(1);
    });
  }

  @Test
  void exportsAQueryAsJsonLinesThatDecodeToTheEntries() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogQuery q = LogQuery.forTenant("t1").pageSize(2).build(); // export ignores the page size
    long n = store.export(q, ExportFormat.JSON_LINES, out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(n).isEqualTo(6);
    assertThat(lines).hasSize(6);
    List<LogEntry> expected = ALL.stream().filter(e -> "t1".equals(e.tenantId()))
        .sorted(java.util.Comparator.comparing(LogEntry::timestamp).reversed()).collect(Collectors.toList());
    List<LogEntry> decoded = new ArrayList<>();
    for (String line : lines) {
      decoded.add(LogEntryJson.decode(line));
    }
    assertThat(decoded).isEqualTo(expected);
  }

  @Test
  void exportsAQueryAsRfc4180Csv() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = store.export(LogQuery.forTenant("t1").oldestFirst().build(), ExportFormat.CSV, out);
    List<List<String>> rows = Csv.parse(out.toString(StandardCharsets.UTF_8));
    assertThat(n).isEqualTo(6);
    assertThat(rows).hasSize(7);
    assertThat(rows.get(0)).isEqualTo(CsvExport.HEADER);
    int message = CsvExport.HEADER.indexOf("message");
    assertThat(rows.subList(1, 7)).extracting(r -> r.get(message)).containsExactly(
        "order 1 placed", "payment retry scheduled, attempt \"2\"", "connection refused by gateway",
        "connection refused again", "disk full", "cache warm,\nline two");
    assertThat(rows.get(1).get(CsvExport.HEADER.indexOf("data"))).isEqualTo("{\"amount\":42.5}");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"payment retry scheduled, attempt \"\"2\"\"\"");
    Set<Integer> widths = new HashSet<>();
    rows.forEach(r -> widths.add(r.size()));
    assertThat(widths).containsExactly(CsvExport.HEADER.size());
  }

  @Test
  void exportsMoreEntriesThanOneFetchInOrderThroughTheServerSideCursor() throws Exception {
    String big = TestDatabase.newSchema();
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      entries.add(LogEntry.builder().timestamp(BASE.plusMillis(i)).level(Level.INFO).tenantId("t-big")
          .message("line " + i).build());
    }
    try (PostgresLogSink sink = TestDatabase.sink(big).build()) {
      sink.write(entries);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PostgresLogStore s = PostgresLogStore.of(TestDatabase.dataSource(), big)) {
      assertThat(s.export(LogQuery.forTenant("t-big").oldestFirst().build(), ExportFormat.JSON_LINES, out))
          .isEqualTo(2500);
    }
    List<LogEntry> decoded = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      decoded.add(LogEntryJson.decode(line));
    }
    assertThat(decoded).isEqualTo(entries);
  }

  /** A strict RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
  private static final class Csv {
    static List<List<String>> parse(String s) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '"' && f.length() == 0) {
          i++;
          while (true) {
            char q = s.charAt(i);
            if (q == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
              f.append('"');
              i += 2;
            } else if (q == '"') {
              i++;
              break;
            } else {
              f.append(q);
              i++;
            }
          }
        } else if (c == ',') {
          row.add(f.toString());
          f.setLength(0);
          i++;
        } else if (c == '\r' && s.charAt(i + 1) == '\n') {
          row.add(f.toString());
          f.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          i += 2;
        } else {
          f.append(c);
          i++;
        }
      }
      return rows;
    }
  }
}
