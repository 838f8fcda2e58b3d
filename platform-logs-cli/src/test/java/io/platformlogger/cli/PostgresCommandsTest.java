package io.platformlogger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real {@code query}, {@code export} and {@code errors} commands, in-process, against a real PostgreSQL. */
@ExtendWith(TestPostgres.class)
class PostgresCommandsTest {
  private static final Instant BASE = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final List<LogEntry> ALL = new ArrayList<>();
  private static String schema;

  private static LogEntry add(int second, Level level, String tenant, String service, String message,
      UnaryOperator<LogEntry.Builder> more) {
    LogEntry e = more.apply(LogEntry.builder()
        .timestamp(BASE.plusSeconds(second)).level(level).tenantId(tenant).service(service).message(message))
        .build();
    ALL.add(e);
    return e;
  }

  @BeforeAll
  static void seed() throws Exception {
    add(1, Level.INFO, "t1", "checkout", "order 1 placed", b -> b.traceId(TRACE));
    add(2, Level.WARN, "t1", "billing", "payment retry, attempt \"2\"", b -> b);
    add(3, Level.ERROR, "t1", "billing", "connection refused by gateway", b -> b
        .errorType("java.net.ConnectException").errorSignature("sig-conn").errorStack("java.net.ConnectException: refused"));
    add(4, Level.ERROR, "t1", "checkout", "connection refused again", b -> b
        .errorType("java.net.ConnectException").errorSignature("sig-conn").errorStack("stack 4").traceId(TRACE));
    add(5, Level.ERROR, "t1", "billing", "disk full", b -> b
        .errorType("java.io.IOException").errorSignature("sig-disk").errorStack("stack 5"));
    add(6, Level.DEBUG, "t1", "checkout", "cache warm,\nline two", b -> b);
    add(7, Level.ERROR, "t2", "search", "connection refused for the other tenant", b -> b
        .errorType("java.net.ConnectException").errorSignature("sig-conn").errorStack("stack 7"));
    for (int i = 0; i < 7; i++) {
      add(100 + i, Level.INFO, "t3", "paging", "page entry " + i, b -> b);
    }
    schema = TestPostgres.newSchema();
    TestPostgres.seed(schema, ALL);
  }

  private static String[] args(String command, String... more) {
    return argsIn(schema, command, more);
  }

  private static String[] argsIn(String schema, String command, String... more) {
    return TestPostgres.args(schema, command, more);
  }

  private static String at(int second) {
    return BASE.plusSeconds(second).toString().replace("Z", ".000Z");
  }

  private static List<String> messages(String jsonLines) {
    return jsonLines.lines().map(l -> LogEntryJson.decode(l).message()).collect(Collectors.toList());
  }

  @Test
  void queryPrintsOneTenantsEntriesNewestFirstPrefixedByService() {
    CliRun r = CliRun.run(args("query", "--tenant", "t1", "--level", "warn"));
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode).isZero();
    assertThat(r.out()).isEqualTo("billing | " + at(2) + " WARN  payment retry, attempt \"2\" tenant=t1\n");

    CliRun errors = CliRun.run(args("query", "--tenant", "t1", "--level", "warn,error"));
    assertThat(errors.exitCode).isZero();
    assertThat(errors.out()).startsWith("billing | " + at(5) + " ERROR disk full");
    assertThat(errors.out().lines().filter(l -> l.contains(" | 20")).map(l -> l.substring(0, l.indexOf(" | "))))
        .containsExactly("billing", "checkout", "billing ", "billing ");
    assertThat(errors.out()).doesNotContain("other tenant", "order 1 placed", "cache warm");
  }

  @Test
  void queryAsJsonPrintsEntriesThatDecodeBackToTheStoredOnes() {
    CliRun r = CliRun.run(args("query", "--tenant", "t1", "--output", "json", "--oldest-first"));
    assertThat(r.exitCode).isZero();
    List<LogEntry> printed = r.out().lines().map(LogEntryJson::decode).collect(Collectors.toList());
    List<LogEntry> t1 = ALL.stream().filter(e -> "t1".equals(e.tenantId())).collect(Collectors.toList());
    assertThat(printed).hasSameSizeAs(t1);
    for (int i = 0; i < t1.size(); i++) {
      assertThat(printed.get(i).id()).isEqualTo(t1.get(i).id());
      assertThat(printed.get(i).message()).isEqualTo(t1.get(i).message());
      assertThat(printed.get(i).timestamp()).isEqualTo(t1.get(i).timestamp());
    }
  }

  @Test
  void queryFiltersByServiceSearchTraceAndTimeRange() {
    assertThat(messages(CliRun.run(args("query", "--tenant", "t1", "-o", "json", "--service", "checkout")).out()))
        .containsExactly("cache warm,\nline two", "connection refused again", "order 1 placed");
    assertThat(messages(CliRun.run(args("query", "--tenant", "t1", "-o", "json", "--search", "connection refused")).out()))
        .containsExactly("connection refused again", "connection refused by gateway");
    assertThat(messages(CliRun.run(args("query", "--tenant", "t1", "-o", "json", "--trace", TRACE)).out()))
        .containsExactly("connection refused again", "order 1 placed");
    assertThat(messages(CliRun.run(args("query", "--tenant", "t1", "-o", "json",
            "--since", BASE.plusSeconds(2).toString(), "--until", BASE.plusSeconds(4).toString())).out()))
        .containsExactly("connection refused by gateway", "payment retry, attempt \"2\"");
    assertThat(messages(CliRun.run(args("query", "--all-tenants", "-o", "json", "--search", "connection")).out()))
        .containsExactly("connection refused for the other tenant", "connection refused again",
            "connection refused by gateway");
  }

  @Test
  void queryTakesSeveralServicesAndSeveralTenants() {
    assertThat(messages(CliRun.run(args("query", "--tenant", "t1,t2", "-o", "json", "--level", "error",
            "--service", "search", "--service", "checkout")).out()))
        .containsExactly("connection refused for the other tenant", "connection refused again");
    assertThat(messages(CliRun.run(args("query", "--tenant", "t1", "--tenant", "t3", "-o", "json",
            "--service", "billing,paging", "--limit", "100")).out()))
        .hasSize(10).doesNotContain("connection refused for the other tenant");
  }

  @Test
  void queryPagesWalkEveryEntryOnceByFollowingTheNextCursor() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      List<String> more = new ArrayList<>(List.of("--tenant", "t3", "--limit", "3", "-o", "json"));
      if (cursor != null) {
        more.addAll(List.of("--cursor", cursor));
      }
      CliRun r = CliRun.run(args("query", more.toArray(new String[0])));
      assertThat(r.exitCode).isZero();
      seen.addAll(messages(r.out()));
      List<String> cursorLines = r.err().lines().filter(l -> l.startsWith(QueryCommand.NEXT_CURSOR)).collect(Collectors.toList());
      assertThat(r.err().lines().count()).isEqualTo(cursorLines.size());
      cursor = cursorLines.isEmpty() ? null : cursorLines.get(0).substring(QueryCommand.NEXT_CURSOR.length());
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(
        "page entry 6", "page entry 5", "page entry 4", "page entry 3", "page entry 2", "page entry 1", "page entry 0");
  }

  @Test
  void exportWritesJsonLinesOfEveryMatchingEntry() {
    CliRun r = CliRun.run(args("export", "--all-tenants", "--level", "error", "--oldest-first"));
    assertThat(r.exitCode).isZero();
    assertThat(messages(r.out())).containsExactly(
        "connection refused by gateway", "connection refused again", "disk full",
        "connection refused for the other tenant");
    assertThat(r.err()).isEqualTo("platform-logs: exported 4 entries\n");
  }

  @Test
  void exportAsCsvQuotesCommasQuotesAndLineBreaks() {
    CliRun r = CliRun.run(args("export", "--format", "csv", "--tenant", "t1", "--oldest-first",
        "--since", BASE.plusSeconds(2).toString()));
    assertThat(r.exitCode).isZero();
    String csv = r.out();
    assertThat(csv).startsWith("id,timestamp,level,message,data,service,");
    String[] rows = csv.split("\r\n");
    assertThat(rows).hasSize(1 + 5);
    assertThat(rows[1]).contains(",WARN,\"payment retry, attempt \"\"2\"\"\",").contains(",billing,");
    assertThat(csv).contains(",DEBUG,\"cache warm,\nline two\",");
    assertThat(r.err()).isEqualTo("platform-logs: exported 5 entries\n");
  }

  @Test
  void exportToATerminalEscapesBidiControlsAndInvisibleCharactersButNotToAFile() throws Exception {
    String hostile = TestPostgres.newSchema();
    String rlo = "\u202e";
    String tag = new String(Character.toChars(0xE0041));
    TestPostgres.seed(hostile, List.of(LogEntry.builder().timestamp(BASE).level(Level.ERROR).tenantId("t1")
        .service("pay" + rlo + "ment").message("invoice" + rlo + "fdp.exe\u200b" + tag + "\u001b[2J")
        .errorType("java.lang.IllegalStateException").errorSignature("sig" + rlo).errorStack("s").build()));
    for (String format : List.of("json", "csv")) {
      CliRun tty = new CliRun(Map.of(), true);
      tty.exitCode = tty.cli.execute(argsIn(hostile, "export", "--format", format, "--all-tenants"));
      assertThat(tty.exitCode).isZero();
      assertThat(tty.out()).as(format).contains("\\u202e").doesNotContain(rlo).doesNotContain("\u200b")
          .doesNotContain(tag).doesNotContain("\u001b");
      CliRun file = CliRun.run(argsIn(hostile, "export", "--format", format, "--all-tenants"));
      assertThat(file.out()).as(format + " to a file keeps the stored text").contains("invoice" + rlo + "fdp.exe");
    }
    CliRun errors = CliRun.run(argsIn(hostile, "errors", "--all-tenants"));
    assertThat(errors.out()).contains("sig\\u202e").contains("pay\\u202ement").doesNotContain(rlo);
    CliRun errorsJson = CliRun.run(argsIn(hostile, "errors", "--all-tenants", "--output", "json"));
    assertThat(errorsJson.out()).contains("\\u202e").doesNotContain(rlo).doesNotContain(tag);
  }

  @Test
  void exportThatCannotWriteItsOutputEndsWithCode1InsteadOfLookingComplete() {
    PrintStream broken = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    }, true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PlatformLogs cli = new PlatformLogs(broken, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
    int code = cli.execute(args("export", "--all-tenants"));
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("platform-logs: writing standard output failed after ")
        .contains("the export is incomplete")
        .doesNotContain("exported");
  }

  @Test
  void errorsPrintsTheGroupsAsAnAlignedTableMostFrequentFirst() {
    CliRun r = CliRun.run(args("errors", "--all-tenants"));
    assertThat(r.exitCode).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches(
        "SIGNATURE +COUNT +FIRST SEEN +LAST SEEN +LEVEL +SERVICES +TENANTS +TITLE");
    assertThat(Arrays.asList(lines.get(1).split(" {2,}"))).containsExactly(
        "sig-conn", "3", at(3), at(7), "ERROR", "billing,checkout,search", "2",
        "java.net.ConnectException: connection refused for the other tenant");
    assertThat(Arrays.asList(lines.get(2).split(" {2,}"))).containsExactly(
        "sig-disk", "1", at(5), at(5), "ERROR", "billing", "1", "java.io.IOException: disk full");
    // aligned: every column starts at the same place in every row
    for (String column : List.of("FIRST SEEN", "LEVEL", "TITLE")) {
      int x = lines.get(0).indexOf(column);
      assertThat(lines.get(1).charAt(x - 1)).isEqualTo(' ');
      assertThat(lines.get(1).charAt(x)).isNotEqualTo(' ');
      assertThat(lines.get(2).charAt(x)).isNotEqualTo(' ');
    }
  }

  @Test
  void errorsForOneTenantOrderedByRecencyAsJson() {
    CliRun r = CliRun.run(args("errors", "--tenant", "t1", "--order", "recent", "-o", "json", "--since", "2h"));
    assertThat(r.exitCode).isZero();
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("{\"error_signature\":\"sig-disk\",\"count\":1,")
        .contains("\"services\":[\"billing\"]", "\"sample_message\":\"disk full\"");
    assertThat(lines.get(1)).startsWith("{\"error_signature\":\"sig-conn\",\"count\":2,")
        .contains("\"tenants\":1", "\"sample_message\":\"connection refused again\"");
  }

  @Test
  void errorsSaysSoWhenThereAreNoneInTheRange() {
    CliRun r = CliRun.run(args("errors", "--tenant", "t1", "--since", BASE.plusSeconds(500).toString()));
    assertThat(r.exitCode).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("platform-logs: no errors since ");
  }

  @Test
  void readsTheConnectionSettingsFromTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put(PostgresOptions.URL_ENV, TestPostgres.url());
    env.put(PostgresOptions.SCHEMA_ENV, schema);
    if (TestPostgres.user() != null) {
      env.put(PostgresOptions.USER_ENV, TestPostgres.user());
    }
    if (TestPostgres.password() != null) {
      env.put(PostgresOptions.PASSWORD_ENV, TestPostgres.password());
    }
    CliRun r = CliRun.run(env, "query", "--tenant", "t2", "-o", "json");
    assertThat(r.exitCode).isZero();
    assertThat(messages(r.out())).containsExactly("connection refused for the other tenant");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"query", "errors", "patterns"})
  void aReadCancelledAfterTheQueryTimeoutEndsWithCode5AndSaysWhatToChange(String command) throws Exception {
    try (java.sql.Connection locker = java.sql.DriverManager.getConnection(
            TestPostgres.url(), TestPostgres.user(), TestPostgres.password());
        java.sql.Statement st = locker.createStatement()) {
      locker.setAutoCommit(false);
      st.execute("LOCK TABLE " + schema + ".platform_logs IN ACCESS EXCLUSIVE MODE"); // every read waits for it
      CliRun r = CliRun.run(args(command, "--tenant", "t1", "--query-timeout", "200ms"));
      assertThat(r.exitCode).isEqualTo(ExitCodes.TIMEOUT);
      assertThat(r.err()).contains("cancelled the query after --query-timeout 200 ms", "raise --query-timeout");
      assertThat(r.out()).isEmpty();
      locker.rollback();
    }
    assertThat(CliRun.run(args(command, "--tenant", "t1", "--query-timeout", "30s")).exitCode).isZero();
  }

  @Test
  void aQueryTimeoutThatIsNoDurationIsAUsageError() {
    CliRun r = CliRun.run(args("query", "--tenant", "t1", "--query-timeout", "soon"));
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'soon' is not a timeout");
  }

  @Test
  void anUnreachableServerEndsWithCode3AndSaysWhatToCheck() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    for (String command : List.of("query", "export", "errors")) {
      CliRun r = CliRun.run(command, "--pg-url", "jdbc:postgresql://localhost:" + port + "/postgres", "--all-tenants");
      assertThat(r.exitCode).as(command).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).as(command)
          .startsWith("platform-logs: cannot connect to PostgreSQL at localhost:" + port + "/postgres: ")
          .contains("refused")
          .endsWith("(check --pg-url)\n");
    }
  }

  @Test
  void anUnknownHostEndsWithCode3AndNamesTheHost() {
    CliRun r = CliRun.run("errors", "--pg-url", "jdbc:postgresql://no-such-host.invalid/logs", "--all-tenants");
    assertThat(r.exitCode).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err())
        .startsWith("platform-logs: cannot connect to PostgreSQL at no-such-host.invalid/logs: ")
        .contains("UnknownHostException: no-such-host.invalid")
        .endsWith("(check --pg-url)\n");
  }

  @Test
  void aWrongPasswordEndsWithCode3AndNamesTheSettings() {
    CliRun r = CliRun.run("query", "--pg-url", TestPostgres.url(), "--pg-user", "nobody", "--pg-password", "wrong",
        "--all-tenants");
    assertThat(r.exitCode).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err()).contains("refused the login").contains("--pg-user").contains("--pg-password");
  }

  @Test
  void anUnknownSchemaEndsWithCode4AndNamesTheSetting() {
    for (String command : List.of("query", "export", "errors")) {
      CliRun r = CliRun.run(argsIn("no_such_schema", command, "--all-tenants"));
      assertThat(r.exitCode).as(command).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(r.err()).as(command).isEqualTo(
          "platform-logs: no log table no_such_schema.platform_logs in PostgreSQL at "
              + TestPostgres.url().substring("jdbc:postgresql://".length())
              + " (check --schema; the PostgreSQL sink creates the table on its first write)\n");
    }
  }

  @Test
  void errorMessagesNeverRepeatThePasswordOfTheUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun notJdbc = CliRun.run("query", "--pg-url", "postgres://app:hunter2@localhost/db", "--all-tenants");
    assertThat(notJdbc.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(notJdbc.err()).contains("'postgres://app:[REDACTED]@localhost/db'").doesNotContain("hunter2");
    for (String url :
        List.of(
            "jdbc:postgresql://localhost:" + port + "/postgres?user=app&password=hunter2",
            "jdbc:postgresql://app:hunter2@localhost:" + port + "/postgres")) {
      CliRun r = CliRun.run("query", "--pg-url", url, "--all-tenants");
      assertThat(r.exitCode).as(url).isNotZero();
      assertThat(r.err()).as(url).startsWith("platform-logs: ").doesNotContain("hunter2");
    }
    CliRun userInfo = CliRun.run("query", "--pg-url", "jdbc:postgresql://app:hunter2@localhost/db", "--all-tenants");
    assertThat(userInfo.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(userInfo.err())
        .isEqualTo("platform-logs: --pg-url is 'jdbc:postgresql://app:[REDACTED]@localhost/db': pgjdbc reads"
            + " user:password@ as part of the host; give the user and password as their own settings"
            + " (--pg-user / PLATFORM_LOGS_PG_USER, --pg-password / PLATFORM_LOGS_PG_PASSWORD)\n");
  }

  @Test
  void malformedInputEndsWithCode2BeforeAnythingIsContacted() {
    String unreachable = "jdbc:postgresql://localhost:1/postgres";
    Map<String[], String> cases = new java.util.LinkedHashMap<>();
    cases.put(new String[] {"query", "--pg-url", "postgres://localhost/db", "--all-tenants"},
        "platform-logs: --pg-url is 'postgres://localhost/db': write a JDBC URL such as jdbc:postgresql://localhost:5432/postgres\n");
    cases.put(new String[] {"query", "--pg-url", unreachable},
        "platform-logs: no tenant given: add --tenant ID, or --all-tenants to read every tenant's entries\n");
    cases.put(new String[] {"errors", "--pg-url", unreachable, "--tenant", "t1", "--all-tenants"},
        "platform-logs: --tenant and --all-tenants exclude each other: give one\n");
    cases.put(new String[] {"query", "--pg-url", unreachable, "--all-tenants", "--limit", "0"},
        "platform-logs: --limit 0: use 1 to 1000 and page with --cursor\n");
    cases.put(new String[] {"export", "--pg-url", unreachable, "--all-tenants", "--since", "1h", "--until", "2h"},
        null);
    cases.put(new String[] {"query", "--pg-url", unreachable, "--all-tenants", "--schema", "Bad-Name"},
        "platform-logs: --schema: schema is 'Bad-Name': use a lower-case PostgreSQL identifier (letters, digits, _,"
            + " at most 48 characters, not starting with a digit), such as public or logs\n");
    for (Map.Entry<String[], String> c : cases.entrySet()) {
      CliRun r = CliRun.run(c.getKey());
      assertThat(r.exitCode).as(String.join(" ", c.getKey())).isEqualTo(ExitCodes.USAGE);
      if (c.getValue() != null) {
        assertThat(r.err()).isEqualTo(c.getValue());
      } else {
        assertThat(r.err()).startsWith("platform-logs: --since (").contains("is not before --until");
      }
    }
    CliRun level = CliRun.run("query", "--all-tenants", "--level", "loud");
    assertThat(level.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(level.err()).contains("loud").contains("Try 'platform-logs query --help'.");
    CliRun since = CliRun.run("errors", "--all-tenants", "--since", "yesterday");
    assertThat(since.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(since.err()).contains("'yesterday' is neither a duration back from now");
    CliRun format = CliRun.run("export", "--all-tenants", "--format", "xml");
    assertThat(format.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(format.err()).contains("xml");
  }

  @Test
  void aCursorTheCommandDidNotPrintEndsWithCode2() {
    CliRun r = CliRun.run(args("query", "--all-tenants", "--cursor", "not-a-cursor"));
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("platform-logs: --cursor 'not-a-cursor' is not a cursor this command printed");
  }
}
