package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.ConfigurationException;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Identifier fields are indexed by the stores, so the entry builder bounds them (256 chars; code
 * names 1024) whatever {@code limits.value-chars} allows, and marks the cut like any other.
 */
class EntryFieldLimitsTest {
  @RegisterExtension final TestPipelines pipelines = new TestPipelines();

  private static final String LONG = "x".repeat(5000);

  @Test
  void aKilobyteIdInEachIdentifierFieldIsCutTo256CharsAndMarked() {
    RecordingSink sink = new RecordingSink("rec");
    LogPipeline p = pipelines.start(
        PlatformLoggerConfig.builder().service("svc").consoleEnabled(false).shutdownHook(false).spoolEnabled(false),
        sink);
    LogContext poisoned = LogContext.builder()
        .tenantId(LONG).tenantSlug(LONG).workspaceId(LONG).projectId(LONG).userId(LONG)
        .sessionId(LONG).impersonatorId(LONG).requestId(LONG).traceId(LONG).spanId(LONG).build();
    PlatformLogger.on(p, LONG).named(LONG).withContext(poisoned).atInfo()
        .eventType(LONG).action(LONG).errorCode(LONG).stream(LONG).log("poison");
    PlatformLogger.on(p, "svc").info("after");
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();

    LogEntry e = sink.entries().get(0);
    Map<String, Function<LogEntry, String>> ids = new LinkedHashMap<>();
    ids.put("tenant_id", LogEntry::tenantId);
    ids.put("tenant_slug", LogEntry::tenantSlug);
    ids.put("workspace_id", LogEntry::workspaceId);
    ids.put("project_id", LogEntry::projectId);
    ids.put("user_id", LogEntry::userId);
    ids.put("session_id", LogEntry::sessionId);
    ids.put("impersonator_id", LogEntry::impersonatorId);
    ids.put("request_id", LogEntry::requestId);
    ids.put("trace_id", LogEntry::traceId);
    ids.put("span_id", LogEntry::spanId);
    ids.put("service", LogEntry::service);
    ids.put("event_type", LogEntry::eventType);
    ids.put("action", LogEntry::action);
    ids.put("error_code", LogEntry::errorCode);
    ids.put("stream", LogEntry::stream);
    ids.forEach((field, get) -> {
      assertThat(get.apply(e)).as(field).isEqualTo("x".repeat(256) + "…[truncated 4744 chars]");
      assertThat(e.sanitized()).as(field).contains(field + "_truncated");
    });
    assertThat(e.loggerName()).isEqualTo("x".repeat(1024) + "…[truncated 3976 chars]");
    assertThat(e.sanitized()).contains("logger_name_truncated");
    assertThat(sink.entries().get(1).message()).isEqualTo("after");
    assertThat(sink.entries().get(1).sanitized()).isEmpty();
  }

  @Test
  void aServiceNameLongerThanAnIdentifierIsRefusedAtConfigurationTime() {
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().service("s".repeat(257)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("service")
        .hasMessageContaining("at most 256");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().service("s").instanceId("i".repeat(300)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("instance.id");
  }
}
