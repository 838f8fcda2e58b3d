package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Export to spreadsheets: a cell a log line's author controls never runs as a formula. */
class CsvExportTest {
  private static String row(LogEntry e) throws Exception {
    StringWriter w = new StringWriter();
    new CsvExport(w).row(e);
    return w.toString();
  }

  private static LogEntry entry(String message) {
    return LogEntry.builder().id("0190a6f0-0000-7000-8000-000000000001")
        .timestamp(Instant.parse("2026-12-06T10:00:00Z")).level(Level.INFO).message(message).build();
  }

  @Test
  void aCellStartingWithAFormulaCharacterGetsALeadingQuoteAndIsQuoted() throws Exception {
    assertThat(row(entry("=HYPERLINK(\"http://evil\",\"click\")")))
        .contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",");
    assertThat(row(entry("+1+cmd|' /C calc'!A0"))).contains(",\"'+1+cmd|' /C calc'!A0\",");
    assertThat(row(entry("-2+3"))).contains(",\"'-2+3\",");
    assertThat(row(entry("@SUM(A1)"))).contains(",\"'@SUM(A1)\",");
    assertThat(row(entry("\t=1"))).contains(",\"'\t=1\",");
    assertThat(row(entry("\r=1"))).contains(",\"'\r=1\",");
  }

  @Test
  void everyFieldIsDefusedNotOnlyTheMessage() throws Exception {
    LogEntry e = entry("fine").toBuilder().tenantId("=cmd").userId("@x").service("-svc").build();
    String row = row(e);
    assertThat(row).contains(",\"'=cmd\",").contains(",\"'@x\",").contains(",\"'-svc\",");
  }

  @Test
  void ordinaryCellsAreUnchanged() throws Exception {
    assertThat(row(entry("order 1 placed, twice")))
        .startsWith("0190a6f0-0000-7000-8000-000000000001,2026-12-06T10:00:00Z,INFO,\"order 1 placed, twice\",");
    assertThat(row(entry("a=b"))).contains(",a=b,");
  }
}
