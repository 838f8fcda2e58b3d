package io.platformlogger.core.console;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A sink that prints entries to standard output (or a given stream), for development and for
 * containers whose platform collects standard output.
 *
 * <h2>PRETTY format</h2>
 *
 * One line per entry, fields separated by single spaces, absent fields left out:
 *
 * <pre>
 * 2026-11-22T08:12:31.123Z INFO  billing [c.a.OrderService] order placed items=3 note="gift wrap" event=order.placed tenant=t-1 user=u-7 request=r-9 trace=4bf92f35 (OrderService.java:42) error="java.lang.IllegalStateException: declined" code=E42
 *     |   at com.acme.OrderService.place(OrderService.java:42)
 *     | Caused by: java.io.IOException: timeout
 * </pre>
 *
 * <ol>
 *   <li>the timestamp in UTC with millisecond precision;
 *   <li>the level padded to five characters, coloured when colour is on (ERROR red, WARN yellow,
 *       INFO green, DEBUG cyan, TRACE grey);
 *   <li>the service; the logger name in brackets with its package segments abbreviated to their
 *       first letter; the message;
 *   <li>each {@code data} entry as {@code key=value}: strings that are not a plain token (empty, or
 *       holding a space, {@code =}, {@code "}, {@code \} or a control character) are double-quoted
 *       with {@code "} and {@code \} backslash-escaped; nested lists and maps as compact JSON;
 *   <li>{@code event=}, {@code tenant=}, {@code user=}, {@code request=} and {@code trace=} (the
 *       trace id's first 8 hex digits, like a short commit hash);
 *   <li>{@code (File.java:line)} when the entry has a source file;
 *   <li>{@code error=} with the error type and message (the first line of the stack) and {@code
 *       code=} with the error code;
 *   <li>the rest of the error stack, one continuation line per stack line, each starting with
 *       {@code "    | "} (a tab indent shown as two spaces). An entry line
 *       starts with its timestamp (a digit, or a sign for years outside 0000-9999), so a
 *       continuation line can never be taken for an entry.
 * </ol>
 *
 * <p>Every printed value is escaped: line feed, carriage return and tab as {@code \n}, {@code \r},
 * {@code \t}; every other C0 control, DEL, C1 control, U+2028/U+2029, bidi control, zero-width
 * and tag character as {@code \}{@code uXXXX} (see {@link Escaping}). A message therefore cannot
 * start a forged entry line, send ANSI escape sequences to the terminal, reorder the line or hide
 * text in it. Backslashes outside quoted values are printed as they are, to keep Windows paths
 * and regular expressions readable; the line is for people, the JSON format is for machines.
 *
 * <h2>JSON format</h2>
 *
 * One compact object per line, as {@link LogEntryJson#encode} writes it; C1 controls,
 * U+2028/U+2029, bidi controls, zero-width and tag characters, which JSON allows raw inside
 * strings, are written as {@code \}{@code uXXXX} escapes too (meaning the same characters).
 *
 * <h2>Behaviour</h2>
 *
 * Lines end with {@code '\n'}. A batch is rendered completely, written in one piece and flushed
 * once. An entry the JSON encoder rejects fails the batch with {@link LogSinkException#permanent}
 * before anything is written. A write error surfaces as an {@link IOException} from {@link #write}
 * (a {@link PrintStream} swallows errors, so the sink asks its {@code checkError()}; that flag
 * stays set, so a broken stream fails every later write too).
 *
 * <p>The sink never closes the stream it writes to: {@link #close()} only flushes. Whoever
 * opened a stream closes it, and {@code System.out}/{@code System.err} stay usable. Without
 * {@link Builder#output(PrintStream) output(...)} the sink writes to whatever {@code System.out}
 * is at each write, so a later {@code System.setOut} is honoured. It is not {@linkplain
 * #idempotent() idempotent}: a retried batch is printed again.
 *
 * <p>Thread-safe: all methods synchronize on the sink, so concurrent batches never interleave.
 */
public final class ConsoleSink implements LogSink {
  private final ConsoleFormat format;
  private final boolean color;
  private final ConsoleOutput output;
  private boolean closed;

  /**
   * For tests: {@code env} looks up environment variables, {@code isTerminal} says whether the
   * output is a terminal.
   */
  ConsoleSink(Builder builder, Function<String, String> env, boolean isTerminal) {
    this.format = builder.format;
    this.color = format == ConsoleFormat.PRETTY && colorEnabled(builder.color, env, isTerminal);
    this.output = builder.output;
  }

  /** A builder for a PRETTY, AUTO-coloured sink writing to {@code System.out}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pipeline's fallback printer: PRETTY, AUTO colour, to whatever {@code System.err} is at
   * each write. Prints entries that must not reach real sinks (a sink client library's own
   * logging) and the pipeline's reports about itself.
   */
  public static ConsoleSink stderrFallback() {
    Builder b = new Builder();
    b.output = ConsoleOutput.of(() -> System.err);
    return b.build();
  }

  @Override
  public String name() {
    return "console";
  }

  /** The console shows what happens now: it is never fed from the spool, nor replays a past run. */
  @Override
  public boolean fedFromSpool() {
    return false;
  }

  /**
   * Prints the batch and flushes.
   *
   * @throws IllegalStateException after {@link #close()}
   * @throws LogSinkException (permanent) when the JSON encoder rejects an entry
   * @throws IOException when the stream fails
   */
  @Override
  public synchronized void write(List<LogEntry> batch) throws IOException, LogSinkException {
    if (closed) {
      throw new IllegalStateException("console sink is closed");
    }
    StringBuilder sb = new StringBuilder(batch.size() * 200);
    for (LogEntry entry : batch) {
      if (format == ConsoleFormat.JSON) {
        appendJson(sb, entry);
      } else {
        PrettyFormat.append(sb, entry, color);
      }
    }
    output.write(sb.toString());
    output.flush();
  }

  @Override
  public synchronized void flush() throws IOException {
    if (!closed) {
      output.flush();
    }
  }

  /** Flushes; does not close the stream (see the class comment). Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    output.flush();
  }

  boolean colorEnabled() {
    return color;
  }

  private static void appendJson(StringBuilder sb, LogEntry entry) throws LogSinkException {
    String json;
    try {
      json = LogEntryJson.encode(entry);
    } catch (RuntimeException ex) {
      throw LogSinkException.permanent("cannot encode entry " + entry.id() + " as JSON", ex);
    }
    // Control characters can only occur inside JSON strings, where a backslash-u escape means
    // the same character.
    Escaping.appendEscaped(sb, json);
    sb.append('\n');
  }

  static boolean colorEnabled(ColorMode mode, Function<String, String> env, boolean isTerminal) {
    switch (mode) {
      case ALWAYS:
        return true;
      case NEVER:
        return false;
      default:
        if (!isTerminal) {
          return false;
        }
        String noColor = lookup(env, "NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
          return false;
        }
        return !"dumb".equals(lookup(env, "TERM"));
    }
  }

  private static String lookup(Function<String, String> env, String name) {
    try {
      return env.apply(name);
    } catch (RuntimeException ex) {
      return null; // a security manager may forbid reading the environment
    }
  }

  /**
   * Whether the process's console is an interactive terminal. From JDK 22 {@code System.console()}
   * returns a Console even when output is redirected, and {@code Console.isTerminal()} (not in Java
   * 17's API, hence reflection) tells the difference.
   */
  static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException ex) {
      return true; // before JDK 22, a non-null console means a terminal
    } catch (ReflectiveOperationException | RuntimeException ex) {
      return false;
    }
  }

  /** Configures a {@link ConsoleSink}; not thread-safe. */
  public static final class Builder {
    private ConsoleFormat format = ConsoleFormat.PRETTY;
    private ColorMode color = ColorMode.AUTO;
    private ConsoleOutput output = ConsoleOutput.of(() -> System.out);
    private boolean standardStream = true;

    private Builder() {}

    /** PRETTY (default) or JSON. */
    public Builder format(ConsoleFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** AUTO (default), ALWAYS or NEVER; only PRETTY output is ever coloured. */
    public Builder color(ColorMode color) {
      this.color = Objects.requireNonNull(color, "color");
      return this;
    }

    /** Writes to this stream in its own charset; the sink never closes it. */
    public Builder output(PrintStream stream) {
      Objects.requireNonNull(stream, "stream");
      this.output = ConsoleOutput.of(stream);
      this.standardStream = stream == System.out || stream == System.err;
      return this;
    }

    /** Writes UTF-8 to this stream; the sink never closes it. */
    public Builder output(OutputStream stream) {
      Objects.requireNonNull(stream, "stream");
      if (stream instanceof PrintStream) {
        return output((PrintStream) stream);
      }
      this.output = ConsoleOutput.of(stream);
      this.standardStream = false;
      return this;
    }

    /**
     * Appends to this {@link Appendable} (a {@code StringBuilder}, a {@code Writer}); flushes it
     * when it is {@link java.io.Flushable}; the sink never closes it.
     */
    public Builder output(Appendable appendable) {
      Objects.requireNonNull(appendable, "appendable");
      if (appendable instanceof PrintStream) {
        return output((PrintStream) appendable);
      }
      this.output = ConsoleOutput.of(appendable);
      this.standardStream = false;
      return this;
    }

    public ConsoleSink build() {
      return new ConsoleSink(this, System::getenv, standardStream && consoleIsTerminal());
    }
  }
}
