package io.platformlogger.postgres;

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
  static final List<String> HEADER =
      List.of(
          "id", "timestamp", "level", "message", "data", "service", "environment", "version",
          "region", "instance_id", "event_type", "stream", "tenant_id", "tenant_slug",
          "workspace_id", "project_id", "user_id", "session_id", "impersonator_id", "request_id",
          "trace_id", "span_id", "source_file", "source_line", "source_class", "source_method",
          "action", "error_type", "error_code", "error_stack", "error_signature", "logger_name",
          "thread_name", "markers", "sanitized");

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
    Object[] f = {
      e.id(), e.timestamp().toString(), e.level().name(), e.message(), CopyRows.dataJson(e.data()),
      e.service(), e.environment() == null ? null : e.environment().wireName(), e.version(),
      e.region(), e.instanceId(), e.eventType(), e.stream(), e.tenantId(), e.tenantSlug(),
      e.workspaceId(), e.projectId(), e.userId(), e.sessionId(), e.impersonatorId(),
      e.requestId(), e.traceId(), e.spanId(), e.sourceFile(),
      e.sourceLine() == null ? null : e.sourceLine().toString(), e.sourceClass(),
      e.sourceMethod(), e.action(), e.errorType(), e.errorCode(), e.errorStack(),
      e.errorSignature(), e.loggerName(), e.threadName(),
      e.markers().isEmpty() ? null : CopyRows.json(e.markers()),
      e.sanitized().isEmpty() ? null : CopyRows.json(e.sanitized())
    };
    for (int i = 0; i < f.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      field((String) f[i]);
    }
    out.write("\r\n");
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
