package io.platformlogger.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/**
 * One entry as the OpenTelemetry SDK's {@link LogRecordData}, the form its OTLP exporter encodes.
 * Built by {@link RecordMapper}; immutable.
 */
final class EntryRecord implements LogRecordData {
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final long timestampNanos;
  private final SpanContext spanContext;
  private final Severity severity;
  private final String severityText;
  private final String body;
  private final Attributes attributes;
  private final String eventName;

  EntryRecord(
      Resource resource,
      InstrumentationScopeInfo scope,
      long timestampNanos,
      SpanContext spanContext,
      Severity severity,
      String severityText,
      String body,
      Attributes attributes,
      String eventName) {
    this.resource = resource;
    this.scope = scope;
    this.timestampNanos = timestampNanos;
    this.spanContext = spanContext;
    this.severity = severity;
    this.severityText = severityText;
    this.body = body;
    this.attributes = attributes;
    this.eventName = eventName;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public long getTimestampEpochNanos() {
    return timestampNanos;
  }

  /** The pipeline observed the entry when it was logged: the same instant. */
  @Override
  public long getObservedTimestampEpochNanos() {
    return timestampNanos;
  }

  @Override
  public SpanContext getSpanContext() {
    return spanContext;
  }

  @Override
  public Severity getSeverity() {
    return severity;
  }

  @Override
  public String getSeverityText() {
    return severityText;
  }

  @Override
  @Deprecated
  public Body getBody() {
    return Body.string(body);
  }

  @Override
  public Value<?> getBodyValue() {
    return Value.of(body);
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return attributes.size();
  }

  @Override
  public String getEventName() {
    return eventName;
  }
}
