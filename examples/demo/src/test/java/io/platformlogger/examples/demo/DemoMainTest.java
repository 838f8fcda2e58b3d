package io.platformlogger.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the README's demo end to end on real PostgreSQL, Kafka and Redis and checks what a newcomer sees. */
class DemoMainTest {

  @Test
  void movesEveryEntryThroughKafkaIntoPostgresAndShowsSearchPagesErrorsAndCounters() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code = DemoMain.run(new String[] {"60"}, out);
    }
    String shown = bytes.toString(StandardCharsets.UTF_8);

    assertThat(code).isZero();
    Matcher moved = Pattern.compile("(\\d+) entries published to Kafka, (\\d+) stored in PostgreSQL").matcher(shown);
    assertThat(moved.find()).as(shown).isTrue();
    assertThat(moved.group(2)).isEqualTo(moved.group(1));
    assertThat(Integer.parseInt(moved.group(1))).isGreaterThan(60 * 2);
    assertThat(shown).contains("redis sink  written=" + moved.group(1) + " retries=0 failed=0");
    assertThat(shown)
        .containsPattern("(ERROR|WARN ) (checkout|payments|inventory) .*\\(ShopSimulation\\.java:\\d+\\)")
        .containsPattern("WARN/ERROR entries followed live")
        .contains("== full-text search")
        .containsPattern("WARN  payments .* declined for order \\d+  \\(ShopSimulation\\.java:\\d+\\)")
        .contains("next cursor: ")
        .containsPattern("service: http://127\\.0\\.0\\.1:\\d+ ")
        .contains("GET /api/logs?level=error&limit=3 -> 200")
        .containsPattern("[0-9a-f]{16}  \\d+ ")
        .containsPattern("kafka sink +written=\\d+ retries=\\d+ failed=0 shed=0")
        .containsPattern("ingestor +consumed=\\d+ stored=\\d+ dead_lettered=0")
        .endsWith("done." + System.lineSeparator());
  }
}
