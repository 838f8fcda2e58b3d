package io.platformlogger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.redis.TestRedis;
import io.platformlogger.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real {@code tail} command, in-process, against a real Redis. */
class TailCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final String stream = "cli-test:" + UUID.randomUUID();
  private final RedisStreamLogSink sink =
      RedisStreamLogSink.builder().uri(TestRedis.url()).stream(stream).build();

  @AfterEach
  void closeSink() {
    sink.close();
  }

  private static LogEntry entry(String message, Level level, String service, String tenant) {
    return LogEntry.builder()
        .timestamp(Instant.parse("2026-11-30T22:00:00.123Z"))
        .level(level)
        .message(message)
        .service(service)
        .tenantId(tenant)
        .build();
  }

  private String[] tail(String... more) {
    List<String> args = new ArrayList<>(List.of("tail", "--redis-url", TestRedis.url(), "--stream", stream));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  @Test
  void printsWhatTheStreamHoldsPrefixedByServiceAndExits() throws Exception {
    sink.write(
        List.of(
            entry("order placed", Level.INFO, "checkout", "t-1"),
            entry("card declined", Level.ERROR, "billing-service", "t-2")));
    CliRun r = CliRun.run(tail());
    assertThat(r.exitCode).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "checkout | 2026-11-30T22:00:00.123Z INFO  order placed tenant=t-1\n"
                + "billing-service | 2026-11-30T22:00:00.123Z ERROR card declined tenant=t-2\n");
  }

  @Test
  void escapesControlCharactersSoNoMessageCanForgeALineOrDriveTheTerminal() throws Exception {
    sink.write(List.of(entry("evil\n2026-01-01T00:00:00Z ERROR forged \u001b[31mred", Level.INFO, "svc\u001b]0;x", null)));
    CliRun r = CliRun.run(tail());
    assertThat(r.out())
        .isEqualTo(
            "svc\\u001b]0;x | 2026-11-30T22:00:00.123Z INFO  evil\\n2026-01-01T00:00:00Z ERROR forged \\u001b[31mred\n")
        .doesNotContain("\u001b");
  }

  @Test
  void anRloInTheServiceNameCannotReverseThePrefixedLine() throws Exception {
    sink.write(List.of(entry("paid\u2066 invoice\u200b", Level.INFO, "pay\u202ement", null)));
    CliRun r = CliRun.run(tail());
    assertThat(r.out())
        .isEqualTo("pay\\u202ement | 2026-11-30T22:00:00.123Z INFO  paid\\u2066 invoice\\u200b\n")
        .doesNotContain("\u202e");
  }

  @Test
  void followReceivesAnEntryWrittenAfterItStartedAndStopsCleanly() throws Exception {
    sink.write(List.of(entry("before", Level.INFO, "a", null)));
    CliRun r = new CliRun(Map.of(), false);
    CompletableFuture<Integer> running = r.start(tail("-f"));
    Await.until("the history is printed", WAIT, () -> r.out().contains("before"));
    sink.write(List.of(entry("after", Level.WARN, "a", null)));
    Await.until("the new entry is printed", WAIT, () -> r.out().contains("after"));
    r.cli.stop();
    assertThat(running.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(r.out()).containsSubsequence("before", "WARN  after");
  }

  @Test
  void grepLevelServiceAndTenantFilter() throws Exception {
    sink.write(
        List.of(
            entry("payment failed for order 17", Level.ERROR, "billing", "t-1"),
            entry("payment ok for order 18", Level.INFO, "billing", "t-1"),
            entry("cart updated", Level.WARN, "cart", "t-2"),
            entry("payment failed for order 19", Level.ERROR, "billing", "t-2")));
    assertThat(lines(CliRun.run(tail("--grep", "order 1[78]")).out()))
        .containsExactly("payment failed for order 17", "payment ok for order 18");
    assertThat(lines(CliRun.run(tail("--level", "error,warn", "--service", "cart")).out()))
        .containsExactly("cart updated");
    assertThat(lines(CliRun.run(tail("--tenant", "t-2", "--level", "ERROR")).out()))
        .containsExactly("payment failed for order 19");
    assertThat(lines(CliRun.run(tail("--lines", "2")).out()))
        .containsExactly("cart updated", "payment failed for order 19");
  }

  @Test
  void sinceSkipsOlderEntries() throws Exception {
    sink.write(List.of(entry("old", Level.INFO, "a", null)));
    CliRun r = CliRun.run(tail("--since", Instant.now().plusSeconds(3600).toString()));
    assertThat(r.exitCode).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(lines(CliRun.run(tail("--since", "10m")).out())).containsExactly("old");
  }

  @Test
  void jsonOutputIsOneDecodableEntryPerLine() throws Exception {
    LogEntry e = entry("line one\nline two \u0085", Level.INFO, "a", "t");
    sink.write(List.of(e));
    CliRun r = CliRun.run(tail("--output", "json"));
    String[] out = r.out().split("\n");
    assertThat(out).hasSize(1);
    assertThat(LogEntryJson.decode(out[0])).isEqualTo(e);
    assertThat(out[0]).doesNotContain("\u0085");
  }

  @Test
  void coloursOnlyATerminalWithoutNoColorUnlessForced() throws Exception {
    sink.write(List.of(entry("hello", Level.ERROR, "a", null)));
    CliRun tty = new CliRun(Map.of(), true);
    tty.cli.execute(tail());
    assertThat(tty.out()).contains("\u001b[36ma |\u001b[0m").contains("\u001b[31mERROR\u001b[0m");

    CliRun noColor = new CliRun(Map.of("NO_COLOR", "1"), true);
    noColor.cli.execute(tail());
    assertThat(noColor.out()).doesNotContain("\u001b").contains("a | ");

    assertThat(CliRun.run(tail()).out()).doesNotContain("\u001b"); // not a terminal
    assertThat(CliRun.run(tail("--color", "always")).out()).contains("\u001b[36m");
  }

  @Test
  void readsTheServerFromTheEnvironment() throws Exception {
    sink.write(List.of(entry("from env", Level.INFO, "a", null)));
    CliRun r =
        CliRun.run(
            Map.of("PLATFORM_LOGS_REDIS_URL", TestRedis.url(), "PLATFORM_LOGS_STREAM", stream),
            "tail");
    assertThat(r.exitCode).isZero();
    assertThat(lines(r.out())).containsExactly("from env");
  }

  @Test
  void anUnreachableServerExitsWithCode3AndSaysWhere() {
    int port = TestRedis.freePort();
    CliRun r = CliRun.run("tail", "--redis-url", "redis://127.0.0.1:" + port);
    assertThat(r.exitCode).isEqualTo(3);
    assertThat(r.err())
        .startsWith("platform-logs: cannot connect to Redis at 127.0.0.1:" + port)
        .contains("(check --redis-url)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadUrlOrMalformedFilterExitsWithCode2AndSaysWhatToChange() {
    CliRun url = CliRun.run("tail", "--redis-url", "localhost:6379");
    assertThat(url.exitCode).isEqualTo(2);
    assertThat(url.err()).contains("'localhost:6379' is not a Redis URI: use redis://host:6379");

    CliRun envUrl = CliRun.run(Map.of("PLATFORM_LOGS_REDIS_URL", "http://x"), "tail");
    assertThat(envUrl.exitCode).isEqualTo(2);
    assertThat(envUrl.err()).contains("PLATFORM_LOGS_REDIS_URL");

    CliRun grep = CliRun.run("tail", "--grep", "order (");
    assertThat(grep.exitCode).isEqualTo(2);
    assertThat(grep.err()).contains("--grep").contains("not a valid regular expression");

    CliRun level = CliRun.run("tail", "--level", "loud");
    assertThat(level.exitCode).isEqualTo(2);
    assertThat(level.err()).contains("unknown level 'loud'; accepted: TRACE, DEBUG, INFO, WARN, ERROR");

    CliRun since = CliRun.run("tail", "--since", "10x");
    assertThat(since.exitCode).isEqualTo(2);
    assertThat(since.err()).contains("'10x' is neither a duration back from now");

    CliRun unknown = CliRun.run("tail", "--folow");
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--folow'").contains("Try 'platform-logs tail --help'.");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    CliRun r = CliRun.run("--help");
    assertThat(r.exitCode).isZero();
    assertThat(r.out()).contains("tail").contains("Exit codes: 0 done");
  }

  /** The messages of pretty output lines, for filter checks. */
  private static List<String> lines(String out) {
    List<String> messages = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        // "<service> | <timestamp> <LEVEL> <message...> [tenant=...]"
        String rest = line.substring(line.indexOf(" | ") + 3);
        rest = rest.substring(rest.indexOf(' ') + 1).substring(6);
        int pair = rest.indexOf(" tenant=");
        messages.add(pair < 0 ? rest : rest.substring(0, pair));
      }
    }
    return messages;
  }
}
