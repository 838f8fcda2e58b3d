package io.platformlogger.benchmarks.callercost.log4j2;

import io.platformlogger.benchmarks.callercost.Slf4jCallerCost;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.core.layout.ByteBufferDestinationHelper;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.openjdk.jmh.annotations.Setup;

/**
 * The Log4j 2 anchor: all loggers asynchronous (see log4j2.component.properties), JSON by
 * JsonTemplateLayout's ECS template, encoded garbage-free into a buffer that is thrown away.
 */
public class Log4j2CallerCost extends Slf4jCallerCost {
  private static final AtomicLong ENTRIES = new AtomicLong();

  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void addDiscardingJsonAppender() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    if (!context.getClass().getSimpleName().equals("AsyncLoggerContext")) {
      throw new IllegalStateException("expected all-asynchronous loggers, got " + context.getClass());
    }
    Configuration config = context.getConfiguration();
    JsonTemplateLayout layout =
        JsonTemplateLayout.newBuilder()
            .setConfiguration(config)
            .setEventTemplateUri("classpath:EcsLayout.json")
            .build();
    DiscardingAppender appender = new DiscardingAppender(layout);
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
  }

  @Override
  protected long delivered() {
    return ENTRIES.get();
  }

  long deliveredForBackend() {
    return ENTRIES.get();
  }

  /** Encodes each event as a File appender would, into a buffer that is cleared. */
  static final class DiscardingAppender extends AbstractAppender implements ByteBufferDestination {
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);

    DiscardingAppender(JsonTemplateLayout layout) {
      super("discard", null, layout, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      synchronized (this) {
        getLayout().encode(event, this);
        buffer.clear();
      }
      ENTRIES.incrementAndGet();
    }

    @Override
    public ByteBuffer getByteBuffer() {
      return buffer;
    }

    @Override
    public ByteBuffer drain(ByteBuffer buf) {
      buf.clear();
      return buf;
    }

    @Override
    public void writeBytes(ByteBuffer data) {
      ByteBufferDestinationHelper.writeToUnsynchronized(data, this);
    }

    @Override
    public void writeBytes(byte[] data, int offset, int length) {
      ByteBufferDestinationHelper.writeToUnsynchronized(data, offset, length, this);
    }
  }
}
