package io.platformlogger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field table describes LogEntry and LogContext exactly: every row has its accessor and setter. */
class EntryFieldTest {

  @Test
  void everyFieldHasAnAccessorAndASetterOfItsKindsTypeAndNothingIsMissing() throws Exception {
    List<String> accessors = new ArrayList<>();
    for (Method m : LogEntry.class.getDeclaredMethods()) {
      if (java.lang.reflect.Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0
          && !m.getName().equals("toBuilder") && !m.getName().equals("builder")
          && !m.getName().equals("hashCode") && !m.getName().equals("toString")) {
        accessors.add(m.getName());
      }
    }
    assertThat(accessors)
        .containsExactlyInAnyOrderElementsOf(EntryField.all().stream().map(EntryField::javaName).toList());
    for (EntryField f : EntryField.all()) {
      Method getter = LogEntry.class.getMethod(f.javaName());
      assertThat(f.kind().type()).as(f.jsonName()).isAssignableFrom(getter.getReturnType());
      Method setter = LogEntry.Builder.class.getMethod(f.javaName(), getter.getReturnType());
      assertThat(setter.getReturnType()).isEqualTo(LogEntry.Builder.class);
    }
  }

  @Test
  void aValueSetThroughTheTableIsWhatTheTypedAccessorReturns() throws Exception {
    LogEntry.Builder b = LogEntry.builder();
    for (EntryField f : EntryField.all()) {
      f.set(b, sample(f));
    }
    LogEntry e = b.build();
    for (EntryField f : EntryField.all()) {
      assertThat(f.get(e)).as(f.jsonName()).isEqualTo(sample(f));
      assertThat(LogEntry.class.getMethod(f.javaName()).invoke(e)).isEqualTo(sample(f));
    }
    assertThat(EntryField.SOURCE_LINE.text(e)).isEqualTo("7");
    assertThat(EntryField.ENVIRONMENT.text(e)).isEqualTo("staging");
    assertThat(EntryField.TIMESTAMP.text(e)).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(e.toBuilder().build()).isEqualTo(e);
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheField() {
    assertThatThrownBy(() -> EntryField.SOURCE_LINE.set(LogEntry.builder(), "7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source_line");
    assertThatThrownBy(() -> EntryField.MARKERS.set(LogEntry.builder(), List.of("a", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("markers");
    assertThatThrownBy(() -> EntryField.DATA.text(LogEntry.builder().level(Level.INFO).build()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theRequestGroupIsWhatALogContextNamesUnderBothSpellings() throws Exception {
    LogContext.Builder b = LogContext.builder();
    for (EntryField f : EntryField.requestFields()) {
      b.put(f.jsonName(), "v-" + f.javaName());
    }
    LogContext c = b.build();
    for (EntryField f : EntryField.requestFields()) {
      assertThat(LogContext.class.getMethod(f.javaName()).invoke(c)).isEqualTo("v-" + f.javaName());
      assertThat(c.get(f.javaName())).isEqualTo("v-" + f.javaName());
    }
    assertThat(c.extras()).isEmpty();
    assertThat(EntryField.requestFields())
        .extracting(EntryField::jsonName)
        .containsExactly("tenant_id", "tenant_slug", "workspace_id", "project_id", "user_id",
            "session_id", "impersonator_id", "request_id", "trace_id", "span_id");
  }

  @Test
  void namesAreLookedUpByJsonNameAndUnknownOnesAreNull() {
    assertThat(EntryField.forJsonName("instance_id")).isEqualTo(EntryField.INSTANCE_ID);
    assertThat(EntryField.INSTANCE_ID.javaName()).isEqualTo("instanceId");
    assertThat(EntryField.forJsonName("instanceId")).isNull();
    assertThat(EntryField.all().get(EntryField.all().size() - 1)).isEqualTo(EntryField.SANITIZED);
  }

  private static Object sample(EntryField f) {
    switch (f.kind()) {
      case TEXT:
        return f == EntryField.ID ? "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" : "v-" + f.jsonName();
      case INSTANT:
        return Instant.parse("2026-01-02T03:04:05Z");
      case LEVEL:
        return Level.WARN;
      case ENVIRONMENT:
        return Environment.STAGING;
      case INTEGER:
        return 7;
      case DATA:
        return Map.of("k", "v");
      default:
        return List.of("m-" + f.jsonName());
    }
  }
}
