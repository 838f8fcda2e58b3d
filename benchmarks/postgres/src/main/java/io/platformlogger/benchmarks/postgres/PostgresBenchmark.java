package io.platformlogger.benchmarks.postgres;

import io.platformlogger.core.EntryField;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.BenchmarkAccess;
import io.platformlogger.postgres.ErrorGroupQuery;
import io.platformlogger.postgres.LogPage;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogSink;
import io.platformlogger.postgres.PostgresLogStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;

/**
 * Sustained ingest of {@link PostgresLogSink} against the raw limit (COPY of the same rows, batches
 * of 5000, into the same table) and single-row autocommit INSERTs; then query latency over the
 * rows the sink wrote. Sink and COPY runs alternate in chunks so that load from other processes
 * hits both alike; the ratio is the result, absolute figures depend on the machine.
 *
 * <p>Arguments: {@code --rows N} (per variant, default 1 000 000), {@code --insert-rows N}
 * (default 10 000), {@code --chunk N} (rows per alternation, default 50 000), {@code --queries N}
 * (timed runs of each query, default 200), {@code --stage-rows N} (rows of the staging variant,
 * default 200 000), {@code --explain true} (print the plans of three query shapes), {@code
 * --compare false} (load through the sink only, then time the queries: for the 10 M-row query run), {@code --url jdbc:postgresql://...?user=..&password=..}
 * to use an external server instead of the embedded one, {@code --data-dir DIR} (the embedded
 * server's data directory, kept after the run: a later run with the same {@code --rows} and {@code
 * --compare false} reuses the rows loaded there instead of loading them again).
 */
public final class PostgresBenchmark {
  private static final int BATCH = 5000;
  private static final String[] SERVICES = {"checkout", "billing", "search", "catalog", "auth", "shipping", "cart", "email"};
  private static final String[] WORDS = (
      "account address approval archive balance basket cache carrier catalog channel charge checkout "
          + "client coupon courier credit currency customer database delivery discount dispatch document "
          + "download email export fraud gateway invoice inventory ledger limit login merchant message "
          + "notification order package parcel partner password payment payout pipeline pricing product "
          + "profile promotion quota receipt refund region report request reservation return review "
          + "router schedule search session settlement shipment signature snapshot stock storage "
          + "subscription supplier tax template ticket token transfer upload user voucher warehouse webhook")
      .split(" ");
  private static final String[] TEMPLATES = {
    "order %d placed by user %s", "payment %d authorized for %s", "cache miss for %s key %d",
    "request %d completed for %s", "retrying %s after timeout, attempt %d", "user %s updated %s",
    "connection refused by %s gateway after %d ms", "%s sync finished with %d changes"
  };
  private static final String[] ERROR_TYPES = {
    "java.net.ConnectException", "java.net.SocketTimeoutException", "java.lang.IllegalStateException",
    "java.sql.SQLTransientConnectionException", "java.lang.NullPointerException", "java.io.UncheckedIOException"
  };

  private static boolean explain;
  /** False: load the rows through the sink only and time the queries (no raw COPY, staging or INSERT runs). */
  private static boolean compare = true;
  private static final Duration SPAN = Duration.ofDays(30);
  private final int rows;
  /** The first entry's time; the last one is at {@code start + span}. */
  private final Instant start;
  private final Duration span = SPAN;

  private PostgresBenchmark(int rows, Instant start) {
    this.rows = rows;
    this.start = start;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int rows = Integer.parseInt(a.getOrDefault("rows", "1000000"));
    int insertRows = Integer.parseInt(a.getOrDefault("insert-rows", "10000"));
    int chunk = Integer.parseInt(a.getOrDefault("chunk", "50000"));
    int queries = Integer.parseInt(a.getOrDefault("queries", "200"));
    int stageLimit = Integer.parseInt(a.getOrDefault("stage-rows", "200000"));
    explain = Boolean.parseBoolean(a.getOrDefault("explain", "false"));
    compare = Boolean.parseBoolean(a.getOrDefault("compare", "true"));
    String url = a.get("url");
    String dataDir = a.get("data-dir");
    EmbeddedPostgres pg = null;
    if (url == null) {
      Path dir = dataDir != null ? Path.of(dataDir) : Files.createTempDirectory("pg-bench").resolve("data");
      pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(dataDir == null)
          .setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "2GB")
          .setServerConfig("maintenance_work_mem", "128MB").start();
      url = pg.getJdbcUrl("postgres", "postgres");
    }
    try {
      Instant loaded = compare ? null : LoadMark.read(url, rows);
      if (loaded != null) {
        System.out.printf(Locale.ROOT, "reusing the %,d rows loaded at %s (newest entry %s old)%n",
            rows, loaded, Duration.between(loaded, Instant.now()).truncatedTo(ChronoUnit.MINUTES));
        new PostgresBenchmark(rows, loaded.minus(SPAN)).queriesOnly(url, queries);
      } else {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LoadMark.clear(url);
        new PostgresBenchmark(rows, now.minus(SPAN)).run(url, insertRows, chunk, queries, stageLimit);
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  /** Entry number {@code i} of the data set: the same for every variant. */
  private LogEntry entry(int i) {
    SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    Instant t = start.plusNanos((long) ((double) span.toNanos() * i / rows)).truncatedTo(ChronoUnit.MICROS);
    int lv = r.nextInt(100);
    Level level = lv < 20 ? Level.DEBUG : lv < 80 ? Level.INFO : lv < 92 ? Level.WARN : Level.ERROR;
    String word = WORDS[r.nextInt(WORDS.length)];
    String template = TEMPLATES[r.nextInt(TEMPLATES.length)];
    String message = String.format(Locale.ROOT, template.replaceFirst("%d", String.valueOf(r.nextInt(1_000_000)))
        .replaceFirst("%s", word).replace("%d", String.valueOf(r.nextInt(10_000))).replace("%s", WORDS[r.nextInt(WORDS.length)]));
    LogEntry.Builder b = LogEntry.builder()
        .id(uuid7(t, r))
        .timestamp(t)
        .level(level)
        .message(message)
        .data(Map.of("order_id", (long) r.nextInt(10_000_000), "amount", Math.round(r.nextDouble() * 10000) / 100.0, "channel", word))
        .service(SERVICES[r.nextInt(SERVICES.length)])
        .environment(Environment.PRODUCTION)
        .version("1.4." + r.nextInt(10))
        .region("eu-west-1")
        .instanceId("pod-" + r.nextInt(40))
        .tenantId("t-" + r.nextInt(50))
        .userId("u-" + r.nextInt(100_000))
        .requestId("r-" + Long.toHexString(r.nextLong()))
        .traceId(String.format("%016x%016x", r.nextLong(), r.nextLong()))
        .spanId(String.format("%016x", r.nextLong()))
        .loggerName("com.acme." + word)
        .threadName("http-nio-8080-exec-" + r.nextInt(200));
    if (level == Level.ERROR) {
      int kind = r.nextInt(30);
      String type = ERROR_TYPES[kind % ERROR_TYPES.length];
      b.errorType(type).errorSignature(String.format("sig%013x", kind))
          .errorStack(type + ": " + message + "\n\tat com.acme." + word + ".handle(" + word + ".java:" + (40 + kind)
              + ")\n\tat com.acme.Server.dispatch(Server.java:210)\n\tat java.base/java.lang.Thread.run(Thread.java:840)");
    }
    return b.build();
  }

  private static String uuid7(Instant t, SplittableRandom r) {
    long ms = t.toEpochMilli();
    long hi = (ms << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lo = 0x8000000000000000L | (r.nextLong() & 0x3FFFFFFFFFFFFFFFL);
    return new java.util.UUID(hi, lo).toString();
  }

  private List<LogEntry> batch(int from, int count) {
    List<LogEntry> b = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      b.add(entry(i));
    }
    return b;
  }

  private void run(String url, int insertRows, int chunk, int queries, int stageLimit) throws Exception {
    System.out.printf(Locale.ROOT, "rows per variant %,d, batch %d, chunk %,d; JDK %s; %d cores%n",
        rows, BATCH, chunk, Runtime.version(), Runtime.getRuntime().availableProcessors());
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        var rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      System.out.println("PostgreSQL " + rs.getString(1));
    }
    PostgresLogSink sink = PostgresLogSink.builder().jdbcUrl(url).schema("bench_sink").poolSize(1).build();
    PostgresLogSink copyTable = PostgresLogSink.builder().jdbcUrl(url).schema("bench_copy").poolSize(1).build();
    PostgresLogSink insertTable = PostgresLogSink.builder().jdbcUrl(url).schema("bench_insert").poolSize(1).build();
    PostgresLogSink stageTable = PostgresLogSink.builder().jdbcUrl(url).schema("bench_stage").poolSize(1).build();
    // Same schema, partitions and indexes for every variant: let the sink create them.
    List<LogEntry> warm = List.of(entry(0));
    for (PostgresLogSink s : List.of(sink, copyTable, insertTable, stageTable)) {
      s.write(warm);
    }
    int stageRows = compare ? Math.min(rows, stageLimit) : 0;
    long sinkNanos = 0;
    long copyNanos = 0;
    long stageNanos = 0;
    long copyOverStageRows = 0;
    long sinkSteady = 0;
    long copySteady = 0;
    int steadyRows = 0;
    String cols = BenchmarkAccess.columns();
    try (Connection raw = DriverManager.getConnection(url); Connection stage = DriverManager.getConnection(url);
        Statement stageSt = stage.createStatement()) {
      raw.setAutoCommit(false);
      stage.setAutoCommit(false);
      stageSt.execute("CREATE TEMP TABLE staging (LIKE bench_stage.platform_logs) ON COMMIT DELETE ROWS");
      stage.commit();
      String copySql = "COPY bench_copy.platform_logs (" + cols + ") FROM STDIN";
      for (int done = 1; done < rows; ) {
        int end = Math.min(rows, done + chunk);
        long sinkChunk = 0;
        long copyChunk = 0;
        // Alternate the variants batch by batch so that load from other processes hits all alike.
        for (int i = done; i < end; i += BATCH) {
          List<LogEntry> b = batch(i, Math.min(BATCH, end - i));
          long t0 = System.nanoTime();
          sink.write(b);
          sinkChunk += System.nanoTime() - t0;

          if (!compare) {
            continue;
          }
          byte[] bytes = BenchmarkAccess.copyRows(b);
          t0 = System.nanoTime();
          raw.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new ByteArrayInputStream(bytes));
          raw.commit();
          long copied = System.nanoTime() - t0;
          copyChunk += copied;

          if (i < stageRows) {
            t0 = System.nanoTime();
            stage.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY staging (" + cols + ") FROM STDIN", new ByteArrayInputStream(bytes));
            stageSt.executeUpdate("INSERT INTO bench_stage.platform_logs (" + cols + ") SELECT " + cols + " FROM staging ON CONFLICT DO NOTHING");
            stage.commit();
            stageNanos += System.nanoTime() - t0;
            copyOverStageRows += copied;
          }
        }
        sinkNanos += sinkChunk;
        copyNanos += copyChunk;
        if (done > 1) {
          sinkSteady += sinkChunk;
          copySteady += copyChunk;
          steadyRows += end - done;
        }
        if (!compare) {
          System.out.printf(Locale.ROOT, "  rows %,d..%,d: sink %.0f/s%n", done, end, (end - done) / (sinkChunk / 1e9));
          done = end;
          continue;
        }
        System.out.printf(Locale.ROOT, "  rows %,d..%,d: sink %.0f/s, raw COPY %.0f/s (%.2f×)%n", done, end,
            (end - done) / (sinkChunk / 1e9), (end - done) / (copyChunk / 1e9), (double) copyChunk / sinkChunk);
        done = end;
      }
    }
    double sinkRate = (rows - 1) / (sinkNanos / 1e9);
    double copyRate = (rows - 1) / (copyNanos / 1e9);
    double stageRate = (stageRows - 1) / (stageNanos / 1e9);
    double stageCopyRate = (stageRows - 1) / (copyOverStageRows / 1e9); // raw COPY over the same rows
    double sinkSteadyRate = steadyRows == 0 ? sinkRate : steadyRows / (sinkSteady / 1e9);
    double copySteadyRate = steadyRows == 0 ? copyRate : steadyRows / (copySteady / 1e9);

    if (!compare) {
      sink.close();
      copyTable.close();
      insertTable.close();
      stageTable.close();
      LoadMark.write(url, rows, start.plus(span));
      queries(url, queries);
      return;
    }
    // The naive baseline: one autocommit INSERT per entry.
    long insertNanos = 0;
    try (Connection raw = DriverManager.getConnection(url)) {
      try (PreparedStatement ps = raw.prepareStatement(insertSql(cols))) {
        for (int i = 1; i <= insertRows; i++) {
          LogEntry e = entry(i);
          long t0 = System.nanoTime();
          bindRow(ps, e);
          ps.executeUpdate();
          insertNanos += System.nanoTime() - t0;
        }
      }
    }
    double insertRate = insertRows / (insertNanos / 1e9);
    sink.close();
    copyTable.close();
    insertTable.close();
    stageTable.close();

    System.out.println();
    System.out.println("| ingest (batches of 5000 unless noted) | rows | entries/s | vs raw COPY |");
    System.out.println("|---|---:|---:|---:|");
    row("raw COPY into the table (the limit)", rows - 1, copyRate, copyRate);
    row("PostgresLogSink.write (encode + streamed COPY)", rows - 1, sinkRate, copyRate);
    row("raw COPY, after the first chunk (steady state)", steadyRows, copySteadyRate, copySteadyRate);
    row("PostgresLogSink.write, after the first chunk", steadyRows, sinkSteadyRate, copySteadyRate);
    if (stageRows > 1) {
      row("COPY to temp + INSERT ON CONFLICT (retry path; first " + stageRows + " rows)", stageRows - 1, stageRate, stageCopyRate);
    }
    row("single-row autocommit INSERT (naive)", insertRows, insertRate, copyRate);

    queries(url, queries);
  }

  private void queriesOnly(String url, int queries) throws Exception {
    System.out.printf(Locale.ROOT, "rows %,d (reused); JDK %s; %d cores%n", rows, Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    queries(url, queries);
  }

  private static void row(String what, long n, double rate, double copyRate) {
    System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.2f× |%n", what, n, rate, rate / copyRate);
  }

  private static String insertSql(String cols) {
    StringBuilder sb = new StringBuilder("INSERT INTO bench_insert.platform_logs (" + cols + ") VALUES (");
    String[] names = cols.split(", ");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i].equals("data") ? "?::jsonb" : "?");
    }
    return sb.append(")").toString();
  }

  /** One row's parameters, in column (EntryField) order. */
  private static void bindRow(PreparedStatement ps, LogEntry e) throws SQLException {
    int i = 1;
    for (EntryField f : EntryField.all()) {
      switch (f.kind()) {
        case INSTANT:
          ps.setObject(i, java.time.OffsetDateTime.ofInstant(e.timestamp(), java.time.ZoneOffset.UTC));
          break;
        case INTEGER:
          ps.setObject(i, f.get(e), java.sql.Types.INTEGER);
          break;
        case DATA:
          ps.setObject(i, io.platformlogger.core.json.LogEntryJson.encode(LogEntry.builder().id("x").timestamp(Instant.EPOCH).level(Level.INFO).message("").data(e.data()).build())
              .replaceFirst("^.*\"data\":", "").replaceFirst("}$", ""));
          break;
        case TEXT_LIST:
          ps.setNull(i, java.sql.Types.ARRAY); // the benchmark's entries carry no markers
          break;
        default:
          ps.setObject(i, f.text(e));
      }
      i++;
    }
  }

  private void queries(String url, int n) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("ANALYZE bench_sink.platform_logs");
      if (explain) {
        Instant end = start.plus(span);
        String t = "bench_sink.platform_logs";
        String last7 = " AND timestamp >= '" + end.minus(Duration.ofDays(7)) + "' AND timestamp < '" + end + "'";
        String order = " ORDER BY timestamp DESC, id DESC";
        String phrase = "search @@ websearch_to_tsquery('english', '\"connection refused\" payment')";
        String rare = "search @@ websearch_to_tsquery('english', '123456')";
        // The single statement of before issue 23, then the store's walk and its matches-first statement.
        String[] plans = {
          "SELECT id FROM " + t + " WHERE tenant_id = 't-7'" + last7 + " AND search @@ websearch_to_tsquery('english', 'payment')" + order + " LIMIT 51",
          "SELECT id FROM (SELECT * FROM " + t + " WHERE tenant_id = 't-7'" + last7 + order + " LIMIT " + BenchmarkAccess.walk() + ") w"
              + " WHERE search @@ websearch_to_tsquery('english', 'payment')" + order + " LIMIT 51",
          "SELECT id FROM " + t + " WHERE tenant_id = 't-7' AND service = 'billing' AND level IN ('WARN','ERROR')" + order + " LIMIT 101",
          "SELECT id FROM " + t + " WHERE tenant_id = 't-7' AND " + phrase + order + " LIMIT 51",
          "SELECT id FROM (SELECT * FROM " + t + " WHERE tenant_id = 't-7'" + order + " LIMIT " + BenchmarkAccess.walk() + ") w WHERE " + phrase + order + " LIMIT 51",
          "WITH m AS MATERIALIZED (SELECT id, timestamp FROM " + t + " WHERE tenant_id = 't-7' AND " + phrase + ") SELECT id FROM m" + order + " LIMIT 51",
          "SELECT id FROM (SELECT * FROM " + t + " WHERE tenant_id = 't-7'" + order + " LIMIT " + BenchmarkAccess.walk() + ") w"
              + " WHERE search @@ websearch_to_tsquery('english', '\"connection refused\"')" + order + " LIMIT 51",
          "SELECT id FROM " + t + " WHERE " + rare + order + " LIMIT 51",
          "SELECT id FROM (SELECT * FROM " + t + order + " LIMIT " + BenchmarkAccess.walk() + ") w WHERE " + rare + order + " LIMIT 51",
          "WITH m AS MATERIALIZED (SELECT id, timestamp FROM " + t + " WHERE " + rare + ") SELECT id FROM m" + order + " LIMIT 51"
        };
        for (String q : plans) {
          System.out.println("EXPLAIN " + q);
          try (var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q)) {
            while (rs.next()) {
              System.out.println("  " + rs.getString(1));
            }
          }
        }
      }
    }
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(url);
    com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
    pool.setDataSource(ds);
    pool.setMaximumPoolSize(2);
    Instant end = start.plus(span);
    try (PostgresLogStore store = PostgresLogStore.of(pool, "bench_sink").setQueryTimeout(Duration.ofMinutes(1))) {
      System.out.println();
      System.out.printf(Locale.ROOT, "| query over %,d rows (warm, %d runs each) | p50 ms | p95 ms | p99 ms | rows returned (median) |%n", rows, n);
      System.out.println("|---|---:|---:|---:|---:|");
      time(n, "full-text + tenant + last 7 days, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text(WORDS[r % WORDS.length]).from(end.minus(Duration.ofDays(7))).to(end).pageSize(50).build(), store);
      time(n, "full-text phrase + tenant, all time, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text("\"connection refused\" " + WORDS[r % WORDS.length]).pageSize(50).build(), store);
      time(n, "full-text phrase of common words + tenant, all time, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text("\"connection refused\"").pageSize(50).build(), store);
      time(n, "full-text common word + tenant, all time, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text(WORDS[r % WORDS.length]).pageSize(50).build(), store);
      time(n, "full-text rare word (≈ 1 row per 1 M), all tenants, all time, newest 50", r -> LogQuery.allTenants()
          .text(String.valueOf((r * 7919L + 13) % 1_000_000)).pageSize(50).build(), store);
      time(n, "tenant + ERROR + last 24 h, newest 100", r -> LogQuery.forTenant("t-" + (r % 50))
          .levels(Level.ERROR).from(end.minus(Duration.ofDays(1))).to(end).build(), store);
      time(n, "tenant + service + WARN+ , newest 100", r -> LogQuery.forTenant("t-" + (r % 50))
          .service(SERVICES[r % SERVICES.length]).minLevel(Level.WARN).build(), store);
      time(n, "trace id (all tenants)", r -> LogQuery.allTenants().traceId(entryTrace(r)).build(), store);
      timeFifthPage(n, store, end);
      System.out.println();
      System.out.printf(Locale.ROOT, "| full-text search over %,d rows (all time unless said; warm, %d runs each, interleaved) | one statement p50 / p95 / p99 ms | store (walk, then matches first) p50 / p95 / p99 ms | p95 ratio | rows (median) |%n", rows, n);
      System.out.println("|---|---:|---:|---:|---:|");
      timeAgainstOneStatement(n, "recent: word + tenant + last 7 days, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text(WORDS[r % WORDS.length]).from(end.minus(Duration.ofDays(7))).to(end).pageSize(50).build(), store, pool);
      timeAgainstOneStatement(n, "phrase + word + tenant, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text("\"connection refused\" " + WORDS[r % WORDS.length]).pageSize(50).build(), store, pool);
      timeAgainstOneStatement(n, "phrase of common words + tenant, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text("\"connection refused\"").pageSize(50).build(), store, pool);
      timeAgainstOneStatement(n, "common word + tenant, newest 50", r -> LogQuery.forTenant("t-" + (r % 50))
          .text(WORDS[r % WORDS.length]).pageSize(50).build(), store, pool);
      // A number from the first %d of a message: about one row per million. The single statement
      // walks the primary key backwards for it (25 to 40 s per run at 10 M): 3 runs of the pair;
      // the store alone runs it n times in the first table.
      timeAgainstOneStatement(Math.max(3, n / 70), "rare word (≈ 1 row per 1 M), all tenants, newest 50", r -> LogQuery.allTenants()
          .text(String.valueOf((r * 7919L + 13) % 1_000_000)).pageSize(50).build(), store, pool);
      timeGroups(n, store, end);
    } finally {
      pool.close();
    }
  }

  private String entryTrace(int r) {
    return entry(1 + (int) ((long) r * 7919 % (rows - 1))).traceId();
  }

  private static void time(int n, String what, IntFunction<LogQuery> q, PostgresLogStore store) throws Exception {
    for (int i = 0; i < 20; i++) {
      store.query(q.apply(1000 + i));
    }
    long[] ns = new long[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      LogQuery query = q.apply(i);
      long t0 = System.nanoTime();
      LogPage p = store.query(query);
      ns[i] = System.nanoTime() - t0;
      counts[i] = p.entries().size();
    }
    report(what, ns, counts);
  }

  /** The store's query and the single statement it replaced, alternating per run which goes first. */
  private static void timeAgainstOneStatement(int n, String what, IntFunction<LogQuery> q, PostgresLogStore store,
      javax.sql.DataSource pool) throws Exception {
    for (int i = 0; i < Math.min(20, n); i++) { // the rare word's single statement takes seconds
      store.query(q.apply(1000 + i));
      BenchmarkAccess.singleStatementPage(pool, "bench_sink", q.apply(1000 + i));
    }
    long[] one = new long[n];
    long[] sliced = new long[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      LogQuery query = q.apply(i);
      for (int k = 0; k < 2; k++) {
        boolean anchor = (i + k) % 2 == 0;
        long t0 = System.nanoTime();
        int got = anchor ? BenchmarkAccess.singleStatementPage(pool, "bench_sink", query) : store.query(query).entries().size();
        long t = System.nanoTime() - t0;
        if (anchor) {
          one[i] = t;
        } else {
          sliced[i] = t;
          counts[i] = got;
        }
      }
    }
    Arrays.sort(one);
    Arrays.sort(sliced);
    Arrays.sort(counts);
    System.out.printf(Locale.ROOT, "| %s | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.2f× | %d |%n", what,
        pct(one, 0.5), pct(one, 0.95), pct(one, 0.99), pct(sliced, 0.5), pct(sliced, 0.95), pct(sliced, 0.99),
        pct(sliced, 0.95) / pct(one, 0.95), counts[n / 2]);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
  }

  private void timeFifthPage(int n, PostgresLogStore store, Instant end) throws Exception {
    long[] ns = new long[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      LogQuery q = LogQuery.forTenant("t-" + (i % 50)).from(end.minus(Duration.ofDays(7))).to(end).pageSize(50).build();
      String cursor = null;
      for (int page = 0; page < 4; page++) {
        cursor = store.query(q, cursor).nextCursor();
      }
      long t0 = System.nanoTime();
      LogPage p = store.query(q, cursor);
      ns[i] = System.nanoTime() - t0;
      counts[i] = p.entries().size();
    }
    report("tenant + last 7 days, 5th page of 50 by cursor", ns, counts);
  }

  private void timeGroups(int n, PostgresLogStore store, Instant end) throws Exception {
    int runs = Math.max(10, n / 10);
    long[] ns = new long[runs];
    int[] counts = new int[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      counts[i] = store.errorGroups(ErrorGroupQuery.forTenant("t-" + (i % 50))
          .from(end.minus(Duration.ofDays(7))).to(end).build()).size();
      ns[i] = System.nanoTime() - t0;
    }
    report("error groups, tenant + last 7 days (" + runs + " runs)", ns, counts);
  }

  private static void report(String what, long[] ns, int[] counts) {
    long[] s = ns.clone();
    Arrays.sort(s);
    int[] c = counts.clone();
    Arrays.sort(c);
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |%n", what,
        s[s.length / 2] / 1e6, s[(int) Math.ceil(s.length * 0.95) - 1] / 1e6,
        s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, c[c.length / 2]);
  }
}
