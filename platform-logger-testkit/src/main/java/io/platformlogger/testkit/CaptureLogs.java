package io.platformlogger.testkit;

import io.platformlogger.core.Level;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Captures every entry logged during each test (through SLF4J, {@code PlatformLoggers} and any
 * logger following the process-wide pipeline) into memory; declare a {@link CapturedLogs}
 * parameter to read them:
 *
 * <pre>{@code
 * @CaptureLogs
 * class OrderServiceTest {
 *   @Test
 *   void logsThePlacedOrder(CapturedLogs logs) {
 *     new OrderService().place("o-1");
 *     LogAssertions.assertThat(logs.entries()).containsMessage("order o-1 placed");
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh in-memory pipeline installed as the process-wide one, and the previous
 * one is put back afterwards. Because that pipeline is process-wide, tests that capture logs must
 * not run in parallel with each other in one JVM.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(CaptureLogsExtension.class)
public @interface CaptureLogs {
  /** The least severe level captured. */
  Level level() default Level.TRACE;
}
