package io.platformlogger.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.platformlogger.core.console.Escaping;
import io.platformlogger.postgres.LogPattern;
import io.platformlogger.postgres.PatternReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Renders a pattern report: for people a table (count, share of the sample, a trend line, the
 * template) with each pattern's sample values below it; for tools one JSON object per pattern.
 */
final class PatternTable {
  /** Characters of the trend line; buckets are summed in groups to fit. */
  static final int TREND_CHARS = 24;
  private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
  private static final int VALUES_SHOWN = 3;
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private PatternTable() {}

  static void pretty(PatternReport report, PrintStream out) {
    int countWidth = "COUNT".length();
    for (LogPattern p : report.patterns()) {
      countWidth = Math.max(countWidth, Long.toString(p.count()).length());
    }
    StringBuilder sb = new StringBuilder();
    sb.append(pad("COUNT", countWidth, true)).append("  ").append(" SHARE").append("  ")
        .append(pad("TREND", TREND_CHARS, false)).append("  PATTERN\n");
    for (LogPattern p : report.patterns()) {
      double share = 100.0 * p.count() / report.sampled();
      sb.append(pad(Long.toString(p.count()), countWidth, true)).append("  ")
          .append(String.format(Locale.ROOT, "%5.1f%%", share)).append("  ")
          .append(pad(trend(p.bucketCounts()), TREND_CHARS, false)).append("  ")
          .append(EntryPrinter.escapeForPrefix(p.template())).append('\n');
      List<List<String>> values = p.sampleValues();
      if (!values.isEmpty()) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
          List<String> shown = values.get(i).subList(0, Math.min(VALUES_SHOWN, values.get(i).size()));
          v.append(i == 0 ? "" : "  ").append("<").append(i + 1).append(">=")
              .append(EntryPrinter.escapeForPrefix(String.join(" | ", shown)));
          if (values.get(i).size() > VALUES_SHOWN) {
            v.append(" | …");
          }
        }
        sb.append(" ".repeat(countWidth + 2 + 6 + 2 + TREND_CHARS + 2)).append(cut(v.toString(), 160)).append('\n');
      }
    }
    out.print(sb);
  }

  static void json(PatternReport report, PrintStream out) throws IOException {
    for (LogPattern p : report.patterns()) {
      StringWriter line = new StringWriter();
      try (JsonGenerator j = JSON.createGenerator(line)) {
        j.writeStartObject();
        j.writeStringField("template", p.template());
        j.writeNumberField("count", p.count());
        j.writeNumberField("sampled", report.sampled());
        j.writeBooleanField("sample_full", report.sampleFull());
        j.writeStringField("bucket_start", TIME.format(report.bucketStart()));
        j.writeStringField("bucket", report.bucket().toString());
        j.writeArrayFieldStart("bucket_counts");
        for (long c : p.bucketCounts()) {
          j.writeNumber(c);
        }
        j.writeEndArray();
        ErrorTable.writeValues(j, "sample_values", p.sampleValues());
        j.writeStringField("sample_message", p.sampleMessage());
        j.writeEndObject();
      }
      // as for error groups: escapes mean the same characters in JSON, and keep the terminal safe
      out.print(Escaping.escape(line.toString()));
      out.print('\n');
    }
  }

  /** The line for standard error: what was mined and what the trend's buckets are. */
  static String summary(PatternReport report) {
    return "platform-logs: " + report.sampled() + " entries mined"
        + (report.sampleFull() ? " (the newest; older ones were left out: raise --sample or narrow the filters)" : "")
        + ", " + report.totalPatterns() + " patterns; trend from " + TIME.format(report.bucketStart())
        + " in buckets of " + duration(report.bucket());
  }

  /** Bucket counts as a bar per group of buckets, scaled to the largest group. */
  static String trend(List<Long> counts) {
    if (counts.isEmpty()) {
      return "";
    }
    int per = (counts.size() + TREND_CHARS - 1) / TREND_CHARS;
    int cells = (counts.size() + per - 1) / per;
    long[] sums = new long[cells];
    long max = 0;
    for (int i = 0; i < counts.size(); i++) {
      sums[i / per] += counts.get(i);
      max = Math.max(max, sums[i / per]);
    }
    StringBuilder sb = new StringBuilder(cells);
    for (long s : sums) {
      sb.append(s == 0 ? ' ' : BARS[(int) Math.min(BARS.length - 1, (s * BARS.length - 1) / Math.max(1, max))]);
    }
    return sb.toString();
  }

  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.getSeconds();
    if (d.getNano() != 0 || s == 0) {
      return d.toMillis() + "ms";
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static String pad(String s, int width, boolean right) {
    int n = Math.max(0, width - s.codePointCount(0, s.length()));
    return right ? " ".repeat(n) + s : s + " ".repeat(n);
  }

  private static String cut(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** {@code --bucket}: a width such as 30s, 5m, 1h or 1d. */
  static final class BucketConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern WIDTH = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
      Matcher m = WIDTH.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a bucket width: use a positive number with ms, s, m, h or d (30s, 5m, 1h)");
      }
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": return Duration.ofMillis(n);
        case "s": return Duration.ofSeconds(n);
        case "m": return Duration.ofMinutes(n);
        case "h": return Duration.ofHours(n);
        default: return Duration.ofDays(n);
      }
    }
  }
}
