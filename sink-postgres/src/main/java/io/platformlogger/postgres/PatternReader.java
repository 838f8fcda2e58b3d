package io.platformlogger.postgres;

import io.platformlogger.core.patterns.Template;
import io.platformlogger.core.patterns.TemplateMiner;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link PostgresLogStore#patterns}: streams the newest matching messages (first 1 000
 * characters) through one {@link TemplateMiner}, then counts entries per final template and time
 * bucket. Memory: the miner's cap, a timestamp and a handle per sampled entry, and at most {@value
 * #HEADS_PER_TEMPLATE} messages per template (at most {@value #MAX_HEADS} in all) for sample values.
 */
final class PatternReader {
  private static final int FETCH = 1000;
  private static final int HEADS_PER_TEMPLATE = 3;
  private static final int MAX_HEADS = 30_000;
  private static final int AUTO_BUCKETS = 60;
  private static final Duration[] NICE = {
    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
    Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
    Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7)
  };

  private final Schema schema;

  PatternReader(Schema schema) {
    this.schema = schema;
  }

  PatternReport read(ReadSession s, PatternQuery query) throws SQLException {
    LogQuery filter = query.filter();
    Where w = Where.of(filter);
    String sql = "SELECT timestamp, left(message, 1000) AS head FROM " + schema.table() + w.sql()
        + " ORDER BY timestamp DESC, id DESC LIMIT ?";
    TemplateMiner miner = new TemplateMiner();
    List<Template> handles = new ArrayList<>();
    long[] micros = new long[1024];
    Map<Template, List<String>> heads = new IdentityHashMap<>();
    int keptHeads = 0;
    // Inside the session's transaction: a server-side cursor, rows arrive in chunks, not all at once.
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setFetchSize(FETCH);
      int i = w.bind(ps, 1);
      ps.setInt(i, query.sampleSize());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
          String head = rs.getString(2);
          Template t = miner.add(head);
          int n = handles.size();
          if (n == micros.length) {
            micros = Arrays.copyOf(micros, n * 2);
          }
          micros[n] = ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
          handles.add(t);
          List<String> kept = heads.computeIfAbsent(t, k -> new ArrayList<>(HEADS_PER_TEMPLATE));
          if (kept.size() < HEADS_PER_TEMPLATE && keptHeads < MAX_HEADS && head != null) {
            kept.add(head);
            keptHeads++;
          }
        }
      }
    }
    miner.consolidate();
    return report(query, filter, handles, micros, heads);
  }

  private static PatternReport report(PatternQuery query, LogQuery filter, List<Template> handles, long[] micros,
      Map<Template, List<String>> heads) {
    int n = handles.size();
    if (n == 0) {
      return new PatternReport(List.of(), 0, false, 0, null, null);
    }
    boolean full = n >= query.sampleSize();
    // rows are newest first
    long newest = micros[0];
    long oldest = micros[n - 1];
    long start = !full && filter.from() != null ? micros(filter.from()) : oldest;
    long end = filter.to() != null ? micros(filter.to()) : newest + 1;
    end = Math.max(end, start + 1);
    long width = query.bucket() != null ? query.bucket().toNanos() / 1000 : autoBucket(end - start);
    width = Math.max(1, width);
    long first = Math.floorDiv(start, width) * width;
    long buckets = (end - first + width - 1) / width;
    if (buckets > PatternQuery.MAX_BUCKETS) {
      throw new IllegalArgumentException("bucket " + query.bucket() + " makes " + buckets
          + " buckets over the window: use a wider bucket (at most " + PatternQuery.MAX_BUCKETS + " buckets)");
    }
    Map<String, Tally> byText = new HashMap<>();
    List<Tally> order = new ArrayList<>();
    Map<Template, String> texts = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      Template t = handles.get(i);
      String text = texts.computeIfAbsent(t, Template::text);
      Tally tally = byText.get(text);
      if (tally == null) {
        tally = new Tally(text, (int) buckets);
        byText.put(text, tally);
        order.add(tally);
      }
      tally.count++;
      tally.members.add(t);
      long b = Math.floorDiv(micros[i] - first, width);
      if (b >= 0 && b < buckets) {
        tally.buckets[(int) b]++;
      }
    }
    order.sort((a, b) -> a.count != b.count ? Long.compare(b.count, a.count) : a.text.compareTo(b.text));
    List<LogPattern> patterns = new ArrayList<>();
    for (Tally t : order.subList(0, Math.min(order.size(), query.limit()))) {
      patterns.add(t.pattern(heads));
    }
    return new PatternReport(patterns, n, full, order.size(),
        Instant.EPOCH.plus(first, ChronoUnit.MICROS), Duration.of(width, ChronoUnit.MICROS));
  }

  /** The smallest round width giving at most {@value #AUTO_BUCKETS} buckets over the window. */
  static long autoBucket(long windowMicros) {
    for (Duration d : NICE) {
      long w = d.toNanos() / 1000;
      if (windowMicros / w < AUTO_BUCKETS) {
        return w;
      }
    }
    long week = NICE[NICE.length - 1].toNanos() / 1000;
    return (windowMicros / AUTO_BUCKETS / week + 1) * week;
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  /** The entries of one final template. */
  private static final class Tally {
    final String text;
    final long[] buckets;
    final Set<Template> members = java.util.Collections.newSetFromMap(new LinkedHashMap<>());
    long count;

    Tally(String text, int buckets) {
      this.text = text;
      this.buckets = new long[buckets];
    }

    LogPattern pattern(Map<Template, List<String>> heads) {
      SampleValues values = new SampleValues(text);
      String sample = null;
      for (Template m : members) {
        for (String head : heads.getOrDefault(m, List.of())) {
          if (sample == null) {
            sample = head; // members in row order: the first kept head is the newest
          }
          values.add(head);
        }
      }
      List<Long> counts = new ArrayList<>(buckets.length);
      for (long b : buckets) {
        counts.add(b);
      }
      return new LogPattern(text, count, counts, values.toList(), sample);
    }
  }
}
