package io.platformlogger.service;

import io.javalin.http.Context;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.ContextScope;
import io.platformlogger.postgres.EntryContext;
import io.platformlogger.postgres.ErrorGroup;
import io.platformlogger.postgres.ErrorGroupQuery;
import io.platformlogger.postgres.ErrorTrend;
import io.platformlogger.postgres.ExportFormat;
import io.platformlogger.postgres.Histogram;
import io.platformlogger.postgres.LogPage;
import io.platformlogger.postgres.LogPattern;
import io.platformlogger.postgres.PatternQuery;
import io.platformlogger.postgres.PatternReport;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogStore;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The read endpoints over PostgreSQL: {@code /api/logs} (paged), one entry, its context,
 * aggregates, histogram and export. Every handler takes the {@link Caller} the auth filter put on
 * the request; every value reaches SQL only as a bound parameter (through {@link LogQuery}).
 * Called on Jetty's request threads; thread-safe.
 */
final class LogsApi {
  /** Histogram bars and sparkline points at most. */
  static final int MAX_BUCKETS = 200;
  /** The range of aggregates and histogram when {@code since} is not given. */
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);

  private final PostgresLogStore store;
  private final PageCursors cursors;
  private final Clock clock;
  private final ServiceSettings.Limits limits;

  LogsApi(PostgresLogStore store, PageCursors cursors, Clock clock, ServiceSettings.Limits limits) {
    this.store = store;
    this.cursors = cursors;
    this.clock = clock;
    this.limits = limits;
  }

  static Set<String> names(String... extra) {
    Set<String> s = new HashSet<>(Filters.NAMES);
    s.addAll(Set.of(extra));
    return s;
  }

  private static final Set<String> LOGS = names("limit", "cursor");
  private static final Set<String> CONTEXT = Set.of("before", "after", "by");
  private static final Set<String> AGGREGATES = names("limit", "order");
  private static final Set<String> HISTOGRAM = names();
  private static final Set<String> PATTERNS = names("limit", "sample");

  /**
   * Newest matching entries mined per patterns request at most: about a second of reading and
   * mining on a small server, so one request cannot hold a connection and a core for long.
   */
  static final int MAX_PATTERN_SAMPLE = 100_000;
  private static final Set<String> EXPORT = names("format", "limit");

  void logs(Context ctx) throws SQLException {
    Caller caller = Auth.caller(ctx);
    Params p = new Params(ctx.queryParamMap(), LOGS);
    Filters f = Filters.parse(p, caller, clock);
    int limit = p.intValue("limit", 100, 1, LogQuery.MAX_PAGE_SIZE);
    String cursor = p.single("cursor");
    String storeCursor = null;
    if (cursor != null) {
      PageCursors.Position pos = cursors.decode(cursor, caller, f);
      f = f.withRange(pos.since(), pos.until());
      storeCursor = pos.storeCursor();
    }
    LogPage page;
    try {
      page = store.query(f.query().pageSize(limit).build(), storeCursor);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("cursor", "cursor is not a nextCursor made by this service: start again without it");
    }
    String next = page.nextCursor() == null ? null : cursors.encode(caller, f, page.nextCursor());
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      Json.entries(g, "entries", page.entries());
      g.writeBooleanField("hasMore", page.hasMore());
      g.writeStringField("nextCursor", next);
      g.writeEndObject();
    }));
  }

  void one(Context ctx) throws SQLException {
    Caller caller = Auth.caller(ctx);
    new Params(ctx.queryParamMap(), Set.of());
    LogEntry e = find(caller, ctx.pathParam("id"));
    json(ctx, Json.bytes(g -> Json.entry(g, e)));
  }

  private LogEntry find(Caller caller, String id) throws SQLException {
    Optional<LogEntry> e = store.find(scope(caller), id);
    // Another tenant's entry is "not found" too: its existence is not the caller's business.
    return e.orElseThrow(() -> ApiException.notFound("no entry with this id"));
  }

  private static LogQuery scope(Caller caller) {
    return caller.admin() ? LogQuery.allTenants().build() : LogQuery.forTenant(caller.tenant()).build();
  }

  void context(Context ctx) throws SQLException {
    Caller caller = Auth.caller(ctx);
    Params p = new Params(ctx.queryParamMap(), CONTEXT);
    int before = p.intValue("before", 20, 0, 500);
    int after = p.intValue("after", 20, 0, 500);
    String by = p.single("by");
    ContextScope scope;
    if (by == null || by.equals("instance")) {
      scope = ContextScope.INSTANCE;
    } else if (by.equals("trace")) {
      scope = ContextScope.TRACE;
    } else if (by.equals("request")) {
      scope = ContextScope.REQUEST;
    } else {
      throw ApiException.badParameter("by", "by '" + Params.clip(by) + "' is unknown: use instance (default), trace or request");
    }
    EntryContext c = store.context(scope(caller), ctx.pathParam("id"), before, after, scope)
        .orElseThrow(() -> ApiException.notFound("no entry with this id"));
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      Json.entries(g, "before", c.before());
      g.writeFieldName("entry");
      Json.entry(g, c.entry());
      Json.entries(g, "after", c.after());
      g.writeEndObject();
    }));
  }

  /** The filters with a closed range: {@code since} defaults to 24 h back, {@code until} to now. */
  private Filters ranged(Filters f) {
    Instant until = f.until != null ? f.until : clock.instant();
    Instant since = f.since != null ? f.since : until.minus(DEFAULT_RANGE);
    return f.withRange(since, until);
  }

  void aggregates(Context ctx) throws SQLException {
    Caller caller = Auth.caller(ctx);
    Params p = new Params(ctx.queryParamMap(), AGGREGATES);
    Filters f = ranged(Filters.parse(p, caller, clock));
    int limit = p.intValue("limit", 50, 1, 1000);
    String order = p.single("order");
    ErrorGroupQuery.Order o;
    if (order == null || order.equals("count")) {
      o = ErrorGroupQuery.Order.COUNT;
    } else if (order.equals("last_seen")) {
      o = ErrorGroupQuery.Order.LAST_SEEN;
    } else {
      throw ApiException.badParameter("order", "order '" + Params.clip(order) + "' is unknown: use count or last_seen");
    }
    Duration bucket = Histogram.bucketFor(f.since, f.until, MAX_BUCKETS);
    var trends = store.errorTrends(f.query().build(), o, limit, bucket);
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      range(g, f, bucket, trends.isEmpty() ? null : trends.get(0).start());
      g.writeArrayFieldStart("groups");
      for (ErrorTrend t : trends) {
        ErrorGroup e = t.group();
        g.writeStartObject();
        g.writeStringField("error_signature", e.errorSignature());
        g.writeStringField("title", e.title());
        g.writeArrayFieldStart("error_signatures");
        for (String s : e.errorSignatures()) {
          g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("sample_values");
        for (List<String> values : e.sampleValues()) {
          g.writeStartArray();
          for (String v : values) {
            g.writeString(v);
          }
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeNumberField("count", e.count());
        g.writeStringField("first_seen", e.firstSeen().toString());
        g.writeStringField("last_seen", e.lastSeen().toString());
        g.writeStringField("level", e.level().name());
        g.writeArrayFieldStart("services");
        for (String s : e.services()) {
          g.writeString(s);
        }
        g.writeEndArray();
        if (caller.admin()) {
          g.writeNumberField("tenant_count", e.tenantCount());
        }
        g.writeStringField("sample_message", e.sampleMessage());
        g.writeStringField("sample_error_type", e.sampleErrorType());
        g.writeStringField("sample_stack", e.sampleStack());
        g.writeFieldName("counts");
        long[] c = t.counts();
        g.writeArray(c, 0, c.length);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }));
  }

  private static void range(com.fasterxml.jackson.core.JsonGenerator g, Filters f, Duration bucket, Instant start)
      throws java.io.IOException {
    g.writeStringField("since", f.since.toString());
    g.writeStringField("until", f.until.toString());
    g.writeNumberField("bucket_seconds", bucket.toMillis() / 1000.0);
    long b = bucket.toMillis();
    Instant s = start != null ? start : Instant.ofEpochMilli(Math.floorDiv(f.since.toEpochMilli(), b) * b);
    g.writeStringField("bucket_start", s.toString());
  }

  void histogram(Context ctx) throws SQLException {
    Caller caller = Auth.caller(ctx);
    Params p = new Params(ctx.queryParamMap(), HISTOGRAM);
    Filters f = ranged(Filters.parse(p, caller, clock));
    Duration bucket = Histogram.bucketFor(f.since, f.until, MAX_BUCKETS);
    Histogram h = store.histogram(f.query().build(), bucket);
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      range(g, f, bucket, h.start());
      g.writeNumberField("buckets", h.buckets());
      g.writeObjectFieldStart("counts");
      for (Level l : Level.values()) {
        long[] c = h.counts(l);
        g.writeFieldName(l.name());
        g.writeArray(c, 0, c.length);
      }
      g.writeEndObject();
      g.writeEndObject();
    }));
  }

  /**
   * The message patterns of the filtered range (default: the last 24 h): the newest {@code sample}
   * matching entries mined into templates, the top {@code limit} with counts per time bucket and
   * sample values of each {@code <*>} (docs/patterns.md).
   */
  void patterns(Context ctx) throws SQLException {
    Caller caller = Auth.caller(ctx);
    Params p = new Params(ctx.queryParamMap(), PATTERNS);
    Filters f = ranged(Filters.parse(p, caller, clock));
    int limit = p.intValue("limit", 50, 1, 1000);
    int sample = p.intValue("sample", MAX_PATTERN_SAMPLE, 1, MAX_PATTERN_SAMPLE);
    Duration bucket = Histogram.bucketFor(f.since, f.until, MAX_BUCKETS);
    PatternReport r = store.patterns(PatternQuery.of(f.query().build()).sampleSize(sample).limit(limit)
        .bucket(bucket).build());
    json(ctx, Json.bytes(g -> {
      g.writeStartObject();
      range(g, f, bucket, r.bucketStart());
      g.writeNumberField("sampled", r.sampled());
      g.writeBooleanField("sample_full", r.sampleFull());
      g.writeNumberField("total_patterns", r.totalPatterns());
      g.writeArrayFieldStart("patterns");
      for (LogPattern pattern : r.patterns()) {
        g.writeStartObject();
        g.writeStringField("template", pattern.template());
        g.writeNumberField("count", pattern.count());
        g.writeArrayFieldStart("counts");
        for (long n : pattern.bucketCounts()) {
          g.writeNumber(n);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("sample_values");
        for (List<String> values : pattern.sampleValues()) {
          g.writeStartArray();
          for (String v : values) {
            g.writeString(v);
          }
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeStringField("sample_message", pattern.sampleMessage());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }));
  }

  void export(Context ctx) throws Exception {
    Caller caller = Auth.caller(ctx);
    Params p = new Params(ctx.queryParamMap(), EXPORT);
    Filters f = Filters.parse(p, caller, clock);
    String format = p.single("format");
    ExportFormat fmt;
    String type;
    String ext;
    if (format == null || format.toLowerCase(Locale.ROOT).equals("jsonl")) {
      fmt = ExportFormat.JSON_LINES;
      type = "application/x-ndjson";
      ext = "jsonl";
    } else if (format.toLowerCase(Locale.ROOT).equals("csv")) {
      fmt = ExportFormat.CSV;
      type = "text/csv; charset=utf-8";
      ext = "csv";
    } else {
      throw ApiException.badParameter("format", "format '" + Params.clip(format) + "' is unknown: use jsonl or csv");
    }
    long cap = limits.exportMaxRows();
    int limit = p.intValue("limit", (int) Math.min(Integer.MAX_VALUE, cap), 1, (int) Math.min(Integer.MAX_VALUE, cap));
    LogQuery q = f.query().build();
    ctx.status(200);
    ctx.contentType(type);
    ctx.header("Content-Disposition", "attachment; filename=\"platform-logs." + ext + "\"");
    ctx.header("X-Export-Row-Limit", Integer.toString(limit));
    OutputStream out = ctx.outputStream();
    try {
      store.export(q, fmt, out, limit, limits.exportStatementTimeout());
    } catch (SQLException e) {
      if (!QUERY_CANCELED.equals(e.getSQLState()) || ctx.res().isCommitted()) {
        // Rows already went out (the status cannot change any more): the failure ends the chunked
        // body without its last chunk, which clients report as an incomplete transfer.
        throw e;
      }
      ctx.res().reset(); // nothing sent yet: no attachment header, no partial rows; a JSON 503 instead
      throw new ApiException(503, "the export took longer than the export timeout of "
          + limits.exportStatementTimeout().toMillis() + " ms and was cancelled: narrow the time range"
          + " (since, until) or the filters, or ask for fewer rows (limit)", null);
    }
    out.flush();
  }

  /** SQLState of a statement cancelled by statement_timeout (or a cancel request). */
  private static final String QUERY_CANCELED = "57014";

  private static void json(Context ctx, byte[] body) {
    ctx.contentType("application/json");
    ctx.result(body);
  }
}
