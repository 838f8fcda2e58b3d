package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import io.platformlogger.core.patterns.MinerSettings;
import io.platformlogger.core.patterns.TemplateMiner;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PostgresLogStore#errorGroups}: signature groups, merged where their messages mine to one
 * template, in four statements.
 *
 * <ol>
 *   <li>The candidate signatures: the query's order, {@value #CANDIDATES_PER_GROUP} per group
 *       asked for (at least {@value #MIN_CANDIDATES}).
 *   <li>For each, the newest entry's full message, type and stack, and the first 1 000
 *       characters of its {@value #SAMPLES} newest messages (two statements, each an index walk
 *       per signature).
 *   <li>After mining: exact counts, times, levels, services and tenants per merged group, joined
 *       through a signature-to-group array.
 * </ol>
 *
 * Signatures merge only with the same error type and top frame (read back from the stack), so
 * one template never joins two different failures. A signature ranked below the candidates is
 * not merged into a group (its entries are left out of the merged counts); that bound keeps the
 * statements' cost independent of how many distinct errors a range holds.
 */
final class ErrorGroupReader {
  static final int CANDIDATES_PER_GROUP = 4;
  static final int MIN_CANDIDATES = 200;
  static final int SAMPLES = 20;

  /**
   * The messages mined together already share an error type and top frame, which is strong
   * evidence of one failure: two templates differing in one word are taken as one with a variable
   * there (the general default asks for four, as unrelated log lines often differ in one word).
   */
  private static final MinerSettings SAME_FAILURE = MinerSettings.DEFAULTS.withMergeMinValues(2);

  private static final String SEVERITY = "max(CASE level WHEN 'ERROR' THEN 4 WHEN 'WARN' THEN 3 WHEN 'INFO' THEN 2"
      + " WHEN 'DEBUG' THEN 1 ELSE 0 END)";

  private final Schema schema;

  ErrorGroupReader(Schema schema) {
    this.schema = schema;
  }

  /** One candidate signature and what the statements told about it. */
  private static final class Candidate {
    final String signature;
    final long count;
    final List<String> heads = new ArrayList<>(SAMPLES);
    Instant newest;
    String message;
    String errorType;
    String stack;
    String template;

    Candidate(String signature, long count) {
      this.signature = signature;
      this.count = count;
    }
  }

  List<ErrorGroup> read(ReadSession s, ErrorGroupQuery query) throws SQLException {
    return read(s, Where.of(query), query.order(), query.limit());
  }

  /**
   * The error groups among the entries {@code w} selects (it must hold {@code error_signature IS
   * NOT NULL} or a narrower condition), at most {@code limit}, in {@code order}.
   */
  List<ErrorGroup> read(ReadSession s, Where w, ErrorGroupQuery.Order order, int limit) throws SQLException {
    List<Candidate> candidates = candidates(s, w, order, limit);
    if (candidates.isEmpty()) {
      return List.of();
    }
    samples(s, w, candidates);
    List<List<Candidate>> merged = merge(candidates);
    return aggregate(s, w, order, limit, merged);
  }

  private List<Candidate> candidates(ReadSession c, Where w, ErrorGroupQuery.Order orderBy, int limit)
      throws SQLException {
    String order = orderBy == ErrorGroupQuery.Order.COUNT
        ? " ORDER BY n DESC, last_seen DESC, error_signature"
        : " ORDER BY last_seen DESC, n DESC, error_signature";
    String sql = "SELECT error_signature, count(*) AS n, max(timestamp) AS last_seen FROM " + schema.table()
        + w.sql() + " GROUP BY error_signature" + order + " LIMIT ?";
    List<Candidate> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepare(sql)) {
      int i = w.bind(ps, 1);
      ps.setInt(i, Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_GROUP));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Candidate(rs.getString(1), rs.getLong(2)));
        }
      }
    }
    return out;
  }

  /**
   * Two index walks per candidate (the {@code (error_signature, timestamp)} index): the newest
   * entry in full, then the first 1 000 characters of the {@value #SAMPLES} newest messages.
   */
  private void samples(ReadSession c, Where w, List<Candidate> candidates) throws SQLException {
    Map<String, Candidate> bySignature = new LinkedHashMap<>();
    candidates.forEach(k -> bySignature.put(k.signature, k));
    Array signatures = c.array("text", bySignature.keySet().toArray());
    String newest = "SELECT s.sig, p.message, p.error_type, p.error_stack, p.timestamp FROM unnest(?::text[]) AS s(sig)"
        + " CROSS JOIN LATERAL (SELECT message, error_type, error_stack, timestamp FROM " + schema.table() + w.sql()
        + " AND error_signature = s.sig ORDER BY timestamp DESC, id DESC LIMIT 1) p";
    try (PreparedStatement ps = c.prepare(newest)) {
      ps.setArray(1, signatures);
      w.bind(ps, 2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Candidate k = bySignature.get(rs.getString(1));
          k.message = rs.getString(2);
          k.errorType = rs.getString(3);
          k.stack = rs.getString(4);
          k.newest = EntryRows.instant(rs, "timestamp");
        }
      }
    }
    String heads = "SELECT s.sig, p.head FROM unnest(?::text[]) WITH ORDINALITY AS s(sig, ord)"
        + " CROSS JOIN LATERAL (SELECT left(message, 1000) AS head, timestamp, id FROM " + schema.table() + w.sql()
        + " AND error_signature = s.sig ORDER BY timestamp DESC, id DESC LIMIT ?) p"
        + " ORDER BY s.ord, p.timestamp DESC, p.id DESC";
    try (PreparedStatement ps = c.prepare(heads)) {
      ps.setArray(1, signatures);
      int i = w.bind(ps, 2);
      ps.setInt(i, SAMPLES);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          bySignature.get(rs.getString(1)).heads.add(rs.getString(2));
        }
      }
    }
  }

  /**
   * Mines the samples of each (error type, top frame) with one miner, and returns the candidates
   * grouped by equal template within it, in candidate order.
   */
  private static List<List<Candidate>> merge(List<Candidate> candidates) {
    Map<String, TemplateMiner> miners = new LinkedHashMap<>();
    Map<Candidate, io.platformlogger.core.patterns.Template> newest = new LinkedHashMap<>();
    for (Candidate k : candidates) {
      TemplateMiner miner = miners.computeIfAbsent(key(k), x -> new TemplateMiner(SAME_FAILURE));
      for (int i = k.heads.size() - 1; i >= 0; i--) { // oldest first, the newest's handle last
        io.platformlogger.core.patterns.Template t = miner.add(k.heads.get(i));
        if (i == 0) {
          newest.put(k, t);
        }
      }
    }
    miners.values().forEach(TemplateMiner::consolidate);
    Map<String, List<Candidate>> groups = new LinkedHashMap<>();
    for (Candidate k : candidates) {
      io.platformlogger.core.patterns.Template t = newest.get(k);
      k.template = t == null ? "" : t.text();
      groups.computeIfAbsent(key(k) + "\u0000" + k.template, x -> new ArrayList<>()).add(k);
    }
    return new ArrayList<>(groups.values());
  }

  private static String key(Candidate k) {
    return (k.errorType == null ? "" : k.errorType) + "\u0000" + StackText.topFrame(k.stack);
  }

  private List<ErrorGroup> aggregate(ReadSession c, Where w, ErrorGroupQuery.Order orderBy, int limit,
      List<List<Candidate>> groups) throws SQLException {
    List<String> signatures = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      for (Candidate k : groups.get(g)) {
        signatures.add(k.signature);
        numbers.add(g);
      }
    }
    String sql = "SELECT m.grp, count(*) AS n, min(timestamp) AS first_seen, max(timestamp) AS last_seen, "
        + SEVERITY + " AS severity, array_remove(array_agg(DISTINCT service), NULL) AS services,"
        + " count(DISTINCT tenant_id) AS tenants FROM " + schema.table()
        + " JOIN unnest(?::text[], ?::int[]) AS m(sig, grp) ON error_signature = m.sig"
        + w.sql() + " GROUP BY m.grp";
    List<ErrorGroup> out = new ArrayList<>(groups.size());
    try (PreparedStatement ps = c.prepare(sql)) {
      ps.setArray(1, c.array("text", signatures.toArray()));
      ps.setArray(2, c.array("int4", numbers.toArray()));
      w.bind(ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Candidate> members = groups.get(rs.getInt("grp"));
          Array services = rs.getArray("services");
          out.add(group(members, rs.getLong("n"), EntryRows.instant(rs, "first_seen"),
              EntryRows.instant(rs, "last_seen"), severity(rs.getInt("severity")),
              services == null ? List.of() : Arrays.asList((String[]) services.getArray()),
              rs.getLong("tenants")));
        }
      }
    }
    Comparator<ErrorGroup> byCount = Comparator.comparingLong(ErrorGroup::count).reversed();
    Comparator<ErrorGroup> byLast = Comparator.comparing(ErrorGroup::lastSeen).reversed();
    Comparator<ErrorGroup> order = orderBy == ErrorGroupQuery.Order.COUNT
        ? byCount.thenComparing(byLast) : byLast.thenComparing(byCount);
    out.sort(order.thenComparing(ErrorGroup::errorSignature));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private static ErrorGroup group(List<Candidate> members, long n, Instant first, Instant last, Level level,
      List<String> services, long tenants) {
    List<Candidate> byCount = new ArrayList<>(members);
    byCount.sort(Comparator.comparingLong((Candidate k) -> k.count).reversed()); // stable: candidate order on ties
    Candidate newest = members.get(0);
    for (Candidate k : members) {
      if (k.newest != null && (newest.newest == null || k.newest.isAfter(newest.newest))) {
        newest = k;
      }
    }
    String title = newest.template;
    SampleValues values = new SampleValues(title);
    for (Candidate k : byCount) {
      k.heads.forEach(values::add);
    }
    return new ErrorGroup(byCount.get(0).signature, n, first, last, level, services, tenants,
        newest.message, newest.errorType, newest.stack, title,
        byCount.stream().map(k -> k.signature).toList(),
        values.toList());
  }

  static Level severity(int s) {
    switch (s) {
      case 4: return Level.ERROR;
      case 3: return Level.WARN;
      case 2: return Level.INFO;
      case 1: return Level.DEBUG;
      default: return Level.TRACE;
    }
  }
}
