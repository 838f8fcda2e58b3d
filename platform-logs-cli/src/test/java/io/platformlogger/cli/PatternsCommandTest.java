package io.platformlogger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real {@code patterns} command and the merged {@code errors} groups, in-process, against a real PostgreSQL. */
@ExtendWith(TestPostgres.class)
class PatternsCommandTest {
  private static final Instant BASE = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
  private static final String STACK = "com.acme.NotFound: x\n\tat com.acme.Users.find(Users.java:4)";
  private static String schema;

  @BeforeAll
  static void seed() throws Exception {
    List<LogEntry> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(entry(60 * i, Level.INFO, "t1", "Accepted password for user" + (char) ('a' + i % 5) + " from 10.0.0." + i));
      if (i % 4 == 0) {
        all.add(entry(60 * i + 1, Level.WARN, "t1", "Disk usage " + (80 + i) + "% on /var"));
      }
    }
    all.add(entry(5, Level.INFO, "t2", "Other tenant says hello"));
    for (String user : List.of("alice", "bob", "alice")) {
      all.add(LogEntry.builder().timestamp(BASE.plusSeconds(2000 + all.size())).level(Level.ERROR).tenantId("t1")
          .service("accounts").message("User " + user + " not found").errorType("com.acme.NotFound")
          .errorSignature("sig-" + user).errorStack(STACK).build());
    }
    schema = TestPostgres.newSchema();
    TestPostgres.seed(schema, all);
  }

  private static LogEntry entry(int second, Level level, String tenant, String message) {
    return LogEntry.builder().timestamp(BASE.plusSeconds(second)).level(level).tenantId(tenant).service("auth")
        .message(message).build();
  }

  private static String[] args(String command, String... more) {
    return TestPostgres.args(schema, command, more);
  }

  @Test
  void patternsPrintsTemplatesMostEntriesFirstWithTrendAndSampleValues() {
    CliRun r = CliRun.run(args("patterns", "--tenant", "t1"));

    assertThat(r.exitCode).isZero();
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertThat(lines.get(0)).matches("COUNT +SHARE +TREND +PATTERN");
    assertThat(lines.get(1)).matches(" +20 +71\\.4% +\\S.* +Accepted password for <\\*> from <\\*>");
    assertThat(lines.get(2)).contains("<1>=usere | userd | userc", "<2>=10.0.0.19 | 10.0.0.18");
    assertThat(lines.get(3)).matches(" +5 +17\\.9% +.* +Disk usage <\\*> on /var");
    assertThat(lines.get(5)).matches(" +2 +7\\.1% +.* +User alice not found");
    assertThat(r.out()).doesNotContain("Other tenant");
    assertThat(r.err()).startsWith("platform-logs: 28 entries mined, 4 patterns; trend from ")
        .contains("in buckets of 1m");
  }

  @Test
  void patternsAsJsonHaveCountsPerBucketThatAddUp() throws Exception {
    CliRun r = CliRun.run(args("patterns", "--tenant", "t1", "--level", "warn", "--bucket", "10m", "-o", "json"));

    assertThat(r.exitCode).isZero();
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(1);
    Map<String, Object> p = flat(lines.get(0));
    assertThat(p.get("template")).isEqualTo("Disk usage <*> on /var");
    assertThat(p.get("count")).isEqualTo(5L);
    assertThat(p.get("bucket")).isEqualTo("PT10M");
    @SuppressWarnings("unchecked")
    List<Object> buckets = (List<Object>) p.get("bucket_counts");
    assertThat(buckets.stream().mapToLong(o -> (Long) o).sum()).isEqualTo(5);
    assertThat(p.get("sample_message")).isEqualTo("Disk usage 96% on /var");
  }

  @Test
  void aSmallSampleSaysOlderEntriesWereLeftOut() {
    CliRun r = CliRun.run(args("patterns", "--tenant", "t1", "--sample", "3", "--limit", "1"));

    assertThat(r.exitCode).isZero();
    assertThat(r.out().lines().count()).isBetween(2L, 3L);
    assertThat(r.err()).contains("3 entries mined (the newest; older ones were left out");
  }

  @Test
  void badPatternsArgumentsEndWithCode2AndNameTheOption() {
    CliRun zero = CliRun.run(args("patterns", "--tenant", "t1", "--sample", "0"));
    assertThat(zero.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).contains("--sample 0: use 1 to 1000000");

    CliRun width = CliRun.run(args("patterns", "--tenant", "t1", "--bucket", "soon"));
    assertThat(width.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(width.err()).contains("'soon' is not a bucket width");

    CliRun tiny = CliRun.run(args("patterns", "--tenant", "t1", "--bucket", "1ms"));
    assertThat(tiny.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(tiny.err()).contains("--bucket 1ms", "use a wider bucket");

    CliRun order = CliRun.run(args("patterns", "--tenant", "t1", "--oldest-first"));
    assertThat(order.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(order.err()).contains("--oldest-first does not apply");

    CliRun noTenant = CliRun.run(args("patterns"));
    assertThat(noTenant.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(noTenant.err()).contains("no tenant given");
  }

  @Test
  void errorsShowsSignaturesSharingATemplateAsOneTitledGroup() {
    CliRun r = CliRun.run(args("errors", "--tenant", "t1", "--since", "4h"));

    assertThat(r.exitCode).isZero();
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("sig-alice+1 ").contains(" 3 ")
        .endsWith("com.acme.NotFound: User <*> not found");

    CliRun json = CliRun.run(args("errors", "--tenant", "t1", "--since", "4h", "-o", "json"));
    assertThat(json.out()).contains("\"title\":\"User <*> not found\"",
        "\"error_signatures\":[\"sig-alice\",\"sig-bob\"]", "\"sample_values\":[[\"alice\",\"bob\"]]");
  }

  /** The top-level fields of one JSON object; arrays of numbers as lists. */
  private static Map<String, Object> flat(String json) throws Exception {
    Map<String, Object> out = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          List<Object> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_ARRAY) {
              p.skipChildren();
              items.add("[...]");
            } else {
              items.add(p.currentToken() == JsonToken.VALUE_NUMBER_INT ? (Object) p.getLongValue() : p.getText());
            }
          }
          out.put(name, items);
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          out.put(name, p.getLongValue());
        } else {
          out.put(name, p.getText());
        }
      }
    }
    return out;
  }
}
