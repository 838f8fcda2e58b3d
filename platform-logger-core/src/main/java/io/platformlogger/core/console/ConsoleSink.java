package io.platformlogger.core.console;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import java.io.PrintStream;
import java.util.List;

/** TEMPORARY stand-in until the real one is merged. */
public final class ConsoleSink implements LogSink {
  private final PrintStream out = System.out;

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public void write(List<LogEntry> batch) {
    for (LogEntry e : batch) {
      out.println(e.timestamp() + " " + e.level() + " " + e.message());
    }
  }

  @Override
  public void close() {}

  /** Builder. */
  public static final class Builder {
    public Builder format(ConsoleFormat f) {
      return this;
    }

    public Builder color(ColorMode c) {
      return this;
    }

    public ConsoleSink build() {
      return new ConsoleSink();
    }
  }
}
