package io.platformlogger.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the one lexeme of a full-text query that the GIN index should look up when {@link
 * PageReader} reads the matches first: a rare one that every match must contain, when the others
 * are common, by PostgreSQL's own statistics of the {@code search} column. A GIN lookup of all of
 * a query's lexemes decodes the posting list of each: for {@code "connection refused" 123456} that
 * is a million entries each for {@code connect} and {@code refus} at 10 M rows, to find a handful;
 * the list of {@code 123456} alone is that handful, and the whole query is still tested on each
 * row it finds. How many rows hold a lexeme is estimated from each partition's most-common-elements
 * list (its frequency times the partition's rows; a lexeme missing from a list counts as none
 * there, as it is rarer than every listed one). The rarest is looked up alone when it is estimated
 * in at most a tenth as many rows as each other; otherwise the GIN index's own intersection of the
 * lists is cheaper than testing the rows of any one of them. Stateless and thread-safe.
 */
final class IndexLexeme {
  private IndexLexeme() {}

  /**
   * The lexeme (in tsquery syntax, quoted, ready to bind as {@code ?::tsquery}) to look up for
   * {@code text}, or null to look up the whole query: when no lexeme is required of every match
   * (an {@code or} at the top), there is only the one, or none is ten times rarer than the rest.
   */
  static String pick(ReadSession s, Schema schema, String text) throws SQLException {
    String tsquery;
    try (PreparedStatement ps = s.prepare("SELECT websearch_to_tsquery('" + Schema.TS_CONFIG + "', ?)::text")) {
      ps.setString(1, text);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        tsquery = rs.getString(1);
      }
    }
    List<String> required = required(tsquery);
    if (required.size() < 2) {
      return null;
    }
    // Rows per lexeme over the partitions (not the parent's own list, which would count them twice).
    String sql = "SELECT e.elem, sum(e.freq * greatest(c.reltuples, 0)) FROM pg_stats s"
        + " JOIN pg_class c ON c.relname = s.tablename AND c.relnamespace = s.schemaname::regnamespace"
        + " CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(elem, freq)"
        + " WHERE s.schemaname = ? AND s.tablename LIKE ? AND s.attname = 'search' AND NOT s.inherited"
        + " AND e.elem = ANY (?) GROUP BY e.elem";
    List<String> bare = new ArrayList<>(required.size());
    for (String quoted : required) {
      bare.add(unquote(quoted));
    }
    double[] rows = new double[required.size()];
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setString(1, schema.name());
      ps.setString(2, Schema.TABLE.replace("_", "\\_") + "%");
      ps.setArray(3, s.array("text", bare.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows[bare.indexOf(rs.getString(1))] = rs.getDouble(2);
        }
      }
    }
    int rarest = 0;
    for (int i = 1; i < rows.length; i++) {
      if (rows[i] < rows[rarest]) {
        rarest = i;
      }
    }
    for (int i = 0; i < rows.length; i++) {
      if (i != rarest && (rows[i] == 0 || rows[rarest] * 10 > rows[i])) {
        return null; // no statistics, or not rarer enough
      }
    }
    return required.get(rarest);
  }

  /**
   * The lexemes every match of {@code tsquery} (its text form, as PostgreSQL prints it) must
   * contain, quoted as printed: those of the top-level {@code &} operands that are a lexeme or a
   * phrase of lexemes. Empty when the top level has an {@code |}. Negations, groups, prefixes and
   * lexemes with quotes or backslashes are left out (the whole query is tested on every row anyway).
   */
  static List<String> required(String tsquery) {
    List<String> out = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < tsquery.length(); i++) {
      char c = tsquery.charAt(i);
      if (c == '\'') {
        quoted = !quoted; // a doubled quote inside a lexeme toggles twice
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == '|') {
        return List.of();
      } else if (!quoted && depth == 0 && c == '&') {
        operands.add(tsquery.substring(start, i));
        start = i + 1;
      }
    }
    operands.add(tsquery.substring(start));
    for (String operand : operands) {
      if (operand.contains("!") || operand.contains("(")) {
        continue;
      }
      for (String part : operand.trim().split("\\s*<(?:-|\\d+)>\\s*")) {
        if (part.length() > 2 && part.startsWith("'") && part.endsWith("'")
            && part.indexOf('\'', 1) == part.length() - 1 && part.indexOf('\\') < 0 && !out.contains(part)) {
          out.add(part);
        }
      }
    }
    return out;
  }

  private static String unquote(String quoted) {
    return quoted.substring(1, quoted.length() - 1);
  }
}
