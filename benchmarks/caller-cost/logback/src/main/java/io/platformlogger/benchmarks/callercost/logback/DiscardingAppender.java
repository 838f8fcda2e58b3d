package io.platformlogger.benchmarks.callercost.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.util.concurrent.atomic.AtomicLong;

/** Encodes each event with the configured encoder, throws the bytes away and counts. */
public final class DiscardingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  static final AtomicLong ENTRIES = new AtomicLong();

  private Encoder<ILoggingEvent> encoder;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder for appender " + getName());
      return;
    }
    encoder.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    byte[] bytes = encoder.encode(event);
    if (bytes.length > 0) {
      ENTRIES.incrementAndGet();
    }
  }
}
