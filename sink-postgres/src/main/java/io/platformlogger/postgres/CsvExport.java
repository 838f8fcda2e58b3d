package io.platformlogger.postgres;

import io.platformlogger.core.EntryField;
import io.platformlogger.core.LogEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes entries as RFC 4180 CSV: every field that needs it quoted, quotes doubled, CRLF rows.
 *
 * <p>Spreadsheets run a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, tab or
 * CR as a formula (CSV injection), and every field here may hold what a log line's author chose.
 * Such a cell gets a leading {@code '} and is quoted (OWASP's rule), so it shows as text; the
 * {@code '} is the only change, so a reader that knows the rule can strip it.
 */
final class CsvExport {
  /** The columns, in the table's order. */
  static final List<String> HEADER = Schema.COLUMNS;

  private final Writer out;

  CsvExport(Writer out) {
    this.out = out;
  }

  void header() throws IOException {
    for (int i = 0; i < HEADER.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(HEADER.get(i));
    }
    out.write("\r\n");
  }

  void row(LogEntry e) throws IOException {
    boolean first = true;
    for (EntryField f : EntryField.all()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      field(text(f, e));
    }
    out.write("\r\n");
  }

  /** A cell: data and lists as JSON (an empty list as an empty cell), everything else as text. */
  private static String text(EntryField f, LogEntry e) {
    switch (f.kind()) {
      case DATA:
        return CopyRows.dataJson(e.data());
      case TEXT_LIST:
        List<?> values = (List<?>) f.get(e);
        return values.isEmpty() ? null : CopyRows.json(values);
      default:
        return f.text(e);
    }
  }

  private void field(String s) throws IOException {
    if (s == null) {
      return; // an empty field: CSV has no null
    }
    boolean formula = isFormula(s);
    boolean quote = formula || s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    if (!quote) {
      out.write(s);
      return;
    }
    out.write('"');
    if (formula) {
      out.write('\'');
    }
    out.write(s.replace("\"", "\"\""));
    out.write('"');
  }

  /** Whether a spreadsheet would read the cell as a formula (OWASP's list of first characters). */
  static boolean isFormula(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }
}
