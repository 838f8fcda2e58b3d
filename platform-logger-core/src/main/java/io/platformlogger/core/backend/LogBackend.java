package io.platformlogger.core.backend;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.pipeline.LogLevels;
import java.time.Instant;

/**
 * The one seam between the logging API ({@code PlatformLogger}, {@code LogStatement}, the SLF4J
 * logger) and whatever turns calls into entries, after Flogger's {@code LoggerBackend}: the API
 * asks for the levels, captures a call with {@link #capture}, fills it in and hands it over with
 * {@link #submit}. {@code LogPipeline} implements it; nothing else in the API knows the pipeline's
 * insides. Not API: this package is not exported (module-info.java).
 *
 * <p>Every method is called on the application's logging thread and must be thread-safe, cheap and
 * non-blocking; {@link #submit} never throws.
 */
public interface LogBackend {
  /** The logger levels and their generation, which loggers cache their threshold against. */
  LogLevels levels();

  /** Whether calls without a compile-time call site should look theirs up at run time. */
  boolean locatesCallers();

  /**
   * Starts a call at {@code level} from {@code loggerName} on the calling thread: captures the
   * backend clock's time, the thread's name, its {@link LogContext} and the current span now.
   */
  LogCall capture(Level level, String loggerName);

  /**
   * A call recorded earlier, perhaps on another thread, handed over now (SLF4J replays the calls it
   * queued while it was initializing): its own time, thread name and context (may be empty).
   */
  LogCall replay(Level level, String loggerName, Instant at, String threadName, LogContext context);

  /**
   * Hands a call from {@link #capture} or {@link #replay} over; the caller must not touch it
   * afterwards. Never blocks, never throws: what cannot be taken is counted and reported.
   */
  void submit(LogCall call);
}
