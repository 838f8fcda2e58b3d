package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes entries as RFC 4180 CSV: every field that needs it quoted, quotes doubled, CRLF rows. */
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
    boolean quote = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    if (!quote) {
      out.write(s);
      return;
    }
    out.write('"');
    out.write(s.replace("\"", "\"\""));
    out.write('"');
  }
}
