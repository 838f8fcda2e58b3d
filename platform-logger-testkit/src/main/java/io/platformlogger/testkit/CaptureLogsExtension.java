package io.platformlogger.testkit;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link CaptureLogs}: installs a capturing pipeline before each test,
 * resolves {@link CapturedLogs} parameters, and restores the previous pipeline after the test.
 */
public final class CaptureLogsExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CaptureLogsExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Level level =
        findAnnotation(context).map(CaptureLogs::level).orElse(Level.TRACE);
    InMemorySink sink = new InMemorySink();
    LogPipeline pipeline =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .service("test")
                    .environment(Environment.DEVELOPMENT)
                    .level(level)
                    .consoleEnabled(false)
                    .shutdownHook(false)
                    .build())
            .configuredSinks(false)
            .sink(sink, level)
            .build();
    LogPipeline previous = PlatformLoggers.install(pipeline);
    ExtensionContext.Store store = context.getStore(NS);
    store.put("captured", new CapturedLogs(pipeline, sink));
    store.put("previous", Optional.ofNullable(previous));
  }

  private static Optional<CaptureLogs> findAnnotation(ExtensionContext context) {
    Optional<CaptureLogs> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), CaptureLogs.class);
    return onMethod.isPresent()
        ? onMethod
        : AnnotationSupport.findAnnotation(context.getTestClass(), CaptureLogs.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    CapturedLogs captured = store.remove("captured", CapturedLogs.class);
    Optional<LogPipeline> previous = store.remove("previous", Optional.class);
    PlatformLoggers.install(previous != null ? previous.orElse(null) : null);
    if (captured != null) {
      captured.pipeline().close(Duration.ofSeconds(10));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == CapturedLogs.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    CapturedLogs captured = extensionContext.getStore(NS).get("captured", CapturedLogs.class);
    if (captured == null) {
      throw new org.junit.jupiter.api.extension.ParameterResolutionException(
          "CapturedLogs is available in @Test methods of a @CaptureLogs class or method only");
    }
    return captured;
  }
}
