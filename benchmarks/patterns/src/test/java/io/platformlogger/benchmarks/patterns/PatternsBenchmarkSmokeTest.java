package io.platformlogger.benchmarks.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.patterns.TemplateMiner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's own parts, on a crafted file: no timing, no Loghub data. */
class PatternsBenchmarkSmokeTest {

  @Test
  void groupingAccuracyCountsOnlyLinesWhoseGroupIsExactlyTheirTrueGroup() {
    // true groups {0,1} {2} {3}; predicted {0,1,2} {3}: lines 0-2 wrong, line 3 right
    assertThat(GroupingAccuracy.of(List.of("A", "A", "B", "C"), List.of("x", "x", "x", "y"))).isEqualTo(0.25);
    assertThat(GroupingAccuracy.of(List.of("A", "A", "B"), List.of("p", "p", "q"))).isEqualTo(1.0);
  }

  @Test
  void aStructuredCsvWithQuotedCommasIsReadAndMeasured(@TempDir Path dir) throws Exception {
    Path system = Files.createDirectories(dir.resolve("Tiny"));
    Files.writeString(system.resolve("Tiny_2k.log_structured.csv"), """
        LineId,Level,Content,EventId,EventTemplate
        1,INFO,"Registered handlers for [TERM, HUP, INT]",E1,"Registered handlers for [TERM, HUP, INT]"
        2,INFO,Block 12 stored in memory,E2,Block <*> stored in memory
        3,INFO,Block 99 stored in memory,E2,Block <*> stored in memory
        4,WARN,"He said ""no"", twice",E3,"He said ""no"", twice"
        """);

    List<LabelledLog> logs = LabelledLog.readAll(dir);

    assertThat(logs).hasSize(1);
    LabelledLog log = logs.get(0);
    assertThat(log.system()).isEqualTo("Tiny");
    assertThat(log.messages()).containsExactly(
        "Registered handlers for [TERM, HUP, INT]", "Block 12 stored in memory", "Block 99 stored in memory",
        "He said \"no\", twice");
    assertThat(log.eventIds()).containsExactly("E1", "E2", "E2", "E3");
    assertThat(GroupingAccuracy.of(log.eventIds(), TemplateMiner.templatesOf(log.messages()))).isEqualTo(1.0);
  }
}
