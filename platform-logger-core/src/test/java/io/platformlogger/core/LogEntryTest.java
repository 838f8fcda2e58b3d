package io.platformlogger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogEntryTest {

  @Test
  void idsAreTimeOrderedUuidV7sCarryingTheTimestamp() {
    Instant t = Instant.now();
    LogEntry a = LogEntry.builder().level(Level.INFO).timestamp(t).build();
    LogEntry b = LogEntry.builder().level(Level.INFO).timestamp(t).build();
    assertThat(a.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(b.id()).isGreaterThan(a.id());
    long millis = Long.parseLong(a.id().substring(0, 8) + a.id().substring(9, 13), 16);
    assertThat(millis).isEqualTo(t.toEpochMilli());
  }

  @Test
  void aMillionIdsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) {
      ids.add(EntryIds.next(1_700_000_000_000L));
    }
    assertThat(ids).hasSize(1_000_000);
  }

  @Test
  void extremeTimestampsNeitherThrowNorDisturbLaterIds() {
    LogEntry max = LogEntry.builder().level(Level.INFO).timestamp(Instant.MAX).build();
    LogEntry min = LogEntry.builder().level(Level.INFO).timestamp(Instant.MIN).build();
    LogEntry normal = LogEntry.builder().level(Level.INFO).build();
    assertThat(max.timestamp()).isEqualTo(Instant.MAX);
    assertThat(min.timestamp()).isEqualTo(Instant.MIN);
    long millis = Long.parseLong(normal.id().substring(0, 8) + normal.id().substring(9, 13), 16);
    assertThat(millis).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
  }

  @Test
  void anEntryIsImmutableEvenIfItsBuildersInputsChange() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("k", "v");
    LogEntry e = LogEntry.builder().level(Level.WARN).data(data).markers(new java.util.ArrayList<>(List.of("m"))).build();
    data.put("k", "changed");
    assertThat(e.data()).containsEntry("k", "v");
    assertThatThrownBy(() -> e.data().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.markers().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderCopiesEveryFieldAndEqualityCoversThem() {
    LogEntry e =
        LogEntry.builder().level(Level.ERROR).message("m").tenantId("t").traceId("abc").sourceLine(3).errorCode("E1").build();
    assertThat(e.toBuilder().build()).isEqualTo(e).hasSameHashCodeAs(e);
    assertThat(e.toBuilder().errorCode("E2").build()).isNotEqualTo(e);
    assertThat(e.toString()).contains("tenant_id=t").contains("error_code=E1");
  }

  @Test
  void aLevelIsRequiredAndTheRestHasSafeDefaults() {
    assertThatThrownBy(() -> LogEntry.builder().build()).isInstanceOf(NullPointerException.class).hasMessage("level");
    LogEntry e = LogEntry.builder().level(Level.INFO).build();
    assertThat(e.message()).isEmpty();
    assertThat(e.data()).isEmpty();
    assertThat(e.markers()).isEmpty();
    assertThat(e.sanitized()).isEmpty();
    assertThat(e.timestamp()).isNotNull();
  }
}
